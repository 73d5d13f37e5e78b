#pragma once
// A small, strict argument parser: every command declares its positionals,
// its options with values and its flags; anything else is a usage error that
// names the offending argument.

#include "core/error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sluice::cli {

struct CommandSpec {
    std::string name;
    std::vector<std::string> positionals; // e.g. {"PROJECT"}
    std::set<std::string> valueOptions;   // e.g. {"--model", "--limit"}
    std::set<std::string> flags;          // e.g. {"--json"}
    std::set<std::string> required;       // required value options
    std::string usage;                    // one line
};

struct Args {
    std::vector<std::string> positionals;
    std::map<std::string, std::string> options;
    std::set<std::string> flags;

    bool flag(const std::string &f) const { return flags.count(f) != 0; }
    std::optional<std::string> option(const std::string &o) const;
    // A positive integer option, or an error naming it.
    Result<std::optional<long long>> integer(const std::string &o, long long min, long long max) const;
};

Result<Args> parse(const CommandSpec &spec, const std::vector<std::string> &argv);

} // namespace sluice::cli
