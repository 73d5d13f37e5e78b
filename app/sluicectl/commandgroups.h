#pragma once
// Internal to sluicectl: each command's argument spec and entry point, by the
// file that implements it. commands.cpp lists them (commands(), helpText()).

#include "cliargs.h"

#include <string>
#include <vector>

namespace sluice::cli {

// projectcommands.cpp: init, list, export, import
extern const CommandSpec kInit;
extern const CommandSpec kList;
extern const CommandSpec kExport;
extern const CommandSpec kImport;
int cmdInit(const std::vector<std::string> &argv);
int cmdList(const std::vector<std::string> &argv);
int cmdExport(const std::vector<std::string> &argv);
int cmdImport(const std::vector<std::string> &argv);

// inspectcommands.cpp: preview, check, test, schema
extern const CommandSpec kPreview;
extern const std::string kPreviewSyncUsage;
extern const CommandSpec kCheck;
extern const CommandSpec kTest;
extern const std::string kTestDestinationUsage;
extern const CommandSpec kSchema;
int cmdPreview(const std::vector<std::string> &argv);
int cmdCheck(const std::vector<std::string> &argv);
int cmdTest(const std::vector<std::string> &argv);
int cmdSchema(const std::vector<std::string> &argv);

// runcommands.cpp: run, reset-baseline
extern const CommandSpec kRun;
extern const CommandSpec kReset;
int cmdRun(const std::vector<std::string> &argv);
int cmdResetBaseline(const std::vector<std::string> &argv);

// historycommands.cpp: runs, log, rejected
extern const CommandSpec kRuns;
extern const CommandSpec kLog;
extern const CommandSpec kRejected;
int cmdRuns(const std::vector<std::string> &argv);
int cmdLog(const std::vector<std::string> &argv);
int cmdRejected(const std::vector<std::string> &argv);

// audiencecommands.cpp: audience size|preview|sql
extern const CommandSpec kAudience;
int cmdAudience(const std::vector<std::string> &argv);

} // namespace sluice::cli
