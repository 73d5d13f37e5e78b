#pragma once
// Testing a source or destination and reading what it offers (tables and
// columns, objects and fields): plain functions meant to run on a worker
// thread (QtConcurrent), shared by the connection page and the model
// editor's schema browser.

#include "common/schemanode.h"

#include "core/entities.h"
#include "core/envref.h"

#include <QString>

#include <string>
#include <vector>

namespace sluice::ui {

struct ConnectionCheck {
    QString result; // "OK: ..." or the error
    bool ok = false;
    std::vector<SchemaNode> nodes;
    QString schemaError;
};

ConnectionCheck checkSource(const SourceDef &def, const std::string &projectDir, SecretAccess access);
ConnectionCheck checkDestination(const DestinationDef &def, const std::string &projectDir, SecretAccess access);

} // namespace sluice::ui
