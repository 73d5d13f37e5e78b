#include "connectioncheck.h"

#include "destinations/destinationkinds.h"
#include "sources/sourcekinds.h"

#include <QObject>

namespace sluice::ui {

namespace {
QString typeText(ValueType t, const std::string &declared)
{
    return declared.empty() ? QString::fromUtf8(valueTypeName(t).data()) : QString::fromStdString(declared);
}

} // namespace

ConnectionCheck checkSource(const SourceDef &def, const std::string &dir, SecretAccess access)
{
    ConnectionCheck c;
    auto source = makeSource(def, SourceContext{dir, access});
    if (!source) {
        c.result = QString::fromStdString(source.error().describe());
        return c;
    }
    auto ok = (*source)->testConnection();
    c.ok = bool(ok);
    c.result
        = ok ? QObject::tr("OK: %1").arg(QString::fromStdString(*ok)) : QString::fromStdString(ok.error().describe());
    if (!ok)
        return c;
    auto tables = (*source)->listTables();
    if (!tables) {
        c.schemaError = QString::fromStdString(tables.error().describe());
        return c;
    }
    for (const auto &t : *tables) {
        SchemaNode n{QString::fromStdString(t.schema.empty() ? t.name : t.schema + "." + t.name),
                     t.isView ? QObject::tr("view") : QObject::tr("table"),
                     {}};
        for (const auto &col : t.columns)
            n.fields.push_back({QString::fromStdString(col.name), typeText(col.type, col.declaredType), {}});
        c.nodes.push_back(std::move(n));
    }
    return c;
}

ConnectionCheck checkDestination(const DestinationDef &def, const std::string &dir, SecretAccess access)
{
    ConnectionCheck c;
    auto destination = makeDestination(def, DestinationContext{dir, access});
    if (!destination) {
        c.result = QString::fromStdString(destination.error().describe());
        return c;
    }
    auto ok = (*destination)->testConnection();
    c.ok = bool(ok);
    c.result
        = ok ? QObject::tr("OK: %1").arg(QString::fromStdString(*ok)) : QString::fromStdString(ok.error().describe());
    auto objects = (*destination)->describe();
    if (!objects) {
        // The same refusal as the test's (a bad token) is said once.
        const QString error = QString::fromStdString(objects.error().describe());
        if (c.ok || error != c.result)
            c.schemaError = error;
        return c;
    }
    for (const auto &o : *objects) {
        SchemaNode n{QString::fromStdString(o.name), QString::fromStdString(o.label), {}};
        for (const auto &f : o.fields) {
            QStringList flags;
            if (f.identifier)
                flags << QObject::tr("identifier");
            if (f.required)
                flags << QObject::tr("required");
            if (f.custom)
                flags << QObject::tr("custom");
            QString type = typeText(f.type, {});
            if (!f.format.empty())
                type += QStringLiteral(" (%1)").arg(QString::fromStdString(f.format));
            n.fields.push_back({QString::fromStdString(f.name), type, flags});
        }
        c.nodes.push_back(std::move(n));
    }
    return c;
}

} // namespace sluice::ui
