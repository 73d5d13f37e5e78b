#include "destinationfields.h"

#include "destinations/destinationkinds.h"

namespace sluice {

namespace {
FieldType fieldTypeFor(const ObjectField &f)
{
    if (f.format == "date")
        return FieldType::Date;
    if (f.format == "datetime")
        return FieldType::DateTime;
    switch (f.type) {
    case ValueType::Integer: return FieldType::Integer;
    case ValueType::Real: return FieldType::Decimal;
    case ValueType::Boolean: return FieldType::Boolean;
    case ValueType::Text: return FieldType::Text;
    case ValueType::Null: return FieldType::Unknown;
    }
    return FieldType::Unknown;
}
} // namespace

Result<std::vector<DestinationField>> mappingFieldsOf(Destination &destination, const nlohmann::json &settings)
{
    auto objects = destination.describe();
    if (!objects)
        return std::unexpected(objects.error());
    // An object left at its default is not stored: the kind's default is the
    // object the destination writes to (HubSpot "contacts" unless chosen).
    std::string wanted = settings.is_object() ? settings.value("object", std::string()) : std::string();
    if (wanted.empty())
        if (const KindSpec *spec = findDestinationKind(std::string(destination.kind())))
            if (const SettingSpec *object = spec->find("object"); object && object->defaultValue.is_string())
                wanted = object->defaultValue.get<std::string>();
    const DestinationObject *object = nullptr;
    for (const auto &o : *objects)
        if (o.name == wanted)
            object = &o;
    if (!object && objects->size() == 1)
        object = &objects->front();
    std::vector<DestinationField> out;
    if (!object)
        return out;
    for (const auto &f : object->fields)
        out.push_back(DestinationField{f.name, fieldTypeFor(f), f.required, f.identifier, f.options});
    return out;
}

} // namespace sluice
