#pragma once
// Helpers shared by the test suites: the test PostgreSQL server, running
// sluicectl as a user would, and file fingerprints to prove "nothing was modified".

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "core/entities.h"
#include "formats/isotime.h"
#include "sync/syncrunner.h"

#include <optional>
#include <string>
#include <vector>

namespace sluice::test {

struct PgServer {
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database;
};

// The cluster started by the `postgres` ctest fixture (tests/pg/pg-cluster.sh),
// or an error message saying why there is none.
std::optional<PgServer> pgServer(QString *whyNot = nullptr);

// Runs `sql` (several statements allowed) on the test server as its owner,
// with libpq directly: setup and checks that write, which Sluice's own
// sources refuse (they read read-only). "" on success, else the error.
QString pgExecute(const std::string &sql);
// The rows of `sql` on the test server as text ("NULL" for NULL); empty on error.
std::vector<std::vector<std::string>> pgRows(const std::string &sql);

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs sluicectl (path from $SLUICECTL) with `args`; kills it after `timeoutMs`.
CliResult runSluicectl(const QStringList &args,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                       int timeoutMs = 120000);

// Runs a sync as a user would from a shell: `sluicectl run PROJECT --sync
// SYNC --json`, and reads its summary (run id, status, error, queried and the
// per-class counts). nullopt, with what sluicectl printed, when it printed no
// summary.
std::optional<RunSummary> runSyncWithSluicectl(const std::string &project, const std::string &sync,
                                               QString *output = nullptr);
// The same for a test that cannot go on without the summary: stops the test
// binary with what sluicectl printed when there is none.
RunSummary runSyncWithSluicectlOrStop(const std::string &project, const std::string &sync);

// Creates the project file at `path` holding `config`: "" on success, else
// what went wrong.
QString createProject(const std::string &path, const ProjectConfig &config);

// An ISO 8601 UTC time written in a test ("2030-01-01T00:00:00Z"); stops the
// test binary on a typo.
SysTime at(const std::string &iso);

QByteArray fileSha256(const QString &path); // empty when unreadable
QString sourceDir();                        // $SLUICE_SOURCE_DIR
void writeFile(const QString &path, const QByteArray &content);

} // namespace sluice::test
