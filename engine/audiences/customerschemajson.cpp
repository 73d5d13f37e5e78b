// The customer schema's JSON (docs/audiences.md): read strictly, written
// canonically.
#include "audiencejson.h"
#include "jsonreading.h"

#include "formats/timezone.h"

#include <set>
#include <tuple>

namespace sluice::audiences {

using namespace jsonreading;

namespace {

constexpr std::array<std::pair<Cardinality, std::string_view>, 2> kCardinalities{
    {{Cardinality::OneToMany, "oneToMany"}, {Cardinality::ManyToOne, "manyToOne"}}};

Result<TagsDef> readTags(const json &object, const std::string &at, const std::string &parentKey)
{
    if (!object.is_object())
        return bad(at, "must be an object: {\"model\": ..., \"columns\": [...]}");
    if (auto r = onlyKeys(object, at, {"model", "columns"}); !r)
        return std::unexpected(r.error());
    TagsDef tags;
    auto model = text(object, at, "model", true);
    if (!model)
        return std::unexpected(model.error());
    tags.model = *model;
    if (auto it = object.find("columns"); it != object.end()) {
        if (!it->is_array())
            return bad(at + ".columns", "must be a list of the parent's columns");
        std::set<std::string> seen{parentKey};
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string where = at + ".columns[" + std::to_string(i) + "]";
            if (!(*it)[i].is_string() || (*it)[i].get<std::string>().empty())
                return bad(where, "must be a column name");
            const std::string column = (*it)[i].get<std::string>();
            if (!seen.insert(column).second)
                return bad(where, "'" + column + "' is listed twice (the key is always in)");
            tags.columns.push_back(column);
        }
    }
    return tags;
}

} // namespace

Result<CustomerSchema> customerSchemaFromJson(const json &object, const std::string &path)
{
    if (!object.is_object())
        return bad(path, "must be an object");
    if (auto r = onlyKeys(object, path, {"parent", "relations", "events", "timeZone", "tags"}); !r)
        return std::unexpected(r.error());
    CustomerSchema s;
    auto zone = text(object, path, "timeZone", false);
    if (!zone)
        return std::unexpected(zone.error());
    if (!zone->empty())
        if (auto found = mapping::TimeZone::find(*zone); !found)
            return bad(path + ".timeZone", found.error().message);
    s.timeZone = *zone;
    auto parent = object.find("parent");
    if (parent == object.end() || !parent->is_object())
        return bad(path + ".parent", "required: {\"model\": ..., \"key\": ...}");
    if (auto r = onlyKeys(*parent, path + ".parent", {"model", "key"}); !r)
        return std::unexpected(r.error());
    auto model = text(*parent, path + ".parent", "model", true);
    auto key = text(*parent, path + ".parent", "key", true);
    if (!model)
        return std::unexpected(model.error());
    if (!key)
        return std::unexpected(key.error());
    s.parentModel = *model;
    s.parentKey = *key;
    std::set<std::string> names;
    if (auto it = object.find("relations"); it != object.end()) {
        if (!it->is_array())
            return bad(path + ".relations", "must be a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string at = path + ".relations[" + std::to_string(i) + "]";
            const json &r = (*it)[i];
            if (!r.is_object())
                return bad(at, "must be an object");
            if (auto k
                = onlyKeys(r, at, {"name", "model", "from", "fromColumn", "column", "cardinality", "timeColumn"});
                !k)
                return std::unexpected(k.error());
            RelationDef def;
            for (auto [field, key, required] :
                 {std::tuple{&def.name, "name", true}, std::tuple{&def.model, "model", true},
                  std::tuple{&def.from, "from", false}, std::tuple{&def.fromColumn, "fromColumn", true},
                  std::tuple{&def.column, "column", true}, std::tuple{&def.timeColumn, "timeColumn", false}}) {
                auto v = text(r, at, key, required);
                if (!v)
                    return std::unexpected(v.error());
                *field = *v;
            }
            auto cardinality = readChoice(r, at, "cardinality", kCardinalities, Cardinality::OneToMany);
            if (!cardinality)
                return std::unexpected(cardinality.error());
            def.cardinality = *cardinality;
            if (!names.insert(def.name).second)
                return bad(at + ".name", "'" + def.name + "' is already a relation or event");
            if (!def.from.empty() && !s.relation(def.from))
                return bad(at + ".from", "'" + def.from + "' is not a relation listed before this one");
            s.relations.push_back(std::move(def));
        }
    }
    if (auto it = object.find("events"); it != object.end()) {
        if (!it->is_array())
            return bad(path + ".events", "must be a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string at = path + ".events[" + std::to_string(i) + "]";
            const json &e = (*it)[i];
            if (!e.is_object())
                return bad(at, "must be an object");
            if (auto k = onlyKeys(e, at, {"name", "model", "keyColumn", "timeColumn", "nameColumn"}); !k)
                return std::unexpected(k.error());
            EventDef def;
            for (auto [field, key, required] :
                 {std::tuple{&def.name, "name", true}, std::tuple{&def.model, "model", true},
                  std::tuple{&def.keyColumn, "keyColumn", true}, std::tuple{&def.timeColumn, "timeColumn", true},
                  std::tuple{&def.nameColumn, "nameColumn", false}}) {
                auto v = text(e, at, key, required);
                if (!v)
                    return std::unexpected(v.error());
                *field = *v;
            }
            if (!names.insert(def.name).second)
                return bad(at + ".name", "'" + def.name + "' is already a relation or event");
            s.events.push_back(std::move(def));
        }
    }
    if (auto it = object.find("tags"); it != object.end()) {
        auto tags = readTags(*it, path + ".tags", s.parentKey);
        if (!tags)
            return std::unexpected(tags.error());
        s.tags = std::move(*tags);
    }
    return s;
}

