#pragma once
// A libpq connection to the test PostgreSQL server (tests/pg/pg-cluster.sh),
// for setup and checks that Sluice's own read-only sources refuse, and the
// settings of Sluice's PostgreSQL source and table destination for it.

#include "testsupport.h"

#include "sources/postgressource.h"

#include <QString>

#include <string>
#include <vector>

struct pg_conn;

namespace sluice::test {

// One libpq connection to a test server (the fixture's, or another user or
// database of it): setup and checks, with libpq directly.
class PgSession {
public:
    explicit PgSession(const PgServer &server);
    PgSession(const PgSession &) = delete;
    PgSession &operator=(const PgSession &) = delete;
    ~PgSession();
    bool ok() const;
    // Runs `sql` (several statements allowed): "" on success, else the error.
    QString tryExec(const std::string &sql);
    // The same, failing the test on an error (naming the SQL).
    void exec(const std::string &sql);
    // Rows as text ("NULL" for NULL); empty on error.
    std::vector<std::vector<std::string>> rows(const std::string &sql);
    // The first column of the first row, "" when there is none.
    std::string value(const std::string &sql);

private:
    pg_conn *m_conn = nullptr;
};

// Settings of Sluice's PostgreSQL source and table destination for a test server.
PostgresSettings pgSettings(const PgServer &server);

} // namespace sluice::test
