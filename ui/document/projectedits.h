#pragma once
// Structural edits of a configuration that the explorer offers (rename,
// duplicate, delete), as plain functions so they are tested without widgets.
// A rename carries every reference with it (a model's syncs, a source's
// models); a delete of something still referenced is refused with the names
// of what refers to it, so the project never holds a dangling reference.

#include "core/entities.h"

#include <QString>
#include <QStringList>

namespace sluice::ui {

enum class EntityKind { Source, Model, Destination, Sync };

// What still refers to `name` ("model user_360", "sync to_crm").
QStringList referencesTo(const ProjectConfig &config, EntityKind kind, const QString &name);

// Each returns an empty string on success, else why it was refused.
QString renameEntity(ProjectConfig &config, EntityKind kind, const QString &from, const QString &to);
QString deleteEntity(ProjectConfig &config, EntityKind kind, const QString &name);
// Adds a copy named "<name>_copy" (or _copy2, ...); returns the new name in `created`.
QString duplicateEntity(ProjectConfig &config, EntityKind kind, const QString &name, QString *created);

bool nameExists(const ProjectConfig &config, EntityKind kind, const QString &name);

} // namespace sluice::ui
