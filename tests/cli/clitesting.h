#pragma once
// sluicectl end to end, as a user or a script runs it: exact exit statuses,
// exact output, one "error: " line for every failure, and proof (SHA-256 of
// every file in the folder) that bad input never modifies or leaves anything.
//
// What the parts of the sluicectl tests (tst_cli_usage, tst_cli_check,
// tst_cli_import) share: the one-line failure checks, folder fingerprints,
// JSON helpers and the demo project they start from (CliTestCase).

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice::test;

// Empty when `r` is the failure the CLI contract promises: exit status
// `exitCode`, exactly one stderr line that starts with `start` (the whole line
// when `exact`) and contains every needle, and nothing on stdout unless
// `allowStdout` (preview --json still prints its document with a key problem).
inline QString errorProblem(const CliResult &r, int exitCode, const QString &start, bool exact,
                            const QStringList &needles = {}, bool allowStdout = false)
{
    const QString err = QString::fromUtf8(r.err);
    const QString context = QString("\n  exit %1\n  stderr: %2\n  stdout: %3")
                                .arg(r.exitCode)
                                .arg(err, QString::fromUtf8(r.out.left(400)));
    if (r.exitCode != exitCode)
        return QString("expected exit %1").arg(exitCode) + context;
    if (!err.endsWith('\n') || err.count('\n') != 1)
        return "expected exactly one line on stderr" + context;
    if (!err.startsWith("error: "))
        return "expected stderr to start with 'error: '" + context;
    const QString line = err.chopped(1);
    if (exact ? line != start : !line.startsWith(start))
        return QString("expected the line %1 '%2'").arg(exact ? "to be" : "to start with", start) + context;
    for (const QString &n : needles)
        if (!line.contains(n))
            return QString("expected the line to contain '%1'").arg(n) + context;
    if (!allowStdout && !r.out.isEmpty())
        return "expected nothing on stdout" + context;
    return {};
}

// The exact one-line failure.
#define SLUICE_VERIFY_ERROR(r, code, line)                                                                             \
    do {                                                                                                               \
        const QString problem_ = errorProblem(r, code, line, true);                                                    \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                                            \
    } while (false)

// A one-line failure whose start is exact and whose tail (library wording,
// such as valijson's) is only required to name the needles.
#define SLUICE_VERIFY_ERROR_START(r, code, start, ...)                                                                 \
    do {                                                                                                               \
        const QString problem_ = errorProblem(r, code, start, false, QStringList{__VA_ARGS__});                        \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                                            \
    } while (false)

// Success: exit 0 and a quiet stderr. `r` is evaluated once (it may be the run itself).
#define SLUICE_VERIFY_OK(r)                                                                                            \
    do {                                                                                                               \
        const CliResult ok_ = (r);                                                                                     \
        QVERIFY2(ok_.exitCode == 0 && ok_.err.isEmpty(),                                                               \
                 qPrintable(QString("exit %1, stderr: %2").arg(ok_.exitCode).arg(QString::fromUtf8(ok_.err))));        \
    } while (false)

// Every entry of a folder with its SHA-256: equal before and after a command
// means nothing was modified, and no -wal, -shm, *.importing or *.tmp-* was
// left behind.
inline QStringList folderState(const QString &dir)
{
    QStringList state;
    const QFileInfoList entries
        = QDir(dir).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &fi : entries)
        state << (fi.isDir() ? fi.fileName() + "/" : fi.fileName() + " " + fileSha256(fi.filePath()));
    return state;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The whole of `bytes` as one JSON object; `error` says why not.
inline QJsonObject jsonObject(const QByteArray &bytes, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError)
        *error = "not one JSON document: " + pe.errorString() + " at " + QString::number(pe.offset);
    else if (!doc.isObject())
        *error = "not a JSON object";
    return doc.object();
}

#define SLUICE_PARSE_JSON(var, bytes)                                                                                  \
    QString var##Error;                                                                                                \
    const QJsonObject var = jsonObject(bytes, &var##Error);                                                            \
    QVERIFY2(var##Error.isEmpty(), qPrintable(var##Error + "\n" + QString::fromUtf8(bytes)))

inline QByteArray jsonText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

inline QJsonObject appended(QJsonObject project, const QString &section, const QJsonObject &item)
{
    QJsonArray items = project[section].toArray();
    items.append(item);
    project[section] = items;
    return project;
}

inline QJsonObject model(const QString &name, const QString &source, const QString &sql, const QStringList &key)
{
    QJsonObject m{{"name", name}, {"source", source}, {"primaryKey", QJsonArray::fromStringList(key)}};
    if (!sql.isEmpty())
        m["sql"] = sql;
    return m;
}

inline QStringList stringList(const QJsonArray &a)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

inline QStringList names(const QJsonArray &items)
{
    QStringList out;
    for (const QJsonValue &v : items)
        out << v.toObject()["name"].toString();
    return out;
}

inline const QStringList kDemoModels = {"hubspot_contacts", "salesforce_leads", "user_360"};

// The demo project the parts of the sluicectl tests start from: each test
// class derives from it and calls initDemo() from its initTestCase().
class CliTestCase : public QObject {
protected:
    // One default demo project (10000 users) shared by the tests that only
    // read it; projects that need the demo warehouse are imported next to it.
    QTemporaryDir m_demoDir;
    QString m_demo;
    QString m_warehouse;
    QByteArray m_exportText;

    QJsonObject demoExport() const { return QJsonDocument::fromJson(m_exportText).object(); }

    // Writes `project` into the demo folder (so its relative warehouse path
    // holds) and imports it as `projectName`; empty when the import failed.
    QString importNextToDemo(const QString &projectName, const QJsonObject &project)
    {
        const QString file = m_demoDir.filePath(projectName + ".json");
        const QString path = m_demoDir.filePath(projectName);
        writeFile(file, jsonText(project));
        // Our own test files: trusted, as their author would trust them.
        const CliResult r = runSluicectl({"import", file, path, "--trust"});
        if (r.exitCode != 0 || !QFileInfo::exists(path)) {
            qWarning("import of %s failed: %s", qPrintable(file), r.err.constData());
            return {};
        }
        return path;
    }

    // $SLUICECTL is the built sluicectl; the demo project made and exported.
    void initDemo()
    {
        QVERIFY2(QFileInfo(qEnvironmentVariable("SLUICECTL")).isExecutable(),
                 "$SLUICECTL must name the built sluicectl (run through ctest)");
        QVERIFY(m_demoDir.isValid());
        m_demo = m_demoDir.filePath("demo.sluice");
        m_warehouse = m_demoDir.filePath("demo.warehouse.sqlite");
        const CliResult r = runSluicectl({"init", m_demo, "--demo"});
        SLUICE_VERIFY_OK(r);
        QCOMPARE(QString::fromUtf8(r.out),
                 QString("Created demo project %1 with 10000 users in %2\n").arg(m_demo, m_warehouse));
        const CliResult e = runSluicectl({"export", m_demo, "-"});
        SLUICE_VERIFY_OK(e);
        m_exportText = e.out;
    }
};
