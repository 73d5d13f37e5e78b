#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

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

} // namespace sluice::test
