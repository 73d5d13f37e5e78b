#include "audiencejson.h"
#include "jsonreading.h"

#include <array>
#include <utility>

namespace sluice::audiences {

using nlohmann::json;
using namespace jsonreading;

namespace {

constexpr int kMaxDepth = 16; // groups within groups: deeper is a mistake, not an audience

Result<Value> valueFromJson(const json &v, const std::string &path)
{
    if (v.is_string()) {
        if (v.get_ref<const std::string &>().find('\0') != std::string::npos)
            return bad(path, "text may not hold a NUL character");
        return Value(v.get<std::string>());
    }
    if (v.is_boolean())
        return Value(v.get<bool>());
    if (v.is_number_integer())
        return Value(v.get<std::int64_t>());
    if (v.is_number())
        return Value(v.get<double>());
    return bad(path, "must be text, a number or true/false");
}

json valueToJson(const Value &v)
{
    switch (v.type()) {
    case ValueType::Integer: return v.asInteger();
    case ValueType::Real: return v.asReal();
    case ValueType::Boolean: return v.asBoolean();
    case ValueType::Text: return v.asText();
    default: return nullptr;
    }
}

// "value" for operators of one value, "values" for the others.
Result<std::vector<Value>> operatorValues(const json &object, const std::string &path, Op op)
{
    const int wanted = opValueCount(op);
    std::vector<Value> out;
    if (wanted == 1) {
        if (!object.contains("value"))
            return bad(path + ".value", "required by '" + std::string(opName(op)) + "'");
        auto v = valueFromJson(object["value"], path + ".value");
        if (!v)
            return std::unexpected(v.error());
        out.push_back(std::move(*v));
    } else if (wanted != 0) {
        auto it = object.find("values");
        if (it == object.end() || !it->is_array())
            return bad(path + ".values", "'" + std::string(opName(op)) + "' takes a list of values");
        if ((wanted > 0 && it->size() != std::size_t(wanted)) || it->empty())
            return bad(path + ".values", wanted > 0 ? "'" + std::string(opName(op)) + "' takes exactly "
                                                          + std::to_string(wanted) + " values"
                                                    : "the list is empty");
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto v = valueFromJson((*it)[i], path + ".values[" + std::to_string(i) + "]");
            if (!v)
                return std::unexpected(v.error());
            out.push_back(std::move(*v));
        }
    }
    if (wanted != 1 && object.contains("value"))
        return bad(path + ".value", "'" + std::string(opName(op)) + "' takes no single value");
    if ((wanted == 1 || wanted == 0) && object.contains("values"))
        return bad(path + ".values", "'" + std::string(opName(op)) + "' takes no list of values");
    if (op == Op::OnOrAfter || op == Op::Before || op == Op::BetweenDates)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i].type() != ValueType::Text || !isDay(out[i].asText()))
                return bad(path + (wanted == 1 ? ".value" : ".values[" + std::to_string(i) + "]"),
                           "must be a day written YYYY-MM-DD, from 1900 to 2199");
    return out;
}

Result<Op> readOp(const json &object, const std::string &path, const char *key = "op")
{
    auto name = text(object, path, key, true);
    if (!name)
        return std::unexpected(name.error());
    auto op = opFromName(*name);
    if (!op)
        return bad(path + "." + key, "unknown operator '" + *name
                                         + "' (equals, notEquals, in, notIn, contains, startsWith, between, greater, "
                                           "atLeast, less, atMost, isEmpty, isNotEmpty, inLastDays, moreThanDaysAgo, "
                                           "thisMonth, onOrAfter, before, betweenDates)");
    return *op;
}

void writeOperator(json &out, Op op, const std::vector<Value> &values, int days, const char *key = "op")
{
    out[key] = std::string(opName(op));
    if (op == Op::InLastDays || op == Op::MoreThanDaysAgo)
        out["days"] = days;
    if (opValueCount(op) == 1 && !values.empty())
        out["value"] = valueToJson(values.front());
    else if (opValueCount(op) != 0) {
        json list = json::array();
        for (const Value &v : values)
            list.push_back(valueToJson(v));
        out["values"] = list;
    }
}

