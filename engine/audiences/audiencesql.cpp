#include "audiencesql.h"

#include "formats/textutil.h"
#include "sources/source.h"

#include <algorithm>

namespace sluice::audiences {

using namespace std::chrono;
using mapping::codePointCount;

namespace {

std::unexpected<Error> bad(const std::string &path, std::string message)
{
    return invalidInput("audience.invalid", std::move(message), path);
}

// A model's SQL as a subquery, trailing semicolons dropped as sources drop
// them (wrapModelSql); newlines keep a trailing "-- comment" from
// swallowing the parenthesis.
std::string modelBody(const std::string &sql)
{
    return "(\n" + wrapModelSql(sql, QuerySpec{}) + "\n)";
}

std::string andAll(const std::vector<std::string> &parts)
{
    std::string out;
    for (const std::string &p : parts)
        out += (out.empty() ? "" : " AND ") + p;
    return out;
}

class Compiler {
public:
    explicit Compiler(const CompileContext &c) : m_c(c), m_sql(c.dialect), m_calendar(c.now, c.zone) { }

    Result<const ModelShape *> model(const std::string &name, const std::string &path)
    {
        auto it = m_c.models->find(name);
        if (it == m_c.models->end())
            return bad(path, "the model '" + name + "' is not in the project");
        if (it->second.sql.empty())
            return bad(path, "the model '" + name + "' has no SQL (an audience needs a SQL source)");
        if (m_parent && it->second.source != m_parent->source)
            return bad(path, "the model '" + name + "' reads the source '" + it->second.source + "', the customers '"
                                 + m_parent->source + "'; an audience's models must share one source");
        return &it->second;
    }

    Result<const Column *> column(const ModelShape &shape, const std::string &modelName, const std::string &name,
                                  const std::string &path)
    {
        for (const Column &c : shape.columns)
            if (c.name == name)
                return &c;
        std::string list;
        for (std::size_t i = 0; i < shape.columns.size() && i < 12; ++i)
            list += (i ? ", " : "") + shape.columns[i].name;
        if (shape.columns.size() > 12)
            list += ", ... " + std::to_string(shape.columns.size()) + " in all";
        return bad(path, "'" + name + "' is not a column of " + modelName + " (it has " + list + ")");
    }

    Result<> begin()
    {
        const CustomerSchema &s = *m_c.schema;
        auto parent = model(s.parentModel, "schema.parent.model");
        if (!parent)
            return std::unexpected(parent.error());
        m_parent = *parent;
        auto key = column(**parent, s.parentModel, s.parentKey, "schema.parent.key");
        if (!key)
            return std::unexpected(key.error());
        m_key = *key;
        return {};
    }

    std::string alias() { return "a" + std::to_string(++m_aliases); }
    const ModelShape &parent() const { return *m_parent; }
    const Column &key() const { return *m_key; }
    const SqlDialect &sql() const { return m_sql; }

    Result<std::string> group(const Group &g, const std::string &path, const std::string &self);
    void enterAudience(const std::string &name) { m_audienceStack.push_back(name); }
    Result<std::string> topLevel(const Condition &c, const std::string &path) { return condition(c, path, "p"); }

private:
    Result<std::string> condition(const Condition &c, const std::string &path, const std::string &self);
    Result<std::string> property(const PropertyCondition &c, const std::string &path, const ModelShape &shape,
                                 const std::string &modelName, const std::string &alias);
    Result<std::string> valueTest(const std::string &expr, const Column &column, Op op,
                                  const std::vector<Value> &values, int days, const std::string &path);
    Result<std::string> dateTest(const std::string &expr, const Column &column, Op op, const std::vector<Value> &values,
                                 int days, const std::string &path);
    Result<std::string> windowTest(const std::string &expr, const Column &column, const TimeWindow &window,
                                   const std::string &path);
    Result<std::string> relation(const RelationCondition &c, const std::string &path);
    Result<std::string> event(const EventCondition &c, const std::string &path);
    Result<std::string> membership(const AudienceCondition &c, const std::string &path);

