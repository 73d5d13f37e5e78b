#include "projectjson.h"

#include "audiences/audiencejson.h"
#include "audiences/projectaudience.h"
#include "core/jsonparse.h"
#include "project/syncsettings.h"

#include "core/envref.h"
#include "core/settingsspec.h"
#include "destinations/destinationkinds.h"
#include "sources/sourcekinds.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <regex>
#include <set>

namespace sluice {

namespace embedded {
extern const std::string_view projectSchemaJson;
}

using nlohmann::json;

namespace {

// SQL is kept as a list of lines so a one-line edit is a one-line diff.
json sqlLines(const std::string &sql)
{
    json lines = json::array();
    std::size_t start = 0;
    while (start <= sql.size()) {
        const std::size_t nl = sql.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(sql.substr(start));
            break;
        }
        lines.push_back(sql.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string sqlFromJson(const json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += '\n';
        out += v[i].get<std::string>();
    }
    return out;
}

template <typename T> std::vector<const T *> sortedByName(const std::vector<T> &items)
{
    std::vector<const T *> out;
    for (const auto &i : items)
        out.push_back(&i);
    std::sort(out.begin(), out.end(), [](const T *a, const T *b) { return a->name < b->name; });
    return out;
}

// valijson names both object members and array items as "[x]"; walk the
// document alongside to print a JSONPath users can follow.
std::string jsonPath(const json &doc, const std::vector<std::string> &context)
{
    std::string path = "$";
    const json *node = &doc;
    for (std::size_t i = 1; i < context.size(); ++i) {
        std::string seg = context[i];
        if (seg.size() >= 2 && seg.front() == '[' && seg.back() == ']')
            seg = seg.substr(1, seg.size() - 2);
        if (node && node->is_array()) {
            path += "[" + seg + "]";
            const std::size_t idx = std::size_t(std::stoul(seg));
            node = idx < node->size() ? &(*node)[idx] : nullptr;
        } else {
            path += "." + seg;
            node = (node && node->is_object() && node->contains(seg)) ? &(*node)[seg] : nullptr;
        }
    }
    return path;
}

// The schema below `context` (valijson's path into the document), following
// properties, items and "#/definitions/..." references; nullptr past it.
const json *schemaAt(const json &schema, const json &doc, const std::vector<std::string> &context)
{
    const auto resolved = [&](const json *node) {
        for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
            const std::string ref = (*node)["$ref"].get<std::string>();
            const std::string prefix = "#/definitions/";
            node = ref.rfind(prefix, 0) == 0 && schema["definitions"].contains(ref.substr(prefix.size()))
                     ? &schema["definitions"][ref.substr(prefix.size())]
                     : nullptr;
        }
        return node;
    };
    const json *node = resolved(&schema);
    const json *value = &doc;
    for (std::size_t i = 1; i < context.size() && node; ++i) {
        std::string seg = context[i];
        if (seg.size() >= 2 && seg.front() == '[' && seg.back() == ']')
            seg = seg.substr(1, seg.size() - 2);
        if (value && value->is_array()) {
            node = node->contains("items") ? resolved(&(*node)["items"]) : nullptr;
            const std::size_t idx = std::size_t(std::stoul(seg));
            value = idx < value->size() ? &(*value)[idx] : nullptr;
        } else {
            node = node->contains("properties") && (*node)["properties"].contains(seg)
                     ? resolved(&(*node)["properties"][seg])
                     : nullptr;
            value = value && value->is_object() && value->contains(seg) ? &(*value)[seg] : nullptr;
        }
    }
    return node;
}

// valijson's description in the words of the project file: the values an
// enum allows, the type a field wants.
std::string schemaProblemInWords(const std::string &description, const json &doc,
                                 const std::vector<std::string> &context)
{
    static const json schema = json::parse(embedded::projectSchemaJson);
    const json *node = schemaAt(schema, doc, context);
    const json *value = &doc;
    for (std::size_t i = 1; i < context.size() && value; ++i) {
        std::string seg = context[i];
        if (seg.size() >= 2 && seg.front() == '[' && seg.back() == ']')
            seg = seg.substr(1, seg.size() - 2);
        if (value->is_array()) {
            const std::size_t idx = std::size_t(std::stoul(seg));
            value = idx < value->size() ? &(*value)[idx] : nullptr;
        } else {
            value = value->is_object() && value->contains(seg) ? &(*value)[seg] : nullptr;
        }
    }
    if (description.rfind("Failed to match against any enum values", 0) == 0 && node && node->contains("enum")) {
        std::string allowed;
        for (const json &v : (*node)["enum"])
            allowed += (allowed.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
        return (value ? value->dump() : std::string("the value"))
             + " is not one of the values allowed here: " + allowed;
    }
    if (description.rfind("Value type not permitted by 'type' constraint", 0) == 0 && node && node->contains("type")) {
        const json &type = (*node)["type"];
        std::string wanted = type.is_string() ? type.get<std::string>() : type.dump();
        return std::string("must be ") + (wanted == "array" || wanted == "object" || wanted == "integer" ? "an " : "a ")
             + wanted
             + (value ? " (found " + std::string(value->type_name()) + " " + value->dump() + ")" : std::string());
    }
    return description;
}

struct CompiledSchema {
    valijson::Schema schema;
    bool ok = false;
    std::string error;
};

const CompiledSchema &projectSchema()
{
    // valijson::Schema is neither copyable nor movable: build it in place, once.
    static CompiledSchema compiled;
    static std::once_flag once;
    std::call_once(once, [] {
        try {
            const json doc = json::parse(embedded::projectSchemaJson);
            valijson::SchemaParser parser;
            valijson::adapters::NlohmannJsonAdapter adapter(doc);
            parser.populateSchema(adapter, compiled.schema);
            compiled.ok = true;
        } catch (const std::exception &e) {
            compiled.error = e.what();
        }
    });
    return compiled;
}

Result<> validateAgainstSchema(const json &doc, const std::string &origin)
{
    const CompiledSchema &s = projectSchema();
    if (!s.ok)
        return failed("schema.broken", "the built-in project schema is invalid: " + s.error);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(doc);
    if (validator.validate(s.schema, target, &results))
        return {};
    // valijson reports the outer failure (e.g. "failed to validate item #2")
    // and the inner cause; the deepest path is the one a user needs.
    valijson::ValidationResults::Error best, e;
    std::size_t count = 0;
    while (results.popError(e)) {
        ++count;
        if (e.context.size() > best.context.size())
            best = e;
    }
    return invalidInput("import.schema", schemaProblemInWords(best.description, doc, best.context),
                        origin + ": " + jsonPath(doc, best.context));
}

SyncDef syncFromJson(const json &s)
{
    return SyncDef{s["name"],
                   s["model"],
                   s["destination"],
                   s.value("mode", "upsert"),
                   s.value("mapping", json::array()),
                   s.value("settings", json::object())};
}

} // namespace

json toJson(const SourceDef &s)
{
    return json{{"name", s.name}, {"kind", s.kind}, {"settings", s.settings}};
}

json toJson(const ModelDef &m)
{
    json j{{"name", m.name}, {"source", m.source}, {"sql", sqlLines(m.sql)}, {"primaryKey", m.primaryKey}};
    if (!m.description.empty())
        j["description"] = m.description;
    return j;
}

json toJson(const DestinationDef &d)
{
    return json{{"name", d.name}, {"kind", d.kind}, {"settings", d.settings}};
}

json toJson(const SyncDef &s)
{
    return json{{"name", s.name}, {"model", s.model},     {"destination", s.destination},
                {"mode", s.mode}, {"mapping", s.mapping}, {"settings", s.settings}};
}

json toJson(const ProjectConfig &c)
{
    json j = json::object();
    j["formatVersion"] = kProjectFormatVersion;
    j["name"] = c.name;
    j["sources"] = json::array();
    for (const auto *s : sortedByName(c.sources))
        j["sources"].push_back(toJson(*s));
    j["models"] = json::array();
    for (const auto *m : sortedByName(c.models))
        j["models"].push_back(toJson(*m));
    j["destinations"] = json::array();
    for (const auto *d : sortedByName(c.destinations))
        j["destinations"].push_back(toJson(*d));
    j["syncs"] = json::array();
    for (const auto *s : sortedByName(c.syncs))
        j["syncs"].push_back(toJson(*s));
    // Only projects that have audiences carry these keys, so every export
    // written before audiences existed stays byte for byte the same.
    if (!c.customerSchema.is_null())
        j["customerSchema"] = c.customerSchema;
    if (!c.audiences.empty()) {
        std::vector<const json *> sorted;
        for (const json &a : c.audiences)
            sorted.push_back(&a);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const json *a, const json *b) { return a->value("name", "") < b->value("name", ""); });
        j["audiences"] = json::array();
        for (const json *a : sorted)
            j["audiences"].push_back(*a);
    }
    return j;
}