Result<PropertyCondition> readProperty(const json &object, const std::string &path, bool inRelation)
{
    if (inRelation) {
        if (auto r = onlyKeys(object, path, {"property", "op", "value", "values", "days", "relation"}); !r)
            return std::unexpected(r.error());
    } else if (auto r = onlyKeys(object, path, {"property", "op", "value", "values", "days"}); !r)
        return std::unexpected(r.error());
    PropertyCondition c;
    auto column = text(object, path, "property", true);
    auto op = readOp(object, path);
    if (!column)
        return std::unexpected(column.error());
    if (!op)
        return std::unexpected(op.error());
    c.column = *column;
    c.op = *op;
    if (c.op == Op::InLastDays || c.op == Op::MoreThanDaysAgo) {
        auto days = positive(object, path, "days");
        if (!days)
            return std::unexpected(days.error());
        c.days = *days;
    } else if (object.contains("days"))
        return bad(path + ".days", "'" + std::string(opName(c.op)) + "' takes no days");
    auto values = operatorValues(object, path, c.op);
    if (!values)
        return std::unexpected(values.error());
    c.values = std::move(*values);
    auto relation = text(object, path, "relation", false);
    if (!relation)
        return std::unexpected(relation.error());
    c.relation = *relation;
    return c;
}

json writeProperty(const PropertyCondition &c)
{
    json out = json::object();
    out["property"] = c.column;
    writeOperator(out, c.op, c.values, c.days);
    if (!c.relation.empty())
        out["relation"] = c.relation;
    return out;
}

Result<TimeWindow> readWindow(const json &object, const std::string &path)
{
    TimeWindow w;
    auto it = object.find("window");
    if (it == object.end())
        return w;
    const std::string at = path + ".window";
    if (!it->is_object())
        return bad(at, "must be an object: {\"lastDays\": 7} or {\"since\": \"2026-11-01\"}");
    if (auto r = onlyKeys(*it, at, {"lastDays", "since"}); !r)
        return std::unexpected(r.error());
    if (it->contains("lastDays") == it->contains("since"))
        return bad(at, "give one of lastDays and since");
    if (it->contains("lastDays")) {
        auto days = positive(*it, at, "lastDays");
        if (!days)
            return std::unexpected(days.error());
        if (*days == 0)
            return bad(at + ".lastDays", "must be at least 1");
        w.lastDays = *days;
    } else {
        auto since = text(*it, at, "since", true);
        if (!since)
            return std::unexpected(since.error());
        if (!isDay(*since))
            return bad(at + ".since", "must be a day written YYYY-MM-DD, from 1900 to 2199");
        w.since = *since;
    }
    return w;
}

void writeWindow(json &out, const TimeWindow &w)
{
    if (w.lastDays > 0)
        out["window"] = {{"lastDays", w.lastDays}};
    else if (!w.since.empty())
        out["window"] = {{"since", w.since}};
}

constexpr std::array<std::pair<Quantifier, std::string_view>, 3> kQuantifiers{
    {{Quantifier::Any, "any"}, {Quantifier::All, "all"}, {Quantifier::None, "none"}}};
constexpr std::array<std::pair<Aggregate, std::string_view>, 5> kAggregates{{{Aggregate::Count, "count"},
                                                                             {Aggregate::Sum, "sum"},
                                                                             {Aggregate::Avg, "avg"},
                                                                             {Aggregate::Min, "min"},
                                                                             {Aggregate::Max, "max"}}};
constexpr std::array<std::pair<EventTest, std::string_view>, 4> kEventTests{{{EventTest::Count, "count"},
                                                                             {EventTest::DidNot, "didNot"},
                                                                             {EventTest::First, "first"},
                                                                             {EventTest::Last, "last"}}};
constexpr std::array<std::pair<Match, std::string_view>, 2> kMatches{{{Match::All, "all"}, {Match::Any, "any"}}};

bool isComparison(Op op)
{
    return op == Op::Equals || op == Op::NotEquals || op == Op::Greater || op == Op::GreaterOrEqual || op == Op::Less
        || op == Op::LessOrEqual || op == Op::Between;
}

