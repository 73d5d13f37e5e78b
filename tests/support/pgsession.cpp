#include "pgsession.h"

#include <libpq-fe.h>

namespace sluice::test {

PgSession::PgSession(const PgServer &server)
{
    const std::string conninfo = "host=" + server.host.toStdString() + " port=" + std::to_string(server.port)
                               + " dbname=" + server.database.toStdString() + " user=" + server.user.toStdString()
                               + " password=" + server.password.toStdString();
    m_conn = PQconnectdb(conninfo.c_str());
}

PgSession::~PgSession()
{
    PQfinish(m_conn);
}

bool PgSession::ok() const
{
    return PQstatus(m_conn) == CONNECTION_OK;
}

QString PgSession::tryExec(const std::string &sql)
{
    if (!ok())
        return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    PGresult *result = PQexec(m_conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    QString error;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    PQclear(result);
    return error;
}

void PgSession::exec(const std::string &sql)
{
    if (const QString error = tryExec(sql); !error.isEmpty())
        qFatal("SQL failed: %s\n%s", qPrintable(error), sql.c_str());
}

std::vector<std::vector<std::string>> PgSession::rows(const std::string &sql)
{
    std::vector<std::vector<std::string>> rows;
    PGresult *result = PQexec(m_conn, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK)
        for (int i = 0; i < PQntuples(result); ++i) {
            rows.emplace_back();
            for (int j = 0; j < PQnfields(result); ++j)
                rows.back().push_back(PQgetisnull(result, i, j) ? "NULL" : PQgetvalue(result, i, j));
        }
    PQclear(result);
    return rows;
}

std::string PgSession::value(const std::string &sql)
{
    const auto all = rows(sql);
    return all.empty() || all[0].empty() ? std::string() : all[0][0];
}

PostgresSettings pgSettings(const PgServer &server)
{
    PostgresSettings s;
    s.host = server.host.toStdString();
    s.port = server.port;
    s.user = server.user.toStdString();
    s.password = server.password.toStdString();
    s.database = server.database.toStdString();
    s.sslmode = "disable";
    s.connectTimeoutSeconds = 5;
    return s;
}

} // namespace sluice::test
