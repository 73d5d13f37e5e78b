#include "mapper.h"

#include "columnlookup.h"
#include "formats/textutil.h"
#include "rules.h"
#include "sampling.h"
#include "specreader.h"
#include "template.h"
#include "transform.h"

#include <set>

namespace sluice {

using namespace mapping;

namespace {

struct FieldPlan {
    enum class Source { None, Column, Constant, Template } source = Source::None;
    std::string name;
    int column = -1;
    Value constant;
    std::optional<Template> tmpl;
    std::vector<CompiledTransform> transforms;
    std::vector<CompiledRule> rules;
};

std::unexpected<Error> withWhere(const Error &e, const std::string &where)
{
    return std::unexpected(e.within(where));
}

Result<FieldPlan> compileField(const nlohmann::json &entry, const std::string &path, const CompileScope &scope,
                               FieldType &type)
{
    if (!entry.is_object())
        return invalidInput("mapping.invalid", "each mapping entry must be an object with a \"field\"", path);
    const SpecReader spec(entry, path);
    if (auto r = spec.allowOnly({"field", "column", "value", "template", "transforms", "rules", "comment"}); !r)
        return std::unexpected(r.error());
    auto name = spec.text("field");
    if (!name)
        return std::unexpected(name.error());
    FieldPlan plan;
    plan.name = *name;
    const int sources = int(spec.has("column")) + int(spec.has("value")) + int(spec.has("template"));
    if (sources > 1)
        return spec.error({}, "use only one of 'column', 'value' and 'template'");
    if (sources == 0 && !spec.has("transforms"))
        return spec.error({}, "needs 'column', 'value', 'template' or 'transforms'");
    const std::vector<Column> &columns = scope.context.columns;
    type = FieldType::Unknown;
    if (spec.has("column")) {
        auto column = spec.text("column");
        if (!column)
            return std::unexpected(column.error());
        const auto index = columnIndex(columns, *column);
        if (!index)
            return invalidInput("mapping.unknown_column", unknownColumnMessage(*column, columns), spec.path("column"));
        plan.source = FieldPlan::Source::Column;
        plan.column = *index;
        type = fieldTypeOf(columns[*index]);
    } else if (spec.has("value")) {
        if (!valueFromJson(spec.at("value"), plan.constant))
            return spec.error("value", "must be a text, number, true, false or null");
        plan.source = FieldPlan::Source::Constant;
        type = fieldTypeOf(plan.constant);
    } else if (spec.has("template")) {
        auto text = spec.text("template");
        if (!text)
            return std::unexpected(text.error());
        auto tmpl = Template::compile(*text, columns, scope.nowSeconds);
        if (!tmpl)
            return withWhere(tmpl.error(), spec.path("template"));
        plan.source = FieldPlan::Source::Template;
        plan.tmpl = std::move(*tmpl);
        type = FieldType::Text;
    }
    if (spec.has("transforms")) {
        const auto &list = spec.at("transforms");
        if (!list.is_array())
            return spec.error("transforms", "must be a list of transforms");
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto t = compileTransform(list[i], spec.path("transforms") + "[" + std::to_string(i) + "]", scope);
            if (!t)
                return std::unexpected(t.error());
            // A step that runs only "when" leaves either type behind it.
            const FieldType next = t->transform->outputType(type);
            type = t->when && next != type ? FieldType::Unknown : next;
            plan.transforms.push_back(std::move(*t));
        }
    }
    if (spec.has("rules")) {
        const auto &list = spec.at("rules");
        if (!list.is_array())
            return spec.error("rules", "must be a list of rules");
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto r = compileRule(list[i], spec.path("rules") + "[" + std::to_string(i) + "]");
            if (!r)
                return std::unexpected(r.error());
            if (r->type == "phone")
                type = FieldType::Text; // normalised to E.164 text
            plan.rules.push_back(std::move(*r));
        }
    }
    return plan;
}

void addProblem(MappedRow &out, const std::string &field, std::string_view rule, ProblemAction action,
                std::string message)
{
    out.problems.push_back(FieldProblem{field, std::string(rule), action, std::move(message)});
    if (action == ProblemAction::Reject)
        out.rejected = true;
}

// Computes one field; false when it is left out of the payload.
bool mapField(const FieldPlan &plan, const Row &row, Value &value, MappedRow &out)
{
    std::string message;
    switch (plan.source) {
    case FieldPlan::Source::None: value = Value(); break;
    case FieldPlan::Source::Column: value = row[plan.column]; break;
    case FieldPlan::Source::Constant: value = plan.constant; break;
    case FieldPlan::Source::Template: {
        std::string text;
        plan.tmpl->render(row, text, message);
        value = std::move(text);
        if (!message.empty())
            addProblem(out, plan.name, "template", ProblemAction::Warn, std::move(message));
        break;
    }
    }
    for (const CompiledTransform &step : plan.transforms) {
        if (step.when && !step.when->isTrue(row))
            continue;
        message.clear();
        switch (step.transform->apply(value, row, message)) {
        case StepResult::Ok: break;
        case StepResult::Warn: addProblem(out, plan.name, step.type, ProblemAction::Warn, std::move(message)); break;
        case StepResult::Drop: return false;
        case StepResult::Failed:
            addProblem(out, plan.name, step.type, step.onError, std::move(message));
            if (step.onError != ProblemAction::Warn)
                return false;
            value = Value(); // warn: the field goes on as NULL
            break;
        }
    }
    for (const CompiledRule &rule : plan.rules) {
        message.clear();
        if (rule.rule->check(value, message))
            continue;
        addProblem(out, plan.name, rule.type, rule.action, std::move(message));
        if (rule.action == ProblemAction::DropField)
            return false;
        if (rule.action == ProblemAction::Reject)
            break; // the value stays visible in a preview of the rejected row
    }
    return true;
}

} // namespace