Result<RelationCondition> readRelation(const json &object, const std::string &path)
{
    if (auto r
        = onlyKeys(object, path,
                   {"relation", "quantifier", "where", "aggregate", "column", "op", "value", "values", "window"});
        !r)
        return std::unexpected(r.error());
    RelationCondition c;
    auto relation = text(object, path, "relation", true);
    if (!relation)
        return std::unexpected(relation.error());
    c.relation = *relation;
    if (object.contains("aggregate")) {
        if (object.contains("quantifier"))
            return bad(path + ".quantifier", "give a quantifier or an aggregate, not both");
        c.quantifier = Quantifier::Aggregate;
        auto aggregate = readChoice(object, path, "aggregate", kAggregates, Aggregate::Count);
        if (!aggregate)
            return std::unexpected(aggregate.error());
        c.aggregate = *aggregate;
        auto column = text(object, path, "column", c.aggregate != Aggregate::Count);
        if (!column)
            return std::unexpected(column.error());
        c.column = *column;
        auto op = readOp(object, path);
        if (!op)
            return std::unexpected(op.error());
        if (!isComparison(*op))
            return bad(path + ".op", "an aggregate compares with equals, notEquals, greater, atLeast, less, atMost "
                                     "or between");
        c.compare = *op;
        auto values = operatorValues(object, path, c.compare);
        if (!values)
            return std::unexpected(values.error());
        c.values = std::move(*values);
    } else {
        for (const char *key : {"column", "op", "value", "values"})
            if (object.contains(key))
                return bad(path + "." + key, "only an aggregate takes this");
        auto q = readChoice(object, path, "quantifier", kQuantifiers, Quantifier::Any);
        if (!q)
            return std::unexpected(q.error());
        c.quantifier = *q;
    }
    if (auto it = object.find("where"); it != object.end()) {
        if (!it->is_array())
            return bad(path + ".where", "must be a list of property conditions");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string at = path + ".where[" + std::to_string(i) + "]";
            if (!(*it)[i].is_object())
                return bad(at, "must be an object");
            auto p = readProperty((*it)[i], at, true);
            if (!p)
                return std::unexpected(p.error());
            c.where.push_back(std::move(*p));
        }
    }
    auto window = readWindow(object, path);
    if (!window)
        return std::unexpected(window.error());
    c.window = *window;
    return c;
}

json writeRelation(const RelationCondition &c)
{
    json out = json::object();
    out["relation"] = c.relation;
    if (c.quantifier == Quantifier::Aggregate) {
        out["aggregate"] = choiceName(c.aggregate, kAggregates);
        if (!c.column.empty())
            out["column"] = c.column;
        writeOperator(out, c.compare, c.values, 0);
    } else
        out["quantifier"] = choiceName(c.quantifier, kQuantifiers);
    if (!c.where.empty()) {
        json where = json::array();
        for (const PropertyCondition &p : c.where)
            where.push_back(writeProperty(p));
        out["where"] = where;
    }
    writeWindow(out, c.window);
    return out;
}

Result<EventCondition> readEvent(const json &object, const std::string &path)
{
    if (auto r = onlyKeys(object, path, {"event", "name", "test", "op", "value", "values", "days", "window"}); !r)
        return std::unexpected(r.error());
    EventCondition c;
    auto event = text(object, path, "event", true);
    auto name = text(object, path, "name", false);
    auto test = readChoice(object, path, "test", kEventTests, EventTest::Count);
    if (!event)
        return std::unexpected(event.error());
    if (!name)
        return std::unexpected(name.error());
    if (!test)
        return std::unexpected(test.error());
    c.event = *event;
    c.name = *name;
    c.test = *test;
    if (c.test == EventTest::DidNot) {
        for (const char *key : {"op", "value", "values", "days"})
            if (object.contains(key))
                return bad(path + "." + key, "'didNot' takes only a window");
    } else {
        auto op = readOp(object, path);
        if (!op)
            return std::unexpected(op.error());
        c.compare = *op;
        const bool dates = c.test == EventTest::First || c.test == EventTest::Last;
        if (dates && !isDateOp(c.compare))
            return bad(path + ".op", "the first or last time takes a date operator (inLastDays, moreThanDaysAgo, "
                                     "thisMonth, onOrAfter, before, betweenDates)");
        if (!dates && !isComparison(c.compare))
            return bad(path + ".op", "a count compares with equals, notEquals, greater, atLeast, less, atMost or "
                                     "between");
        if (c.compare == Op::InLastDays || c.compare == Op::MoreThanDaysAgo) {
            auto days = positive(object, path, "days");
            if (!days)
                return std::unexpected(days.error());
            c.days = *days;
        }
        auto values = operatorValues(object, path, c.compare);
        if (!values)
            return std::unexpected(values.error());
        c.values = std::move(*values);
        if (!dates)
            for (std::size_t i = 0; i < c.values.size(); ++i)
                if (c.values[i].type() != ValueType::Integer)
                    return bad(path + (c.values.size() == 1 ? ".value" : ".values[" + std::to_string(i) + "]"),
                               "a count is a whole number");
    }
    auto window = readWindow(object, path);
    if (!window)
        return std::unexpected(window.error());
    if (!window->empty() && (c.test == EventTest::First || c.test == EventTest::Last))
        return bad(path + ".window", "the first or last time takes its dates from 'op', not a window");
    c.window = *window;
    return c;
}

json writeEvent(const EventCondition &c)
{
    json out = json::object();
    out["event"] = c.event;
    if (!c.name.empty())
        out["name"] = c.name;
    out["test"] = choiceName(c.test, kEventTests);
    if (c.test != EventTest::DidNot)
        writeOperator(out, c.compare, c.values, c.days);
    writeWindow(out, c.window);
    return out;
}

Result<Group> readGroup(const json &object, const std::string &path, int depth);

