#include "trust.h"

#include "cliargs.h"
#include "core/envref.h"
#include "trust/projectreview.h"

#include <iostream>
#include <string>

#include <unistd.h>

namespace sluice::cli {

namespace {

const CommandSpec kTrust{"trust", {"PROJECT"}, {}, {"--yes", "--revoke"}, {}, kTrustUsage};

int fail(const Error &e)
{
    std::cerr << "error: " << redactSecrets(e.describe()) << "\n";
    return e.kind == ErrorKind::InvalidInput ? 2 : 1;
}

} // namespace

std::string reviewText(const ProjectStore &store)
{
    auto config = store.load();
    if (!config)
        return config.error().describe() + "\n";
    return reviewProject(*config, store.directory()).text(config->name, store.path());
}

int cmdTrust(const std::vector<std::string> &argv)
{
    auto a = parse(kTrust, argv);
    if (!a)
        return fail(a.error());
    if (a->flag("--yes") && a->flag("--revoke"))
        return fail(Error{ErrorKind::InvalidInput, "usage", "--yes and --revoke exclude each other", {}});
    auto store = ProjectStore::open(a->positionals[0]);
    if (!store)
        return fail(store.error());
    if (a->flag("--revoke")) {
        if (auto r = (*store)->revokeTrust(); !r)
            return fail(r.error());
        std::cout << "No longer trusted on this machine: its syncs, schedules and alerts will not run.\n";
        return 0;
    }
    std::cout << reviewText(**store);
    auto trusted = (*store)->trusted();
    if (!trusted)
        return fail(trusted.error());
    if (*trusted) {
        std::cout << "\nAlready trusted on this machine.\n";
        return 0;
    }
    bool yes = a->flag("--yes");
    if (!yes) {
        if (!::isatty(STDIN_FILENO))
            return fail(Error{ErrorKind::InvalidInput,
                              "trust.unanswered",
                              "not trusted: read the review above, then run again with --yes to trust it",
                              {}});
        std::cout << "\nTrust this project on this machine? [y/N] " << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        yes = answer == "y" || answer == "Y" || answer == "yes";
        if (!yes) {
            std::cout << "Not trusted.\n";
            return 1;
        }
    }
    if (auto r = (*store)->trust(); !r)
        return fail(r.error());
    std::cout << "\nTrusted on this machine: its syncs, schedules and alerts can run, and it may read the "
                 "environment variables listed above.\n";
    return 0;
}

} // namespace sluice::cli
