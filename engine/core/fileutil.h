#pragma once
// File helpers: whole-file reads with clear errors, and atomic writes
// (temp file in the same folder + fsync + rename) so a crash never leaves a
// half-written file behind.

#include "core/error.h"

#include <string>

namespace sluice {

Result<std::string> readTextFile(const std::string &path);
Result<> writeFileAtomically(const std::string &path, const std::string &content);
bool fileExists(const std::string &path);
std::string parentDirectory(const std::string &path); // "." when none
std::string absolutePath(const std::string &path, const std::string &base);

} // namespace sluice
