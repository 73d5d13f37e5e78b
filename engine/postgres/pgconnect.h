#pragma once
// libpq, shared by the PostgreSQL source and the PostgreSQL table
// destination: one way to connect (without blocking, so a cancel or a
// deadline interrupts a slow server), and one way to say why a connection
// failed, in the user's terms, so both read alike in the UI and the CLI.

#include "core/error.h"

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::pg {

struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
    void operator()(PGconn *c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;

struct Endpoint {
    std::string host;
    int port = 5432;
    std::string database;
    std::string user;
    std::string password;
    std::string sslmode = "prefer";
    int connectTimeoutSeconds = 10; // 0: no deadline
    // Extra libpq parameters ("options", "keepalives", ...).
    std::vector<std::pair<std::string, std::string>> extra;
};

// Connects; `isCancelled` (may be empty) is asked every `sliceMs` while the
// server has not answered. Errors: postgres.auth, postgres.no_database,
// postgres.no_role, postgres.unreachable, postgres.unavailable (the server is
// there but cannot take a connection now), postgres.error; Cancelled.
// Server notices are silenced (they would end up in sluicectl's output).
Result<ConnPtr> connect(const Endpoint &endpoint, const std::string &where,
                        const std::function<bool()> &isCancelled = {}, int sliceMs = 100);

// The first line of a libpq message, without trailing blanks.
std::string firstLine(std::string_view s);

// Why a connection failed, from libpq's message (classified as connect() does).
Error connectionError(const std::string &message, const std::string &user, const Endpoint &endpoint,
                      const std::string &where);

} // namespace sluice::pg
