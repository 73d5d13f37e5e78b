#include "testsupport.h"

#include "pgsession.h"

#include "project/projectstore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

#include <libpq-fe.h>

#include <nlohmann/json.hpp>

namespace sluice::test {

std::optional<PgServer> pgServer(QString *whyNot)
{
    const QString dir = qEnvironmentVariable("SLUICE_BUILD_DIR") + "/pg-test";
    QFile f(dir + "/connection.env");
    if (!f.open(QIODevice::ReadOnly)) {
        if (whyNot)
            *whyNot = "no test PostgreSQL server: " + f.fileName()
                    + " is missing (run the test through ctest, which starts the "
                      "'postgres' fixture)";
        return std::nullopt;
    }
    PgServer s;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const int eq = line.indexOf('=');
        if (eq < 0)
            continue;
        const QString key = QString::fromUtf8(line.left(eq));
        const QString value = QString::fromUtf8(line.mid(eq + 1));
        if (key == "PGHOST")
            s.host = value;
        else if (key == "PGPORT")
            s.port = value.toInt();
        else if (key == "PGUSER")
            s.user = value;
        else if (key == "PGPASSWORD")
            s.password = value;
        else if (key == "PGDATABASE")
            s.database = value;
    }
    return s;
}

QString pgExecute(const std::string &sql)
{
    QString why;
    const auto server = pgServer(&why);
    if (!server)
        return why;
    return PgSession(*server).tryExec(sql);
}

std::vector<std::vector<std::string>> pgRows(const std::string &sql)
{
    const auto server = pgServer();
    if (!server)
        return {};
    return PgSession(*server).rows(sql);
}

CliResult runSluicectl(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    CliResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("SLUICECTL"), args);
    if (!p.waitForStarted(10000)) {
        r.err = "could not start sluicectl: " + p.errorString().toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "sluicectl timed out";
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QString createProject(const std::string &path, const ProjectConfig &config)
{
    auto store = ProjectStore::create(path, config.name);
    if (!store)
        return QString::fromStdString(store.error().describe());
    if (auto saved = (*store)->save(config); !saved)
        return QString::fromStdString(saved.error().describe());
    return {};
}

SysTime at(const std::string &iso)
{
    auto t = parseIsoUtc(iso);
    if (!t)
        qFatal("bad time in test: %s", iso.c_str());
    return *t;
}

QByteArray fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

QString sourceDir()
{
    return qEnvironmentVariable("SLUICE_SOURCE_DIR");
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(content);
}

std::optional<RunSummary> runSyncWithSluicectl(const std::string &project, const std::string &sync, QString *output)
{
    const CliResult cli
        = runSluicectl({"run", QString::fromStdString(project), "--sync", QString::fromStdString(sync), "--json"});
    if (output)
        *output = QStringLiteral("exit %1\n%2%3")
                      .arg(cli.exitCode)
                      .arg(QString::fromUtf8(cli.out), QString::fromUtf8(cli.err));
    const nlohmann::json doc = nlohmann::json::parse(cli.out.toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("run_id") || !doc.contains("classes"))
        return std::nullopt;
    RunSummary s;
    s.runId = doc["run_id"].get<std::int64_t>();
    s.sync = doc.value("sync", "");
    s.kind = doc.value("kind", "");
    s.mode = doc.value("mode", "");
    s.status = doc.value("status", "");
    s.error = doc["error"].is_string() ? doc["error"].get<std::string>() : std::string();
    s.queried = doc.value("queried", std::int64_t(0));
    for (auto [name, counts] : {std::pair{"added", &s.added}, std::pair{"changed", &s.changed},
                                std::pair{"unchanged", &s.unchanged}, std::pair{"removed", &s.removed}}) {
        const nlohmann::json &c = doc["classes"][name];
        counts->planned = c.value("planned", std::int64_t(0));
        counts->delivered = c.value("delivered", std::int64_t(0));
        counts->rejected = c.value("rejected", std::int64_t(0));
        counts->pending = c.value("pending", std::int64_t(0));
    }
    return s;
}

RunSummary runSyncWithSluicectlOrStop(const std::string &project, const std::string &sync)
{
    QString output;
    auto summary = runSyncWithSluicectl(project, sync, &output);
    if (!summary)
        qFatal("sluicectl run printed no summary: %s", qPrintable(output));
    return *summary;
}

} // namespace sluice::test
