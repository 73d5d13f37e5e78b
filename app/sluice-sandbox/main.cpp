// sluice-sandbox: the SaaS fakes of tests/fakes as a program, so a user can
// try a destination without an account and see what arrived, or read the
// Snowflake fake's CUSTOMERS table as a source. Serves on
// 127.0.0.1 only; every request is printed as it is answered.

#include "saassandbox.h"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace {
volatile std::sig_atomic_t g_stop = 0;
void onSignal(int)
{
    g_stop = 1;
}

int usage(const std::string &why)
{
    if (!why.empty())
        std::cerr << "error: " << why << "\n";
    std::cerr << "usage: sluice-sandbox [--port N] [--token TOKEN]\n";
    return 2;
}
} // namespace

int main(int argc, char **argv)
{
    int port = 8787;
    std::string token = "sandbox-token";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--port" || arg == "--token") && i + 1 >= argc)
            return usage(arg + " needs a value");
        if (arg == "--port") {
            port = std::atoi(argv[++i]);
            if (port < 0 || port > 65535)
                return usage("--port needs a number from 0 to 65535");
        } else if (arg == "--token") {
            token = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            usage({});
            return 0;
        } else {
            return usage("unknown argument '" + arg + "'");
        }
    }
    sluice::fakes::SaasSandbox sandbox(sluice::fakes::SandboxOptions{token});
    sandbox.onRequest([](const std::string &method, const std::string &path, int status) {
        std::cout << method << " " << path << " -> " << status << std::endl;
    });
    try {
        sandbox.start(port);
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    std::cout << "Sluice sandbox on http://127.0.0.1:" << sandbox.port() << " (token: " << token << ")\n";
    for (const char *service : {"hubspot", "salesforce", "braze", "mixpanel", "amplitude", "aep", "segment"})
        std::cout << "  " << service << ": baseUrl " << sandbox.baseUrl(service) << "\n";
    std::cout << "  snowflake (source): baseUrl " << sandbox.baseUrl("snowflake") << ", database SLUICE_DB, "
              << "schema PUBLIC, table CUSTOMERS\n";
    std::cout << "What arrived: " << sandbox.baseUrl("sandbox/contents") << "\nCtrl+C stops it.\n" << std::flush;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sandbox.stop();
    std::cout << "stopped\n";
    return 0;
}