std::string_view problemActionName(ProblemAction action)
{
    switch (action) {
    case ProblemAction::Reject: return "reject";
    case ProblemAction::DropField: return "dropField";
    case ProblemAction::Warn: return "warn";
    }
    return "warn";
}

struct Mapper::Impl {
    std::vector<FieldPlan> fields;
    std::vector<std::string> names;
    std::vector<FieldType> types;
    std::optional<Expression> filter;
    std::optional<Sampler> sampler;
    std::size_t columnCount = 0;
    std::optional<std::vector<int>> direct;
};

Mapper::Mapper(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{ }
Mapper::Mapper(Mapper &&) noexcept = default;
Mapper &Mapper::operator=(Mapper &&) noexcept = default;
Mapper::~Mapper() = default;

Result<Mapper> Mapper::compile(const nlohmann::json &mapping, const nlohmann::json &syncSettings,
                               const MappingContext &context)
{
    using namespace std::chrono;
    const sys_seconds now = context.now ? *context.now : floor<seconds>(system_clock::now());
    const CompileScope scope{context, now.time_since_epoch().count()};
    auto impl = std::make_unique<Impl>();
    impl->columnCount = context.columns.size();

    if (!mapping.is_array())
        return invalidInput("mapping.invalid", "the mapping must be a list of field mappings", "$.mapping");
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const std::string path = "$.mapping[" + std::to_string(i) + "]";
        FieldType type = FieldType::Unknown;
        auto plan = compileField(mapping[i], path, scope, type);
        if (!plan)
            return std::unexpected(plan.error());
        if (!seen.insert(plan->name).second)
            return invalidInput("mapping.duplicate_field",
                                "field " + quoteText(plan->name) + " is mapped more than once", path + ".field");
        impl->names.push_back(plan->name);
        impl->types.push_back(type);
        impl->fields.push_back(std::move(*plan));
    }

    if (!syncSettings.is_null() && !syncSettings.is_object())
        return invalidInput("mapping.invalid", "the sync settings must be an object", "$.settings");
    if (syncSettings.is_object() && syncSettings.contains("filter")) {
        const auto &f = syncSettings["filter"];
        if (!f.is_string())
            return invalidInput("mapping.invalid", "the filter must be a text", "$.settings.filter");
        // An empty filter (a cleared text box) keeps every row.
        if (!trimmed(f.get<std::string>()).empty()) {
            auto filter = Expression::compile(f.get<std::string>(), context.columns, scope.nowSeconds);
            if (!filter)
                return withWhere(filter.error(), "$.settings.filter");
            impl->filter = std::move(*filter);
        }
    }
    if (syncSettings.is_object() && syncSettings.contains("samplePercent")) {
        const auto &p = syncSettings["samplePercent"];
        if (!p.is_number() || p.get<double>() < 0 || p.get<double>() > 100)
            return invalidInput("mapping.invalid", "must be a number from 0 to 100", "$.settings.samplePercent");
        if (p.get<double>() < 100) {
            auto sampler = Sampler::compile(p.get<double>(), context.primaryKey, context.columns);
            if (!sampler)
                return withWhere(sampler.error(), "$.settings.samplePercent");
            impl->sampler = std::move(*sampler);
        }
    }
    if (!impl->filter && !impl->sampler) {
        std::vector<int> direct;
        for (const FieldPlan &plan : impl->fields)
            if (plan.source == FieldPlan::Source::Column && plan.transforms.empty() && plan.rules.empty())
                direct.push_back(plan.column);
        if (direct.size() == impl->fields.size())
            impl->direct = std::move(direct);
    }
    return Mapper(std::move(impl));
}

MappedRow Mapper::apply(const Row &row) const
{
    MappedRow out;
    apply(row, out);
    return out;
}

void Mapper::apply(const Row &row, MappedRow &out) const
{
    out.problems.clear();
    out.rejected = false;
    out.skipped = false;
    if (row.size() != m_impl->columnCount) {
        out.fields.clear();
        addProblem(out, {}, "row", ProblemAction::Reject,
                   "the row has " + std::to_string(row.size()) + " values; the model has "
                       + std::to_string(m_impl->columnCount) + " columns");
        return;
    }
    if ((m_impl->sampler && !m_impl->sampler->selects(row)) || (m_impl->filter && !m_impl->filter->isTrue(row))) {
        out.fields.clear();
        out.skipped = true;
        return;
    }
    if (out.fields.size() < m_impl->fields.size())
        out.fields.resize(m_impl->fields.size());
    std::size_t kept = 0;
    for (const FieldPlan &plan : m_impl->fields) {
        MappedField &field = out.fields[kept];
        if (!mapField(plan, row, field.value, out))
            continue;
        field.name = plan.name;
        ++kept;
    }
    out.fields.resize(kept);
}

const std::vector<std::string> &Mapper::fieldNames() const
{
    return m_impl->names;
}

const std::vector<FieldType> &Mapper::fieldTypes() const
{
    return m_impl->types;
}

std::size_t Mapper::columnCount() const
{
    return m_impl->columnCount;
}

const std::vector<int> *Mapper::directColumns() const
{
    return m_impl->direct ? &*m_impl->direct : nullptr;
}

} // namespace sluice
