// sluicectl: the headless face of Sluice. Thin: pick the command, run it.

#include "commands.h"
#include "version.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    using namespace sluice::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << "error: no command given (try: sluicectl --help)\n";
        return 2;
    }
    const std::string cmd = args.front();
    if (cmd == "--version" || cmd == "version") {
        std::cout << "sluicectl " << sluice::kVersion << "\n";
        return 0;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << helpText();
        return 0;
    }
    for (const auto &c : commands()) {
        if (cmd == c.name) {
            args.erase(args.begin());
            return c.run(args);
        }
    }
    std::string shown;
    for (char c : cmd)
        shown += c == '\n' ? std::string("\\n") : std::string(1, c);
    std::cerr << "error: unknown command '" << shown << "' (try: sluicectl --help)\n";
    return 2;
}