    const CompileContext &m_c;
    SqlDialect m_sql;
    LocalCalendar m_calendar;
    const ModelShape *m_parent = nullptr;
    const Column *m_key = nullptr;
    int m_aliases = 0;
    std::vector<std::string> m_audienceStack; // membership being inlined, to refuse cycles
};

Result<std::string> Compiler::group(const Group &g, const std::string &path, const std::string &self)
{
    if (g.conditions.empty())
        return g.match == Match::All ? m_sql.trueCondition() : m_sql.falseCondition();
    std::string out;
    for (std::size_t i = 0; i < g.conditions.size(); ++i) {
        auto part = condition(g.conditions[i], path + ".conditions[" + std::to_string(i) + "]", self);
        if (!part)
            return part;
        if (i)
            out += g.match == Match::All ? " AND " : " OR ";
        out += "(" + *part + ")";
    }
    return g.conditions.size() == 1 ? out : "(" + out + ")";
}

Result<std::string> Compiler::condition(const Condition &c, const std::string &path, const std::string &self)
{
    if (auto *p = std::get_if<PropertyCondition>(&c)) {
        if (!p->relation.empty())
            return bad(path + ".relation", "only a condition inside a relation's 'where' names a relation");
        return property(*p, path, *m_parent, m_c.schema->parentModel, self);
    }
    if (auto *r = std::get_if<RelationCondition>(&c))
        return relation(*r, path);
    if (auto *e = std::get_if<EventCondition>(&c))
        return event(*e, path);
    if (auto *a = std::get_if<AudienceCondition>(&c))
        return membership(*a, path);
    const auto &sub = std::get<std::shared_ptr<Group>>(c);
    if (!sub)
        return m_sql.trueCondition();
    return group(*sub, path, self);
}

Result<std::string> Compiler::property(const PropertyCondition &c, const std::string &path, const ModelShape &shape,
                                       const std::string &modelName, const std::string &alias)
{
    auto col = column(shape, modelName, c.column, path + ".property");
    if (!col)
        return std::unexpected(col.error());
    return valueTest(alias + "." + m_sql.identifier(c.column), **col, c.op, c.values, c.days, path);
}

Result<std::string> Compiler::valueTest(const std::string &expr, const Column &column, Op op,
                                        const std::vector<Value> &values, int days, const std::string &path)
{
    if (isDateOp(op))
        return dateTest(expr, column, op, values, days, path);
    std::vector<std::string> literals;
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto literal = m_sql.literal(values[i], column);
        if (!literal)
            return bad(path + (values.size() == 1 ? ".value" : ".values[" + std::to_string(i) + "]"),
                       column.type == ValueType::Boolean
                           ? "'" + values[i].toString() + "' is not true or false, and " + column.name
                                 + " holds true or false"
                           : "'" + values[i].toString() + "' is not a number, and " + column.name + " holds numbers");
        literals.push_back(std::move(*literal));
    }
    auto list = [&] {
        std::string out;
        for (const std::string &l : literals)
            out += (out.empty() ? "" : ", ") + l;
        return out;
    };
    switch (op) {
    case Op::Equals: return expr + " = " + literals[0];
    case Op::NotEquals: return m_sql.distinctFrom(expr, literals[0]);
    case Op::In: return expr + " IN (" + list() + ")";
    case Op::NotIn: return "(" + expr + " IS NULL OR " + expr + " NOT IN (" + list() + "))";
    case Op::Contains: return m_sql.contains(expr, column, m_sql.textLiteral(values[0].toString()));
    case Op::StartsWith:
        return m_sql.startsWith(expr, column, m_sql.textLiteral(values[0].toString()),
                                codePointCount(values[0].toString()));
    case Op::Between: return expr + " BETWEEN " + literals[0] + " AND " + literals[1];
    case Op::Greater: return expr + " > " + literals[0];
    case Op::GreaterOrEqual: return expr + " >= " + literals[0];
    case Op::Less: return expr + " < " + literals[0];
    case Op::LessOrEqual: return expr + " <= " + literals[0];
    case Op::IsEmpty: return m_sql.isEmpty(expr, column);
    case Op::IsNotEmpty: return "NOT " + m_sql.isEmpty(expr, column);
    default: break;
    }
    return bad(path + ".op", "'" + std::string(opName(op)) + "' does not apply here");
}

Result<std::string> Compiler::dateTest(const std::string &expr, const Column &column, Op op,
                                       const std::vector<Value> &values, int days, const std::string &path)
{
    const sys_days today = m_calendar.today();
    auto day = [&](std::size_t i) -> Result<sys_days> {
        auto parsed = i < values.size() && values[i].type() == ValueType::Text
                        ? LocalCalendar::parseDay(values[i].asText())
                        : std::nullopt;
        if (!parsed)
            return bad(path + (values.size() == 1 ? ".value" : ".values[" + std::to_string(i) + "]"),
                       "not a calendar day (YYYY-MM-DD)");
        return *parsed;
    };
    auto range = [&](sys_days from, sys_days until) {
        return m_sql.timeAtLeast(expr, column, m_calendar.start(from)) + " AND "
             + m_sql.timeBefore(expr, column, m_calendar.start(until));
    };
    switch (op) {
    case Op::InLastDays:
        if (days < 1)
            return bad(path + ".days", "'inLastDays' takes at least 1 day (today)");
        return range(today - std::chrono::days(days - 1), today + std::chrono::days(1));
    case Op::MoreThanDaysAgo: return m_sql.timeBefore(expr, column, m_calendar.start(today - std::chrono::days(days)));
    case Op::ThisMonth: {
        const year_month_day ymd{today};
        const sys_days first{ymd.year() / ymd.month() / std::chrono::day(1)};
        const sys_days next{(ymd.year() / ymd.month() + months(1)) / std::chrono::day(1)};
        return range(first, next);
    }
    case Op::OnOrAfter: {
        auto d = day(0);
        if (!d)
            return std::unexpected(d.error());
        return m_sql.timeAtLeast(expr, column, m_calendar.start(*d));
    }
    case Op::Before: {
        auto d = day(0);
        if (!d)
            return std::unexpected(d.error());
        return m_sql.timeBefore(expr, column, m_calendar.start(*d));
    }
    case Op::BetweenDates: {
        auto from = day(0);
        auto to = day(1);
        if (!from)
            return std::unexpected(from.error());
        if (!to)
            return std::unexpected(to.error());
        if (*to < *from)
            return bad(path + ".values", "the second day is before the first");
        return range(*from, *to + std::chrono::days(1));
    }
    default: break;
    }
    return bad(path + ".op", "'" + std::string(opName(op)) + "' is not a date operator");
}

Result<std::string> Compiler::windowTest(const std::string &expr, const Column &column, const TimeWindow &window,
                                         const std::string &path)
{
    const sys_days today = m_calendar.today();
    if (window.lastDays > 0)
        return m_sql.timeAtLeast(expr, column, m_calendar.start(today - std::chrono::days(window.lastDays - 1)))
             + " AND " + m_sql.timeBefore(expr, column, m_calendar.start(today + std::chrono::days(1)));
    auto since = LocalCalendar::parseDay(window.since);
    if (!since)
        return bad(path + ".window.since", "must be a day written YYYY-MM-DD, from 1900 to 2199");
    return m_sql.timeAtLeast(expr, column, m_calendar.start(*since));
}

Result<std::string> Compiler::relation(const RelationCondition &c, const std::string &path)
{
    const CustomerSchema &s = *m_c.schema;
    // The hops from the parent to the named relation.
    std::vector<const RelationDef *> hops;
    for (const RelationDef *r = s.relation(c.relation); r; r = r->from.empty() ? nullptr : s.relation(r->from)) {
        if (hops.size() > 8)
            return bad(path + ".relation", "the relation '" + c.relation + "' leads round in a circle");
        hops.insert(hops.begin(), r);
    }
    if (hops.empty())
        return bad(path + ".relation", "'" + c.relation + "' is not a relation of the customer schema");
    struct Hop {
        const RelationDef *def;
        const ModelShape *shape;
        std::string alias;
    };
    std::vector<Hop> chain;
    std::string from, join;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const RelationDef &def = *hops[i];
        const std::string at = "schema.relations." + def.name;
        auto shape = model(def.model, at + ".model");
        if (!shape)
            return std::unexpected(shape.error());
        const ModelShape &fromShape = i ? *chain.back().shape : *m_parent;
        const std::string fromModel = i ? chain.back().def->model : s.parentModel;
        const std::string fromAlias = i ? chain.back().alias : "p";
        if (auto col = column(fromShape, fromModel, def.fromColumn, at + ".fromColumn"); !col)
            return std::unexpected(col.error());
        if (auto col = column(**shape, def.model, def.column, at + ".column"); !col)
            return std::unexpected(col.error());
        chain.push_back(Hop{&def, *shape, alias()});
        const std::string on = chain.back().alias + "." + m_sql.identifier(def.column) + " = " + fromAlias + "."
                             + m_sql.identifier(def.fromColumn);
        if (i == 0) {
            from = modelBody((*shape)->sql) + " AS " + chain.back().alias;
            join = on;
        } else
            from += " JOIN " + modelBody((*shape)->sql) + " AS " + chain.back().alias + " ON " + on;
    }
    std::vector<std::string> scope{join};
    if (!c.window.empty()) {
        const Hop *timed = nullptr;
        for (auto it = chain.rbegin(); it != chain.rend() && !timed; ++it)
            if (!it->def->timeColumn.empty())
                timed = &*it;
        if (!timed)
            return bad(path + ".window", "no relation on the way to '" + c.relation + "' has a time column");
        auto col = column(*timed->shape, timed->def->model, timed->def->timeColumn,
                          "schema.relations." + timed->def->name + ".timeColumn");
        if (!col)
            return std::unexpected(col.error());
        auto test = windowTest(timed->alias + "." + m_sql.identifier(timed->def->timeColumn), **col, c.window, path);
        if (!test)
            return test;
        scope.push_back(*test);
    }
    std::vector<std::string> where;
    for (std::size_t i = 0; i < c.where.size(); ++i) {
        const PropertyCondition &p = c.where[i];
        const std::string at = path + ".where[" + std::to_string(i) + "]";
        const Hop *hop = &chain.back();
        if (!p.relation.empty()) {
            hop = nullptr;
            for (const Hop &h : chain)
                if (h.def->name == p.relation)
                    hop = &h;
            if (!hop)
                return bad(at + ".relation", "'" + p.relation + "' is not on the way to '" + c.relation + "'");
        }
        auto test = property(p, at, *hop->shape, hop->def->model, hop->alias);
        if (!test)
            return test;
        where.push_back("(" + *test + ")");
    }
    const std::string inScope = "SELECT 1 FROM " + from + " WHERE " + andAll(scope);
    const std::string matching = where.empty() ? "" : " AND " + andAll(where);
    switch (c.quantifier) {
    case Quantifier::Any: return "EXISTS (" + inScope + matching + ")";
    case Quantifier::None: return "NOT EXISTS (" + inScope + matching + ")";
    case Quantifier::All:
        // At least one, and none that fails (NULL fails too).
        if (where.empty())
            return "EXISTS (" + inScope + ")";
        return "EXISTS (" + inScope + ") AND NOT EXISTS (" + inScope + " AND NOT COALESCE(" + andAll(where) + ", "
             + m_sql.falseLiteral() + "))";
    case Quantifier::Aggregate: break;
    }
    std::string measure = "COUNT(*)";
    Column measured{"count", ValueType::Integer, "bigint"};
    if (c.aggregate != Aggregate::Count) {
        auto col = column(*chain.back().shape, chain.back().def->model, c.column, path + ".column");
        if (!col)
            return std::unexpected(col.error());
        measured = **col;
        const std::string expr = chain.back().alias + "." + m_sql.identifier(c.column);
        static const char *const names[] = {"COUNT", "SUM", "AVG", "MIN", "MAX"};
        measure = std::string(names[int(c.aggregate)]) + "(" + expr + ")";
        if (c.aggregate == Aggregate::Sum)
            measure = "COALESCE(" + measure + ", 0)"; // no rows sum to 0, not to unknown
    }
    const std::string scalar = "(SELECT " + measure + " FROM " + from + " WHERE " + andAll(scope) + matching + ")";
    return valueTest(scalar, measured, c.compare, c.values, 0, path);
}

