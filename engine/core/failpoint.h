#pragma once
// Crash points for the crash tests: failpoint("file.renamed") kills the
// process with SIGKILL, as `kill -9` would, when the environment variable
// SLUICE_FAILPOINT names that point, so a test can stop a run exactly between
// two steps that must survive a crash together (a file's rename and the
// snapshot's commit) instead of hoping a random kill lands there. Without the
// variable a failpoint costs one comparison; they sit on per-batch paths,
// never per row.
//
// Points: file.staged (a group of delivered rows staged), file.prepared (the
// temporary file complete, its commit recorded), file.renamed (the file
// replaced, its rows not yet promoted), batch.acknowledged (a batch recorded
// in the snapshot).

#include <string_view>

namespace sluice {

void failpoint(std::string_view name);

} // namespace sluice
