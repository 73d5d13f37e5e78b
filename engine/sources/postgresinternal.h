#pragma once
// Internal to sources/: what the PostgreSQL source's files share (the
// connection, its statements, the cursor, the catalog); not part of the
// engine's interface.

#include "postgres/pgconnect.h"
#include "sources/postgressource.h"

#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

namespace pgsource {

using Clock = std::chrono::steady_clock;

// Blocking waits look at the cancel flag this often.
constexpr int kSliceMs = 100;

using pg::firstLine;
using pg::ResultPtr;

// Characters (not bytes) of UTF-8 text: the server counts error positions in characters.
std::size_t utf8Length(std::string_view s);

ValueType valueTypeForOid(Oid oid);

} // namespace pgsource

// Streams the rows of the statement in flight; the source does the waiting.
class PostgresCursor final : public RowCursor {
public:
    PostgresCursor(PostgresSource &source, std::vector<Column> columns, pgsource::ResultPtr first);
    ~PostgresCursor() override;

    const std::vector<Column> &columns() const override { return m_columns; }

    Result<bool> next(Row &row) override;

    // Stops the statement so the connection is free for the next one.
    void abandon();

    // Another call needs the connection; reading on would silently miss rows.
    void supersede();

    void detach() { m_source = nullptr; }

private:
    PostgresSource *m_source;
    std::vector<Column> m_columns;
    pgsource::ResultPtr m_pending; // the first result, read by query() to learn the columns
    bool m_done = false;
    bool m_superseded = false;
};

} // namespace sluice