Result<std::string> Compiler::event(const EventCondition &c, const std::string &path)
{
    const EventDef *def = m_c.schema->event(c.event);
    if (!def)
        return bad(path + ".event", "'" + c.event + "' is not an event of the customer schema");
    const std::string at = "schema.events." + def->name;
    auto shape = model(def->model, at + ".model");
    if (!shape)
        return std::unexpected(shape.error());
    auto keyCol = column(**shape, def->model, def->keyColumn, at + ".keyColumn");
    auto timeCol = column(**shape, def->model, def->timeColumn, at + ".timeColumn");
    if (!keyCol)
        return std::unexpected(keyCol.error());
    if (!timeCol)
        return std::unexpected(timeCol.error());
    const std::string e = alias();
    std::vector<std::string> scope{e + "." + m_sql.identifier(def->keyColumn) + " = p."
                                   + m_sql.identifier(m_c.schema->parentKey)};
    if (def->nameColumn.empty() != c.name.empty())
        return bad(path + ".name",
                   def->nameColumn.empty()
                       ? "the event '" + c.event + "' has one kind of event: give no name"
                       : "which event of '" + c.event + "'? give its name (a value of " + def->nameColumn + ")");
    if (!def->nameColumn.empty()) {
        auto nameCol = column(**shape, def->model, def->nameColumn, at + ".nameColumn");
        if (!nameCol)
            return std::unexpected(nameCol.error());
        scope.push_back(e + "." + m_sql.identifier(def->nameColumn) + " = " + m_sql.textLiteral(c.name));
    }
    const std::string timeExpr = e + "." + m_sql.identifier(def->timeColumn);
    if (!c.window.empty()) {
        auto test = windowTest(timeExpr, **timeCol, c.window, path);
        if (!test)
            return test;
        scope.push_back(*test);
    }
    const std::string from = " FROM " + modelBody((*shape)->sql) + " AS " + e + " WHERE " + andAll(scope);
    switch (c.test) {
    case EventTest::DidNot: return "NOT EXISTS (SELECT 1" + from + ")";
    case EventTest::Count:
        return valueTest("(SELECT COUNT(*)" + from + ")", Column{"count", ValueType::Integer, "bigint"}, c.compare,
                         c.values, 0, path);
    case EventTest::First:
    case EventTest::Last: {
        // The date test runs on the first or last time in a one-row subquery,
        // so the (possibly long) time expression is computed once.
        const std::string t = alias();
        auto test = dateTest(t + ".t", **timeCol, c.compare, c.values, c.days, path);
        if (!test)
            return test;
        return "COALESCE((SELECT " + *test + " FROM (SELECT " + (c.test == EventTest::First ? "MIN(" : "MAX(")
             + timeExpr + ") AS t" + from + ") AS " + t + "), " + m_sql.falseLiteral() + ")";
    }
    }
    return bad(path, "unknown event test");
}

