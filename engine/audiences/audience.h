#pragma once
// Audiences without SQL: the customer schema an analyst describes once, and
// the condition trees marketers build on it. Plain structs; audiencejson.h
// reads and writes them, audiencesql.h turns them into SQL.
//
// Dates are calendar days in the user's time zone: "in the last 7 days" is
// the seven local days up to and including today (Looker's convention), "more
// than 90 days ago" is before the local day 90 days back, "this month" is
// the local calendar month. The bounds are computed once per compile from a
// given `now`, so the same audience compiled at the same instant gives the
// same SQL on every source.
#include "core/value.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sluice::audiences {

enum class Cardinality { OneToMany, ManyToOne };

// A model related to the parent (or to another relation: two hops, order →
// store). `fromColumn` is on the side it hangs from, `column` on this model.
struct RelationDef {
    std::string name;
    std::string model;
    std::string from; // "" for the parent, else another relation's name
    std::string fromColumn;
    std::string column;
    Cardinality cardinality = Cardinality::OneToMany;
    std::string timeColumn; // optional: what time windows filter on
    bool operator==(const RelationDef &) const = default;
};

// Events: one model per event, or one model with an event-name column.
struct EventDef {
    std::string name;
    std::string model;
    std::string keyColumn; // holds the parent's key
    std::string timeColumn;
    std::string nameColumn; // "" when the model holds one kind of event
    bool operator==(const EventDef &) const = default;
};

// Tags: audiences published as fields on the customers. `model` names the
// model syncs read them from: the parent's key, the parent's `columns` (what
// a destination identifies a customer by, an e-mail), and one true/false
// column per tag. Nothing else of the parent is in it, so a tag sync's diff
// is exactly the customers whose tags changed.
struct TagsDef {
    std::string model;
    std::vector<std::string> columns;
    bool operator==(const TagsDef &) const = default;
};

struct CustomerSchema {
    std::string parentModel;
    std::string parentKey; // one column of the parent model
    std::vector<RelationDef> relations;
    std::vector<EventDef> events;
    std::optional<TagsDef> tags;
    // The zone whose calendar days "in the last 7 days" counts ("" = UTC):
    // the business's, so that every machine and sluicectl agree.
    std::string timeZone;
    bool operator==(const CustomerSchema &) const = default;

    const RelationDef *relation(const std::string &name) const;
    const EventDef *event(const std::string &name) const;
};

enum class Op {
    Equals,
    NotEquals,
    In,
    NotIn,
    Contains,
    StartsWith,
    Between, // inclusive
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    IsEmpty,
    IsNotEmpty,
    // Calendar days in the user's time zone (see the file comment).
    InLastDays,
    MoreThanDaysAgo,
    ThisMonth,
    OnOrAfter,
    Before,
    BetweenDates, // inclusive of both days
};

// A test on one column: of the parent, or of a related model inside a
// relation condition.
struct PropertyCondition {
    std::string column;
    Op op = Op::Equals;
    std::vector<Value> values; // as many as the operator takes; dates as "YYYY-MM-DD"
    int days = 0;              // InLastDays, MoreThanDaysAgo
    std::string relation;      // in a two-hop relation condition: the hop it tests ("" = the last)
    bool operator==(const PropertyCondition &) const = default;
};

// A window on a relation's or an event's time column.
struct TimeWindow {
    int lastDays = 0;  // > 0: the last N local days
    std::string since; // "YYYY-MM-DD": on or after that local day
    bool operator==(const TimeWindow &) const = default;
    bool empty() const { return lastDays <= 0 && since.empty(); }
};

enum class Quantifier { Any, All, None, Aggregate };
enum class Aggregate { Count, Sum, Avg, Min, Max };

// "has orders where amount > 100" (any / all / none), or "the sum of
// amount over orders in the last 30 days is greater than 1000".
struct RelationCondition {
    std::string relation; // the last hop; its chain of `from`s leads to the parent
    Quantifier quantifier = Quantifier::Any;
    std::vector<PropertyCondition> where; // all must hold
    Aggregate aggregate = Aggregate::Count;
    std::string column; // Sum, Avg, Min, Max
    Op compare = Op::Greater;
    std::vector<Value> values;
    TimeWindow window;
    bool operator==(const RelationCondition &) const = default;
};

enum class EventTest { Count, DidNot, First, Last };

// "did app_open at least 3 times in the last 7 days" (Count, GreaterOrEqual
// 3), "did not purchase since 2026-11-01" (DidNot), "first did signup in the
// last 30 days" (First with a date operator).
struct EventCondition {
    std::string event;
    std::string name; // the event-name value, where the model has a name column
    EventTest test = EventTest::Count;
    Op compare = Op::GreaterOrEqual; // Count: on the count; First/Last: a date operator
    std::vector<Value> values;
    int days = 0;
    TimeWindow window; // Count and DidNot
    bool operator==(const EventCondition &) const = default;
};

struct AudienceCondition {
    std::string audience;
    bool include = true;
    bool operator==(const AudienceCondition &) const = default;
};

struct Group;
using Condition
    = std::variant<PropertyCondition, RelationCondition, EventCondition, AudienceCondition, std::shared_ptr<Group>>;

enum class Match { All, Any };

struct Group {
    Match match = Match::All;
    std::vector<Condition> conditions;
};
bool operator==(const Group &a, const Group &b);

struct AudienceDef {
    std::string name;
    std::string description;
    std::string tag; // the field it is published as on the tags model; "" for none
    Group root;
    bool operator==(const AudienceDef &) const = default;
};

// Names used in files and messages ("inLastDays", "startsWith", ...).
std::string_view opName(Op op);
std::optional<Op> opFromName(std::string_view name);
bool isDateOp(Op op);
// How many values the operator takes: -1 for one or more (In, NotIn).
int opValueCount(Op op);

} // namespace sluice::audiences