template <typename T> Result<Condition> asCondition(Result<T> read)
{
    if (!read)
        return std::unexpected(read.error());
    return Condition(std::move(*read));
}

Result<Condition> readCondition(const json &object, const std::string &path, int depth)
{
    if (!object.is_object())
        return bad(path, "must be an object");
    int kinds = 0;
    for (const char *key : {"property", "relation", "event", "audience", "conditions"})
        kinds += object.contains(key) ? 1 : 0;
    if (kinds != 1)
        return bad(path, "a condition has exactly one of property, relation, event, audience or conditions (a "
                         "group)");
    if (object.contains("property"))
        return asCondition(readProperty(object, path, false));
    if (object.contains("relation"))
        return asCondition(readRelation(object, path));
    if (object.contains("event"))
        return asCondition(readEvent(object, path));
    if (object.contains("audience")) {
        if (auto r = onlyKeys(object, path, {"audience", "include"}); !r)
            return std::unexpected(r.error());
        AudienceCondition c;
        auto name = text(object, path, "audience", true);
        if (!name)
            return std::unexpected(name.error());
        c.audience = *name;
        if (auto it = object.find("include"); it != object.end()) {
            if (!it->is_boolean())
                return bad(path + ".include", "must be true or false");
            c.include = it->get<bool>();
        }
        return Condition(c);
    }
    auto group = readGroup(object, path, depth + 1);
    if (!group)
        return std::unexpected(group.error());
    return Condition(std::make_shared<Group>(std::move(*group)));
}

Result<Group> readGroup(const json &object, const std::string &path, int depth)
{
    if (depth > kMaxDepth)
        return bad(path, "groups are nested more than " + std::to_string(kMaxDepth) + " deep");
    if (depth > 0)
        if (auto r = onlyKeys(object, path, {"match", "conditions"}); !r)
            return std::unexpected(r.error());
    Group g;
    auto match = readChoice(object, path, "match", kMatches, Match::All);
    if (!match)
        return std::unexpected(match.error());
    g.match = *match;
    auto it = object.find("conditions");
    if (it == object.end() || !it->is_array())
        return bad(path + ".conditions", "must be a list of conditions");
    for (std::size_t i = 0; i < it->size(); ++i) {
        auto c = readCondition((*it)[i], path + ".conditions[" + std::to_string(i) + "]", depth);
        if (!c)
            return std::unexpected(c.error());
        g.conditions.push_back(std::move(*c));
    }
    return g;
}

json writeGroup(const Group &g)
{
    json conditions = json::array();
    for (const Condition &c : g.conditions) {
        if (auto *p = std::get_if<PropertyCondition>(&c))
            conditions.push_back(writeProperty(*p));
        else if (auto *r = std::get_if<RelationCondition>(&c))
            conditions.push_back(writeRelation(*r));
        else if (auto *e = std::get_if<EventCondition>(&c))
            conditions.push_back(writeEvent(*e));
        else if (auto *a = std::get_if<AudienceCondition>(&c))
            conditions.push_back({{"audience", a->audience}, {"include", a->include}});
        else if (auto *sub = std::get_if<std::shared_ptr<Group>>(&c); sub && *sub)
            conditions.push_back(writeGroup(**sub));
    }
    return {{"match", choiceName(g.match, kMatches)}, {"conditions", conditions}};
}

} // namespace

Result<AudienceDef> audienceFromJson(const json &object, const std::string &path)
{
    if (!object.is_object())
        return bad(path, "must be an object");
    if (auto r = onlyKeys(object, path, {"name", "description", "tag", "match", "conditions"}); !r)
        return std::unexpected(r.error());
    AudienceDef a;
    auto name = text(object, path, "name", true);
    auto description = text(object, path, "description", false);
    auto tag = text(object, path, "tag", false);
    if (!name)
        return std::unexpected(name.error());
    if (!description)
        return std::unexpected(description.error());
    if (!tag)
        return std::unexpected(tag.error());
    if (!tag->empty() && !isFieldName(*tag))
        return bad(path + ".tag", "'" + *tag
                                      + "' is not a field name (letters, digits and _, not starting with a "
                                        "digit, up to 63)");
    a.name = *name;
    a.description = *description;
    a.tag = *tag;
    auto root = readGroup(object, path, 0);
    if (!root)
        return std::unexpected(root.error());
    a.root = std::move(*root);
    return a;
}

json audienceToJson(const AudienceDef &a)
{
    json out = writeGroup(a.root);
    out["name"] = a.name;
    if (!a.description.empty())
        out["description"] = a.description;
    if (!a.tag.empty())
        out["tag"] = a.tag;
    return out;
}

} // namespace sluice::audiences