Result<std::string> Compiler::membership(const AudienceCondition &c, const std::string &path)
{
    if (!m_c.audiences || !m_c.audiences->count(c.audience))
        return bad(path + ".audience", "there is no audience '" + c.audience + "'");
    const AudienceDef &other = m_c.audiences->at(c.audience);
    for (const std::string &open : m_audienceStack)
        if (open == c.audience)
            return bad(path + ".audience", "the audience '" + c.audience + "' would include itself");
    m_audienceStack.push_back(c.audience);
    auto inner = group(other.root, "audience '" + c.audience + "': $", "p");
    m_audienceStack.pop_back();
    if (!inner)
        return inner;
    if (c.include)
        return *inner;
    return "NOT COALESCE(" + *inner + ", " + m_sql.falseLiteral() + ")";
}

} // namespace

Result<CompiledAudience> compileAudience(const AudienceDef &audience, const CompileContext &context)
{
    if (!context.schema || !context.models)
        return bad("", "no customer schema");
    Compiler compiler(context);
    if (auto r = compiler.begin(); !r)
        return std::unexpected(r.error());
    compiler.enterAudience(audience.name);
    // Each top-level condition once: joined for the members (one per line,
    // so "Show SQL" reads as the audience does) and cumulatively for the
    // funnel, all of which is counted in one scan of the customers.
    const Group &root = audience.root;
    const char *const joiner = root.match == Match::All ? " AND " : " OR ";
    std::vector<std::string> steps;
    for (std::size_t i = 0; i < root.conditions.size(); ++i) {
        auto step = compiler.topLevel(root.conditions[i], "$.conditions[" + std::to_string(i) + "]");
        if (!step)
            return std::unexpected(step.error().within("audience '" + audience.name + "'"));
        steps.push_back("(" + *step + ")");
    }
    const SqlDialect &sql = compiler.sql();
    CompiledAudience out;
    if (steps.empty())
        out.condition = root.match == Match::All ? sql.trueCondition() : sql.falseCondition();
    for (std::size_t i = 0; i < steps.size(); ++i)
        out.condition += (i ? std::string("\n ") + joiner : std::string()) + steps[i];
    const std::string parent = modelBody(compiler.parent().sql) + " AS p";
    const std::string key = "p." + sql.identifier(compiler.key().name);
    out.membersSql = "SELECT p.* FROM " + parent + "\nWHERE " + out.condition + "\nORDER BY " + key;
    out.countSql = "SELECT COUNT(*) FROM " + parent + "\nWHERE " + out.condition;

    // The funnel in one scan, each condition tested at most once per
    // customer: one CASE gives how far the customer gets (for "all", how
    // many leading conditions hold; for "any", the first that holds, 0 for
    // none), and the steps are counted from it. The OFFSET 0 fence keeps
    // SQLite and PostgreSQL from folding that CASE into every SUM, which
    // would test the conditions again for each step (bench-audience, 1M
    // customers: 1.25x the members' count fenced, 1.5x folded).
    std::string reach = "0";
    if (root.match == Match::All) {
        reach = std::to_string(steps.size());
        for (std::size_t i = steps.size(); i-- > 0;)
            reach = "CASE WHEN " + steps[i] + " THEN " + reach + " ELSE " + std::to_string(i) + " END";
    } else if (!steps.empty()) {
        reach = "CASE";
        for (std::size_t i = 0; i < steps.size(); ++i)
            reach += " WHEN " + steps[i] + " THEN " + std::to_string(i + 1);
        reach += " ELSE 0 END";
    }
    const std::string fence = context.dialect == Dialect::SQLite     ? " LIMIT -1 OFFSET 0"
                            : context.dialect == Dialect::PostgreSQL ? " OFFSET 0"
                                                                     : "";
    std::string select = "SELECT COUNT(*)";
    for (std::size_t k = 1; k <= steps.size(); ++k) {
        const std::string reached = root.match == Match::All ? "f.sluice_reach >= " + std::to_string(k)
                                                             : "f.sluice_reach BETWEEN 1 AND " + std::to_string(k);
        select += ",\n  COALESCE(SUM(CASE WHEN " + reached + " THEN 1 ELSE 0 END), 0)";
    }
    out.funnelSql = select + "\nFROM (SELECT " + reach + " AS sluice_reach\nFROM " + parent + fence + ") AS f";
    out.funnelSteps = steps.size();
    return out;
}

