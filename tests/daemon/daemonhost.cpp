// `sluicectl daemon` in a process of its own: the same cmdDaemon the
// command table calls, so the tests that signal the daemon and read its
// output do not depend on how sluicectl's table is wired.

#include "daemon.h"

#include <string>
#include <vector>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args.front() == "daemon")
        args.erase(args.begin());
    return sluice::cli::cmdDaemon(args);
}
