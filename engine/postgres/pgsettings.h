#pragma once
// The connection settings every PostgreSQL kind asks for (the source and the
// table destination), declared once so both forms ask alike.

#include "core/settingsspec.h"

#include <vector>

namespace sluice::pg {

// host, port, database, user, password (a secret reference) and sslmode,
// followed by the kind's own `more`.
std::vector<SettingSpec> connectionSettings(std::vector<SettingSpec> more);

} // namespace sluice::pg