Result<std::string> compileTags(const std::vector<const AudienceDef *> &tagged, const CompileContext &context)
{
    if (!context.schema || !context.models || !context.schema->tags)
        return bad("$.customerSchema.tags", "the customer schema publishes no tags");
    const CustomerSchema &schema = *context.schema;
    const SqlDialect sql(context.dialect);
    auto parent = context.models->find(schema.parentModel);
    if (parent == context.models->end())
        return bad("$.customerSchema.parent.model", "the model '" + schema.parentModel + "' is not in the project");
    std::vector<std::string> taken{schema.parentKey};
    std::string select = "SELECT p." + sql.identifier(schema.parentKey);
    for (std::size_t i = 0; i < schema.tags->columns.size(); ++i) {
        const std::string &name = schema.tags->columns[i];
        const auto &columns = parent->second.columns;
        if (std::none_of(columns.begin(), columns.end(), [&](const Column &c) { return c.name == name; }))
            return bad("$.customerSchema.tags.columns[" + std::to_string(i) + "]",
                       "'" + name + "' is not a column of " + schema.parentModel);
        select += ", p." + sql.identifier(name);
        taken.push_back(name);
    }
    // With no tagged audience yet the model still has its rows, keyed.
    const std::string from = modelBody(parent->second.sql) + " AS p";
    const std::string key = "p." + sql.identifier(schema.parentKey);
    for (const AudienceDef *audience : tagged) {
        if (std::find(taken.begin(), taken.end(), audience->tag) != taken.end())
            return bad("audience '" + audience->name + "': $.tag",
                       "the tag '" + audience->tag + "' is already a column of the tags model " + schema.tags->model);
        taken.push_back(audience->tag);
        auto compiled = compileAudience(*audience, context);
        if (!compiled)
            return std::unexpected(compiled.error());
        select += ",\n  CASE WHEN (" + compiled->condition + ") THEN TRUE ELSE FALSE END AS "
                + sql.identifier(audience->tag);
    }
    return select + "\nFROM " + from + "\nORDER BY " + key;
}

} // namespace sluice::audiences