json customerSchemaToJson(const CustomerSchema &s)
{
    json relations = json::array();
    for (const RelationDef &r : s.relations) {
        json out = {{"name", r.name},
                    {"model", r.model},
                    {"fromColumn", r.fromColumn},
                    {"column", r.column},
                    {"cardinality", choiceName(r.cardinality, kCardinalities)}};
        if (!r.from.empty())
            out["from"] = r.from;
        if (!r.timeColumn.empty())
            out["timeColumn"] = r.timeColumn;
        relations.push_back(out);
    }
    json events = json::array();
    for (const EventDef &e : s.events) {
        json out = {{"name", e.name}, {"model", e.model}, {"keyColumn", e.keyColumn}, {"timeColumn", e.timeColumn}};
        if (!e.nameColumn.empty())
            out["nameColumn"] = e.nameColumn;
        events.push_back(out);
    }
    json out
        = {{"parent", {{"model", s.parentModel}, {"key", s.parentKey}}}, {"relations", relations}, {"events", events}};
    if (!s.timeZone.empty())
        out["timeZone"] = s.timeZone;
    if (s.tags)
        out["tags"] = {{"model", s.tags->model}, {"columns", s.tags->columns}};
    return out;
}

namespace {

// Every place a customer schema names a model: the parent, each relation, each event.
template <typename Json, typename F> void eachModelName(Json &schema, F &&visit)
{
    if (!schema.is_object())
        return;
    if (auto parent = schema.find("parent"); parent != schema.end() && parent->is_object())
        if (auto model = parent->find("model"); model != parent->end() && model->is_string())
            visit(*model);
    for (const char *list : {"relations", "events"})
        if (auto items = schema.find(list); items != schema.end() && items->is_array())
            for (auto &item : *items)
                if (item.is_object())
                    if (auto model = item.find("model"); model != item.end() && model->is_string())
                        visit(*model);
}

} // namespace

bool customerSchemaNamesModel(const json &schema, const std::string &model)
{
    bool named = false;
    eachModelName(schema, [&](const json &name) { named = named || name.get<std::string>() == model; });
    return named;
}

void renameModelInCustomerSchema(json &schema, const std::string &from, const std::string &to)
{
    eachModelName(schema, [&](json &name) {
        if (name.get<std::string>() == from)
            name = to;
    });
}

} // namespace sluice::audiences
