#pragma once
// What a project will do with the receiver's machine and credentials, in
// words, for the trust review (issue 19): the warehouses it reads and the SQL
// it runs there, every host that will receive data with the syncs, models and
// columns sent there, every secret reference with the host it goes to, where
// alerts go, and the environment variables it reads. `sluicectl trust` prints
// it; the app shows it before the project can run anything.

#include "core/entities.h"

#include <set>
#include <string>
#include <vector>

namespace sluice {

struct ProjectReview {
    struct Warehouse {
        std::string source, kind, location; // "127.0.0.1:5432/analytics as reader", "file /data/wh.sqlite"
    };
    struct Query {
        std::string model, source, sql;
    };
    struct Flow {
        std::string sync, model;
        std::vector<std::string> columns; // model columns sent ("*" for every column)
    };
    struct Receiver {
        std::string host;        // "hooks.example.com:443", "this machine"
        std::string destination; // its name
        std::string kind;
        std::string address; // the URL, file or table as set
        std::vector<Flow> flows;
    };
    struct Secret {
        std::string reference; // ${env:NAME}
        std::string where;     // "destination 'hook', settings.headers.X-Token"
        std::string host;      // where it is sent
    };
    struct AlertTarget {
        std::string sync, channel, host;
    };

    std::vector<Warehouse> warehouses;
    std::vector<Query> queries;
    std::vector<Receiver> receivers;
    std::vector<Secret> secrets;
    std::vector<AlertTarget> alerts;
    std::set<std::string> environment; // ${env:NAME} names read

    // SHA-256 of the listed items: an import that changes any of them drops trust.
    std::string fingerprint() const;
    // The review as plain text, for a terminal.
    std::string text(const std::string &projectName, const std::string &projectPath) const;
};

ProjectReview reviewProject(const ProjectConfig &config, const std::string &projectDir);

// "host:port" of an http(s) URL ("" when it is none).
std::string urlHost(const std::string &url);

} // namespace sluice
