// PostgresCursor: the rows of the statement in flight, one result at a time
// (single-row mode), decoded from text to Values.

#include "sources/postgresinternal.h"

#include <charconv>

namespace sluice {

using namespace pgsource;

namespace {

// Text format to Value. Anything that does not parse as its type (numeric
// 'NaN' does, as does 'Infinity') is kept as text rather than lost.
Value toValue(const char *text, int length, ValueType type)
{
    const char *end = text + length;
    switch (type) {
    case ValueType::Integer: {
        std::int64_t v = 0;
        const auto [ptr, ec] = std::from_chars(text, end, v);
        if (ec == std::errc() && ptr == end)
            return v;
        break;
    }
    case ValueType::Real: {
        double v = 0;
        const auto [ptr, ec] = std::from_chars(text, end, v);
        if (ec == std::errc() && ptr == end)
            return v;
        break;
    }
    case ValueType::Boolean: return length > 0 && text[0] == 't';
    default: break;
    }
    return std::string(text, std::size_t(length));
}

} // namespace

PostgresCursor::PostgresCursor(PostgresSource &source, std::vector<Column> columns, ResultPtr first)
    : m_source(&source), m_columns(std::move(columns)), m_pending(std::move(first))
{
    if (!m_pending)
        m_done = true;
}

PostgresCursor::~PostgresCursor()
{
    abandon();
    if (m_source && m_source->m_cursor == this)
        m_source->m_cursor = nullptr;
}

Result<bool> PostgresCursor::next(Row &row)
{
    if (m_superseded)
        return failed("postgres.superseded", "another call used the connection before this query's rows were all read");
    if (m_done)
        return false;
    if (!m_source) {
        m_done = true;
        return failed("postgres.closed", "the PostgreSQL source was closed");
    }
    if (m_source->m_cancelled) {
        abandon();
        return cancelled(m_source->where());
    }
    ResultPtr result = std::move(m_pending);
    if (!result) {
        auto nextResult = m_source->nextResult(false);
        if (!nextResult) {
            m_done = true;
            return std::unexpected(nextResult.error());
        }
        result.reset(*nextResult);
    }
    if (!result) {
        m_done = true;
        return false;
    }
    switch (PQresultStatus(result.get())) {
    case PGRES_SINGLE_TUPLE: {
        const int n = int(m_columns.size());
        row.resize(m_columns.size());
        for (int i = 0; i < n; ++i) {
            if (PQgetisnull(result.get(), 0, i))
                row[i] = Value();
            else
                row[i] = toValue(PQgetvalue(result.get(), 0, i), PQgetlength(result.get(), 0, i), m_columns[i].type);
        }
        return true;
    }
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY: {
        m_done = true;
        result.reset();
        if (auto finished = m_source->finishQuery(); !finished)
            return std::unexpected(finished.error());
        return false;
    }
    default: {
        m_done = true;
        const Error error = m_source->queryError(result.get());
        result.reset();
        (void)m_source->finishQuery();
        return std::unexpected(error);
    }
    }
}

// Stops the statement so the connection is free for the next one.
void PostgresCursor::abandon()
{
    m_pending.reset();
    if (m_done || !m_source)
        return;
    m_done = true;
    m_source->abandonQuery();
}

// Another call needs the connection; reading on would silently miss rows.
void PostgresCursor::supersede()
{
    if (!m_done)
        m_superseded = true;
    abandon();
}

} // namespace sluice
