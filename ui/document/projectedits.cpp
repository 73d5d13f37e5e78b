#include "projectedits.h"

#include "audiences/audiencejson.h"
#include "common/tr.h"

#include <algorithm>

namespace sluice::ui {

namespace {

template <typename T> auto findNamed(std::vector<T> &items, const QString &name)
{
    const std::string n = name.toStdString();
    return std::find_if(items.begin(), items.end(), [&](const T &item) { return item.name == n; });
}

template <typename F> auto visit(ProjectConfig &config, EntityKind kind, F &&f)
{
    switch (kind) {
    case EntityKind::Source: return f(config.sources);
    case EntityKind::Model: return f(config.models);
    case EntityKind::Destination: return f(config.destinations);
    case EntityKind::Sync: break;
    }
    return f(config.syncs);
}

} // namespace

bool nameExists(const ProjectConfig &config, EntityKind kind, const QString &name)
{
    auto copy = config;
    return visit(copy, kind, [&](auto &items) { return findNamed(items, name) != items.end(); });
}

QStringList referencesTo(const ProjectConfig &config, EntityKind kind, const QString &name)
{
    const std::string n = name.toStdString();
    QStringList refs;
    if (kind == EntityKind::Source) {
        for (const auto &m : config.models)
            if (m.source == n)
                refs << Tr::tr("model %1").arg(QString::fromStdString(m.name));
    } else if (kind == EntityKind::Model) {
        for (const auto &s : config.syncs)
            if (s.model == n)
                refs << Tr::tr("sync %1").arg(QString::fromStdString(s.name));
        if (audiences::customerSchemaNamesModel(config.customerSchema, n))
            refs << Tr::tr("the customer schema of the audiences");
    } else if (kind == EntityKind::Destination) {
        for (const auto &s : config.syncs)
            if (s.destination == n)
                refs << Tr::tr("sync %1").arg(QString::fromStdString(s.name));
    }
    return refs;
}

QString renameEntity(ProjectConfig &config, EntityKind kind, const QString &from, const QString &to)
{
    const QString trimmed = to.trimmed();
    if (trimmed.isEmpty())
        return Tr::tr("A name cannot be empty.");
    if (trimmed == from)
        return {};
    if (nameExists(config, kind, trimmed))
        return Tr::tr("'%1' is already taken.").arg(trimmed);
    const bool found = visit(config, kind, [&](auto &items) {
        auto it = findNamed(items, from);
        if (it == items.end())
            return false;
        it->name = trimmed.toStdString();
        return true;
    });
    if (!found)
        return Tr::tr("'%1' no longer exists.").arg(from);
    const std::string oldName = from.toStdString(), newName = trimmed.toStdString();
    if (kind == EntityKind::Source)
        for (auto &m : config.models)
            if (m.source == oldName)
                m.source = newName;
    if (kind == EntityKind::Model) {
        for (auto &s : config.syncs)
            if (s.model == oldName)
                s.model = newName;
        audiences::renameModelInCustomerSchema(config.customerSchema, oldName, newName);
    }
    if (kind == EntityKind::Destination)
        for (auto &s : config.syncs)
            if (s.destination == oldName)
                s.destination = newName;
    return {};
}

QString deleteEntity(ProjectConfig &config, EntityKind kind, const QString &name)
{
    const QStringList refs = referencesTo(config, kind, name);
    if (!refs.isEmpty())
        return Tr::tr("'%1' is used by %2; delete or change those first.").arg(name, refs.join(QStringLiteral(", ")));
    const bool found = visit(config, kind, [&](auto &items) {
        auto it = findNamed(items, name);
        if (it == items.end())
            return false;
        items.erase(it);
        return true;
    });
    return found ? QString() : Tr::tr("'%1' no longer exists.").arg(name);
}

QString duplicateEntity(ProjectConfig &config, EntityKind kind, const QString &name, QString *created)
{
    QString copyName = name + QStringLiteral("_copy");
    for (int n = 2; nameExists(config, kind, copyName); ++n)
        copyName = name + QStringLiteral("_copy%1").arg(n);
    const bool found = visit(config, kind, [&](auto &items) {
        auto it = findNamed(items, name);
        if (it == items.end())
            return false;
        auto copy = *it;
        copy.name = copyName.toStdString();
        items.insert(it + 1, std::move(copy));
        return true;
    });
    if (!found)
        return Tr::tr("'%1' no longer exists.").arg(name);
    if (created)
        *created = copyName;
    return {};
}

} // namespace sluice::ui
