#include "projectaudience.h"

#include "audiencejson.h"
#include "audiencerunner.h"

#include <algorithm>

namespace sluice::audiences {

using nlohmann::json;

Result<AudienceSetup> audienceSetup(const ProjectConfig &config, const std::string &name)
{
    if (config.customerSchema.is_null())
        return invalidInput("audience.no_schema",
                            "the project has no customer schema, so no audiences (docs/audiences.md)");
    AudienceSetup setup;
    auto schema = customerSchemaFromJson(config.customerSchema, "$.customerSchema");
    if (!schema)
        return std::unexpected(schema.error());
    setup.schema = std::move(*schema);
    for (std::size_t i = 0; i < config.audiences.size(); ++i) {
        auto parsed = audienceFromJson(config.audiences[i], "$.audiences[" + std::to_string(i) + "]");
        if (!parsed)
            return std::unexpected(parsed.error());
        setup.audiences.emplace(parsed->name, std::move(*parsed));
    }
    setup.tags = setup.schema.tags && setup.schema.tags->model == name;
    if (!setup.tags && !setup.audiences.count(name)) {
        std::string names;
        for (const auto &[each, audience] : setup.audiences) // by name
            names += (names.empty() ? "" : ", ") + each;
        return invalidInput("audience.unknown", "no audience named '" + name + "' (the project has: "
                                                    + (names.empty() ? std::string("none") : names) + ")");
    }
    setup.name = name;

    const ModelDef *parent = nullptr;
    for (const ModelDef &m : config.models)
        if (m.name == setup.schema.parentModel)
            parent = &m;
    if (!parent)
        return invalidInput("audience.no_parent", "no model named '" + setup.schema.parentModel + "'",
                            "$.customerSchema.parent.model");
    setup.parent = *parent;
    setup.models = config.models;
    const SourceDef *source = nullptr;
    for (const SourceDef &s : config.sources)
        if (s.name == parent->source)
            source = &s;
    if (!source)
        return invalidInput("audience.no_source",
                            "the customers' model '" + parent->name + "' names no source of the project ('"
                                + parent->source + "')",
                            "$.customerSchema.parent.model");
    setup.source = *source;
    auto dialect = dialectForSourceKind(source->kind);
    if (!dialect)
        return invalidInput("audience.no_sql", "the customers' source '" + source->name + "' is a " + source->kind
                                                   + " source; audiences need a SQL source (SQLite, PostgreSQL, "
                                                     "Snowflake)");
    setup.dialect = *dialect;
    auto zone = mapping::TimeZone::find(setup.schema.timeZone.empty() ? "UTC" : setup.schema.timeZone);
    if (!zone)
        return std::unexpected(zone.error().within("$.customerSchema.timeZone"));
    setup.zone = *zone;
    return setup;
}

Result<CompiledAudience> compileOnSource(const AudienceSetup &setup, Source &source, std::chrono::sys_seconds now,
                                         std::optional<Dialect> dialect)
{
    if (setup.tags)
        return invalidInput("audience.tags_model",
                            "'" + setup.name
                                + "' is the customers' tags model, not an audience (preview it as a model)");
    auto shapes = readModelShapes(source, setup.source.name, setup.models, setup.schema);
    if (!shapes)
        return std::unexpected(shapes.error());
    const CompileContext context{&setup.schema, &*shapes,  &setup.audiences, dialect.value_or(setup.dialect),
                                 now,           setup.zone};
    return compileAudience(setup.audience(), context);
}

Result<ModelDef> compileModel(const AudienceSetup &setup, Source &source, std::chrono::sys_seconds now)
{
    if (!setup.tags) {
        auto compiled = compileOnSource(setup, source, now);
        if (!compiled)
            return std::unexpected(compiled.error());
        return ModelDef{setup.name,
                        setup.parent.source,
                        compiled->membersSql,
                        {setup.schema.parentKey},
                        setup.audience().description};
    }
    auto shapes = readModelShapes(source, setup.source.name, setup.models, setup.schema);
    if (!shapes)
        return std::unexpected(shapes.error());
    std::vector<const AudienceDef *> tagged;
    for (const auto &[name, audience] : setup.audiences)
        if (!audience.tag.empty())
            tagged.push_back(&audience);
    std::sort(tagged.begin(), tagged.end(), [](const AudienceDef *a, const AudienceDef *b) { return a->tag < b->tag; });
    const CompileContext context{&setup.schema, &*shapes, &setup.audiences, setup.dialect, now, setup.zone};
    auto sql = compileTags(tagged, context);
    if (!sql)
        return std::unexpected(sql.error());
    return ModelDef{setup.name,
                    setup.parent.source,
                    *sql,
                    {setup.schema.parentKey},
                    "The customers' tags: one true/false column per audience published as a tag."};
}

bool namesAudienceModel(const ProjectConfig &config, const std::string &name)
{
    for (const json &doc : config.audiences)
        if (doc.is_object() && doc.value("name", json()) == name)
            return true;
    const json &schema = config.customerSchema;
    if (!schema.is_object() || !schema.contains("tags") || !schema["tags"].is_object())
        return false;
    return schema["tags"].value("model", json()) == name;
}

Result<ModelDef> modelOrAudience(const ProjectConfig &config, const std::string &name, const SourceContext &context,
                                 std::chrono::sys_seconds now)
{
    for (const ModelDef &m : config.models)
        if (m.name == name)
            return m;
    if (!namesAudienceModel(config, name))
        return invalidInput("model.unknown", "no model or audience named '" + name + "'");
    auto setup = audienceSetup(config, name);
    if (!setup)
        return std::unexpected(setup.error());
    auto source = makeSource(setup->source, context);
    if (!source)
        return std::unexpected(source.error());
    return compileModel(*setup, **source, now);
}

} // namespace sluice::audiences