std::string exportText(const ProjectConfig &config)
{
    // nlohmann::json keeps object keys sorted, so the order is stable.
    return toJson(config).dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

Result<ProjectConfig> parseProjectText(const std::string &text, const std::string &origin)
{
    auto parsed = parseJsonText(text, "import.malformed_json", origin);
    if (!parsed)
        return std::unexpected(parsed.error());
    const json &doc = *parsed;
    // A newer format is named as such before the schema calls it invalid;
    // any number (1e400, 2.5, -1) is compared as a number, never converted.
    if (doc.is_object() && doc.contains("formatVersion") && doc["formatVersion"].is_number()
        && doc["formatVersion"].get<double>() > double(kProjectFormatVersion))
        return invalidInput("import.newer_format",
                            "written by a newer Sluice (format version " + doc["formatVersion"].dump()
                                + "; this build reads up to " + std::to_string(kProjectFormatVersion) + ")",
                            origin + ": $.formatVersion");
    if (auto ok = validateAgainstSchema(doc, origin); !ok)
        return std::unexpected(ok.error());

    ProjectConfig c;
    c.name = doc.value("name", "");
    for (const auto &s : doc["sources"])
        c.sources.push_back(SourceDef{s["name"], s["kind"], s.value("settings", json::object())});
    for (const auto &m : doc["models"])
        c.models.push_back(ModelDef{m["name"], m["source"], sqlFromJson(m.value("sql", json(""))),
                                    m["primaryKey"].get<std::vector<std::string>>(), m.value("description", "")});
    for (const auto &d : doc["destinations"])
        c.destinations.push_back(DestinationDef{d["name"], d["kind"], d.value("settings", json::object())});
    for (const auto &s : doc["syncs"])
        c.syncs.push_back(syncFromJson(s));
    c.customerSchema = doc.value("customerSchema", json(nullptr));
    for (const auto &a : doc.value("audiences", json::array()))
        c.audiences.push_back(a);
    if (auto ok = validateConfig(c); !ok)
        return std::unexpected(ok.error().within(origin));
    return c;
}

Result<SyncDef> syncFromRevision(const std::string &document)
{
    auto parsed = parseJsonText(document, "revision.malformed_json", "revision");
    if (!parsed)
        return std::unexpected(parsed.error());
    const json sync = std::move(*parsed);
    // The schema's sync definition, reached the way an import reaches it: as
    // the only sync of an otherwise empty project.
    const json project{{"formatVersion", kProjectFormatVersion},
                       {"name", "revision"},
                       {"sources", json::array()},
                       {"models", json::array()},
                       {"destinations", json::array()},
                       {"syncs", json::array({sync})}};
    if (auto ok = validateAgainstSchema(project, "revision"); !ok) {
        Error e = ok.error();
        const std::string inner = "revision: $.syncs[0]";
        if (e.where.starts_with(inner))
            e.where = "revision: $" + e.where.substr(inner.size());
        else if (e.where == "revision: $.syncs")
            e.where = "revision: $";
        e.code = "revision.invalid";
        return std::unexpected(e);
    }
    return syncFromJson(sync);
}

namespace {

// The customer schema names models of the project; audiences read as
// audiences/audiencejson.h reads them, with unique names.
Result<> validateAudiences(const ProjectConfig &c, const std::set<std::string> &modelNames)
{
    if (c.customerSchema.is_null()) {
        if (!c.audiences.empty())
            return invalidInput("config.no_customer_schema",
                                "audiences need a customer schema (which model holds the customers)", "$.audiences");
        return {};
    }
    auto schema = audiences::customerSchemaFromJson(c.customerSchema, "$.customerSchema");
    if (!schema)
        return std::unexpected(schema.error());
    auto known = [&](const std::string &model, const std::string &at) -> Result<> {
        if (modelNames.count(model))
            return {};
        return invalidInput("config.unknown_model", "no model named '" + model + "'", at);
    };
    if (auto r = known(schema->parentModel, "$.customerSchema.parent.model"); !r)
        return r;
    for (std::size_t i = 0; i < schema->relations.size(); ++i)
        if (auto r = known(schema->relations[i].model, "$.customerSchema.relations[" + std::to_string(i) + "].model");
            !r)
            return r;
    for (std::size_t i = 0; i < schema->events.size(); ++i)
        if (auto r = known(schema->events[i].model, "$.customerSchema.events[" + std::to_string(i) + "].model"); !r)
            return r;
    // Syncs name models, audiences and the tags model alike: one set of names.
    const std::string tagsModel = schema->tags ? schema->tags->model : std::string();
    if (modelNames.count(tagsModel))
        return invalidInput("config.duplicate_name", "the name '" + tagsModel + "' is already used by a model",
                            "$.customerSchema.tags.model");
    std::map<std::string, std::size_t> names, tags;
    for (std::size_t i = 0; i < c.audiences.size(); ++i) {
        const std::string at = "$.audiences[" + std::to_string(i) + "]";
        auto audience = audiences::audienceFromJson(c.audiences[i], at);
        if (!audience)
            return std::unexpected(audience.error());
        if (modelNames.count(audience->name) || audience->name == tagsModel)
            return invalidInput("config.duplicate_name",
                                "the name '" + audience->name + "' is already used by a model"
                                    + (audience->name == tagsModel ? " (the tags model)" : ""),
                                at + ".name");
        if (!audience->tag.empty()) {
            if (!schema->tags)
                return invalidInput("config.no_tags_model",
                                    "a tag needs the customer schema's tags model ($.customerSchema.tags)",
                                    at + ".tag");
            auto [other, first] = tags.emplace(audience->tag, i);
            if (!first)
                return invalidInput("config.duplicate_tag",
                                    "the tag '" + audience->tag + "' is already published by $.audiences["
                                        + std::to_string(other->second) + "]",
                                    at + ".tag");
        }
        auto [it, fresh] = names.emplace(audience->name, i);
        if (!fresh)
            return invalidInput("config.duplicate_name",
                                "the name '" + audience->name + "' is already used by $.audiences["
                                    + std::to_string(it->second) + "]",
                                at + ".name");
    }
    return {};
}

} // namespace

Result<> validateConfig(const ProjectConfig &c)
{
    auto checkUnique = [](const auto &items, const std::string &section) -> Result<> {
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string at = "$." + section + "[" + std::to_string(i) + "].name";
            if (items[i].name.empty())
                return invalidInput("config.empty_name", "a name is required", at);
            auto [it, fresh] = seen.emplace(items[i].name, i);
            if (!fresh)
                return invalidInput("config.duplicate_name",
                                    "the name '" + items[i].name + "' is already used by $." + section + "["
                                        + std::to_string(it->second) + "]",
                                    at);
        }
        return {};
    };
    // Paths index the items in the order given (an import's file order; an
    // export is sorted by name, so both agree for exported files).
    const ProjectConfig &sorted = c;
    for (auto r : {checkUnique(sorted.sources, "sources"), checkUnique(sorted.models, "models"),
                   checkUnique(sorted.destinations, "destinations"), checkUnique(sorted.syncs, "syncs")})
        if (!r)
            return r;

    std::set<std::string> sourceNames, modelNames, destinationNames;
    std::map<std::string, const SourceDef *> sources;
    for (std::size_t i = 0; i < sorted.sources.size(); ++i) {
        const auto &s = sorted.sources[i];
        const std::string at = "$.sources[" + std::to_string(i) + "]";
        const KindSpec *kind = findSourceKind(s.kind);
        if (!kind)
            return invalidInput("config.unknown_kind", "unknown source kind '" + s.kind + "'", at + ".kind");
        if (auto ok = validateSettings(*kind, s.settings, at + ".settings"); !ok)
            return ok;
        sources[s.name] = &s;
    }
    for (std::size_t i = 0; i < sorted.models.size(); ++i) {
        const auto &m = sorted.models[i];
        const std::string at = "$.models[" + std::to_string(i) + "]";
        auto src = sources.find(m.source);
        if (src == sources.end())
            return invalidInput("config.unknown_source", "no source named '" + m.source + "'", at + ".source");
        if (m.primaryKey.empty())
            return invalidInput("config.no_key", "a model needs at least one primary key column", at + ".primaryKey");
        const bool needsSql = src->second->kind != "csv";
        if (needsSql && m.sql.find_first_not_of(" \t\r\n;") == std::string::npos)
            return invalidInput("config.empty_sql", "the model's SQL is empty", at + ".sql");
        modelNames.insert(m.name);
    }
    for (std::size_t i = 0; i < sorted.destinations.size(); ++i) {
        const auto &d = sorted.destinations[i];
        destinationNames.insert(d.name);
        const std::string at = "$.destinations[" + std::to_string(i) + "]";
        const KindSpec *kind = findDestinationKind(d.kind);
        if (!kind)
            return invalidInput("config.unknown_kind", "unknown destination kind '" + d.kind + "'", at + ".kind");
        if (auto ok = validateSettings(*kind, d.settings, at + ".settings"); !ok)
            return ok;
    }
    static const std::set<std::string> modes = {"upsert", "insert", "update", "mirror"};
    for (std::size_t i = 0; i < sorted.syncs.size(); ++i) {
        const auto &s = sorted.syncs[i];
        const std::string at = "$.syncs[" + std::to_string(i) + "]";
        if (!modelNames.count(s.model) && !audiences::namesAudienceModel(c, s.model))
            return invalidInput("config.unknown_model", "no model or audience named '" + s.model + "'", at + ".model");
        if (!destinationNames.count(s.destination))
            return invalidInput("config.unknown_destination", "no destination named '" + s.destination + "'",
                                at + ".destination");
        if (!modes.count(s.mode))
            return invalidInput("config.mode", "'" + s.mode + "' is not one of: upsert, insert, update, mirror",
                                at + ".mode");
        if (auto settings = parseSyncSettings(s.settings, at + ".settings"); !settings)
            return std::unexpected(settings.error());
    }
    return validateAudiences(c, modelNames);
}

} // namespace sluice
