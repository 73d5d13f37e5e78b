// The PostgreSQL source's connection (postgres/pgconnect: without blocking,
// its failures in the user's terms), closed, and cancel requests for the
// statement in flight.

#include "sources/postgresinternal.h"

namespace sluice {

using namespace pgsource;

Result<pg_conn *> PostgresSource::connection()
{
    if (m_cancelled)
        return cancelled(where());
    if (m_conn) {
        if (PQstatus(m_conn) == CONNECTION_OK)
            return m_conn;
        closeConnection(); // the server went away; try once more from scratch
    }

    pg::Endpoint endpoint{m_settings.host,
                          m_settings.port,
                          m_settings.database,
                          m_settings.user,
                          m_settings.password,
                          m_settings.sslmode,
                          m_settings.connectTimeoutSeconds,
                          {}};
    // Dates and timestamps as ISO 8601 text whatever the server's or role's
    // DateStyle: cursors compare them. Read-only by default; each model query
    // also runs in BEGIN READ ONLY.
    endpoint.extra = {{"options", "-c DateStyle=ISO,YMD -c default_transaction_read_only=on"}};
    auto connected = pg::connect(
        endpoint, where(), [this] { return m_cancelled.load(); }, kSliceMs);
    if (!connected)
        return std::unexpected(connected.error());
    PGconn *conn = connected->release();
    PGcancel *cancelHandle = PQgetCancel(conn);
    {
        std::lock_guard lock(m_cancelMutex);
        m_conn = conn;
        m_cancelHandle = cancelHandle;
        m_queryRunning = false;
    }
    return conn;
}

void PostgresSource::closeConnection()
{
    PGconn *conn = nullptr;
    PGcancel *cancelHandle = nullptr;
    {
        std::lock_guard lock(m_cancelMutex);
        std::swap(conn, m_conn);
        std::swap(cancelHandle, m_cancelHandle);
        m_queryRunning = false;
    }
    if (cancelHandle)
        PQfreeCancel(cancelHandle);
    if (conn)
        PQfinish(conn);
}

void PostgresSource::cancel()
{
    m_cancelled = true;
    sendCancel();
}

void PostgresSource::sendCancel()
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_cancelHandle || !m_queryRunning)
        return;
    // Nothing useful to do if the request cannot be delivered: the waiting
    // thread repeats it and eventually gives up on the connection.
    char error[256];
    PQcancel(m_cancelHandle, error, int(sizeof error));
}

} // namespace sluice
