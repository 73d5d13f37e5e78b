#pragma once
// The sluicectl commands. Each returns its exit status: 0 success, 1 the
// operation ran and failed, 2 bad usage or invalid input (one line on stderr).

#include <string>
#include <vector>

namespace sluice::cli {

struct Command {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(const std::vector<std::string> &args);
};

const std::vector<Command> &commands();
std::string helpText();

} // namespace sluice::cli
