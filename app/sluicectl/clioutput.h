#pragma once
// How every sluicectl command, the daemon included, says it failed: one line
// on stderr, secrets redacted, and the exit code the README documents.

#include "core/error.h"

#include <string>

namespace sluice::cli {

// `text` on one line: newlines from user input or server messages escaped.
std::string oneLine(const std::string &text);

// 2 for bad input (usage, a malformed file), 1 for everything else.
int exitCodeFor(const Error &e);

// Prints "error: ..." (one line, secrets redacted: a server may echo a
// credential) and returns the exit code.
int report(const Error &e);

} // namespace sluice::cli
