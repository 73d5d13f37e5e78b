#pragma once
// Internal to project/: helpers the ProjectStore's files (projectstore*.cpp)
// share; not part of the engine's interface.

#include "core/error.h"

#include <string>

namespace sluice::projectstore {

// A random UUID (version 4) naming the project in the machine's trust store.
std::string newProjectId();
// Now, as ISO 8601 UTC to the second: "2024-05-01T09:12:33Z".
std::string nowIso();
// `e` located in the file at `path`.
Error at(Error e, const std::string &path);

} // namespace sluice::projectstore
