#include "sources/postgressource.h"

#include "sources/sqlstatements.h"

#include "sources/postgresinternal.h"

#include <functional>
#include <map>
#include <set>

namespace sluice {

using namespace pgsource;

namespace {

// Whether a column's type is text, by the name format_type() gives it (or
// "oid:N" when the names could not be read): only text takes COLLATE.
bool isTextType(const std::string &declared)
{
    static const std::set<std::string> names
        = {"text",   "character varying", "character", "name",   "citext", "\"char\"",
           "oid:25", "oid:1043",          "oid:1042",  "oid:19", "oid:18"};
    return names.count(declared) > 0;
}

} // namespace

PostgresSource::PostgresSource(PostgresSettings settings) : m_settings(std::move(settings))
{ }

PostgresSource::~PostgresSource()
{
    if (m_cursor)
        m_cursor->detach();
    closeConnection();
}

std::string PostgresSource::where() const
{
    return m_settings.host + ":" + std::to_string(m_settings.port) + "/" + m_settings.database;
}

std::string PostgresSource::collationFor(const Column &column) const
{
    return isTextType(column.declaredType) ? bytewiseTextCollation() : std::string();
}

std::string PostgresSource::comparison(const Column &column, std::string_view op, const Value &value) const
{
    std::string literal = sqlLiteral(value);
    // A date, timestamp, uuid, ... read as text compares as its own type: the
    // literal is cast to it (DateStyle is ISO for our sessions, and ISO 8601
    // input parses the same under any DateStyle).
    const std::string &type = column.declaredType;
    if (value.type() == ValueType::Text && !isTextType(type) && !type.empty() && !type.starts_with("oid:"))
        literal = "CAST(" + literal + " AS " + type + ")";
    return quoteIdentifier(column.name) + collationFor(column) + " " + std::string(op) + " " + literal;
}

Result<std::string> PostgresSource::testConnection()
{
    if (m_cursor)
        m_cursor->supersede();
    auto conn = connection();
    if (!conn)
        return std::unexpected(conn.error());
    // server_version reads like "15.18 (Debian 15.18-0+deb12u1)"; the number is enough.
    std::string version;
    if (const char *serverVersion = PQparameterStatus(*conn, "server_version"))
        version = std::string(serverVersion).substr(0, std::string_view(serverVersion).find(' '));
    else
        version = std::to_string(PQserverVersion(*conn) / 10000);
    return "PostgreSQL " + version + " on " + m_settings.host + ":" + std::to_string(m_settings.port) + ", database "
         + PQdb(*conn) + " as user " + PQuser(*conn);
}

Result<std::unique_ptr<RowCursor>> PostgresSource::query(const QuerySpec &spec)
{
    // One statement at a time per connection: an older cursor gives way.
    if (m_cursor)
        m_cursor->supersede();
    if (auto conn = connection(); !conn)
        return std::unexpected(conn.error());
    if (!m_typeNamesLoaded) {
        // Without the names columns are still typed, only labelled "oid:NNNN",
        // so a failure here is not worth failing the query or retrying for.
        auto loaded = loadTypeNames();
        if (!loaded && loaded.error().kind == ErrorKind::Cancelled)
            return std::unexpected(loaded.error());
        m_typeNamesLoaded = true;
        if (auto conn = connection(); !conn)
            return std::unexpected(conn.error());
    }

    // Bytewise order needs COLLATE "C" on text keys, and PostgreSQL refuses
    // COLLATE on other types: learn the column types first (LIMIT 0).
    std::function<std::string(const std::string &)> collate;
    if (spec.bytewiseOrder && !spec.orderBy.empty()) {
        QuerySpec probe;
        probe.sql = spec.sql;
        probe.limit = 0;
        auto probed = query(probe);
        if (!probed)
            return std::unexpected(probed.error());
        std::map<std::string, std::string> clauses;
        for (const Column &c : (*probed)->columns())
            clauses[c.name] = collationFor(c);
        probed->reset();
        collate = [clauses](const std::string &column) {
            const auto it = clauses.find(column);
            return it == clauses.end() ? std::string() : it->second;
        };
    }
    // The model runs read-only (issue 19): in BEGIN READ ONLY, which it cannot
    // end or make writable: its session settings (SET search_path ...) and
    // then its one query, each sent as a single statement.
    auto statements = readOnlyModelStatements(spec.sql);
    if (!statements)
        return std::unexpected(statements.error());
    const std::string &model = statements->back().text;
    const std::string sql = wrapModelSql(model, spec, '"', collate);
    if (auto begun = command("BEGIN READ ONLY"); !begun)
        return std::unexpected(begun.error());
    m_inReadOnlyTransaction = true;
    for (std::size_t k = 0; k + 1 < statements->size(); ++k)
        if (auto set = command((*statements)[k].text); !set) {
            endReadOnlyTransaction();
            return std::unexpected(set.error());
        }
    const std::string body = wrapModelSql(model, QuerySpec{});
    const std::size_t bodyAt = sql.find(body);
    m_sqlSkipChars = bodyAt == std::string::npos ? 0 : utf8Length(std::string_view(sql).substr(0, bodyAt));
    m_sqlBodyChars = utf8Length(body);

    if (auto sent = sendQuery(sql, true); !sent) {
        endReadOnlyTransaction();
        return std::unexpected(sent.error());
    }
    ResultPtr result;
    {
        auto next = nextResult(false);
        if (!next) {
            endReadOnlyTransaction();
            return std::unexpected(next.error());
        }
        result.reset(*next);
    }

    std::vector<Column> columns;
    if (result) {
        switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK:
            for (int i = 0, n = PQnfields(result.get()); i < n; ++i) {
                const Oid oid = PQftype(result.get(), i);
                const auto known = m_typeNames.find(oid);
                columns.push_back(Column{PQfname(result.get(), i), valueTypeForOid(oid),
                                         known != m_typeNames.end() ? known->second : "oid:" + std::to_string(oid)});
            }
            break;
        case PGRES_EMPTY_QUERY:
            (void)finishQuery();
            return invalidInput("postgres.empty_query", "the SQL is empty", where());
        default: {
            const Error error = queryError(result.get());
            result.reset();
            (void)finishQuery();
            return std::unexpected(error);
        }
        }
    }
    auto cursor = std::make_unique<PostgresCursor>(*this, std::move(columns), std::move(result));
    m_cursor = cursor.get();
    return cursor;
}

} // namespace sluice
