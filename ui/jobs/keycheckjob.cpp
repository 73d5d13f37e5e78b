#include "keycheckjob.h"

#include "document/projectdocument.h"

#include "sourcecancel.h"

#include "sources/sourcekinds.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

// Shared between the GUI thread (cancel) and the worker (run).
struct KeyCheckJob::Job : SourceCancel { };

KeyCheckJob::KeyCheckJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sluice::ui::KeyCheckOutcome>();
    connect(&m_watcher, &QFutureWatcher<KeyCheckOutcome>::finished, this, [this] {
        m_job.reset();
        emit finished(m_watcher.result());
    });
}

KeyCheckJob::~KeyCheckJob()
{
    cancel();
    m_watcher.waitForFinished();
}

void KeyCheckJob::cancel()
{
    if (m_job)
        m_job->cancel();
}

void KeyCheckJob::start(const SourceDef &sourceDef, const ModelDef &model, const QString &projectDir)
{
    if (m_job)
        return;
    auto job = std::make_shared<Job>();
    m_job = job;
    m_clock.start();
    const std::string dir = projectDir.toStdString();
    const SecretAccess access = ProjectDocument::secretAccess();
    m_watcher.setFuture(QtConcurrent::run([job, sourceDef, model, dir, access] {
        KeyCheckOutcome out;
        out.model = model;
        auto check = job->readFrom(sourceDef, SourceContext{dir, access},
                                   [&](Source &source) { return checkModelKey(source, model); });
        if (check)
            out.check = std::move(*check);
        else if (check.error().kind == ErrorKind::Cancelled)
            out.cancelled = true;
        else
            out.error = QString::fromStdString(check.error().describe());
        return out;
    }));
}

QString describeKeyCheck(const KeyCheck &check, const QStringList &key)
{
    const QString name = key.size() == 1 ? key.front() : QStringLiteral("(%1)").arg(key.join(QStringLiteral(", ")));
    const QLocale locale;
    if (check.ok())
        return KeyCheckJob::tr("%1 is unique across %Ln rows, and never NULL.", nullptr, int(check.rows)).arg(name);
    QStringList lines;
    lines << KeyCheckJob::tr("%1 cannot identify rows: problems in %Ln rows.", nullptr, int(check.rows)).arg(name);
    if (check.nullKeyRows > 0) {
        QStringList rows;
        for (auto n : check.nullKeyRowNumbers)
            rows << locale.toString(qlonglong(n));
        if (check.nullKeyRows > qint64(check.nullKeyRowNumbers.size()))
            rows << QStringLiteral("…");
        lines << KeyCheckJob::tr("%Ln rows with a NULL key (rows %1).", nullptr, int(check.nullKeyRows))
                     .arg(rows.join(QStringLiteral(", ")));
    }
    if (check.duplicateKeys > 0) {
        QStringList examples;
        for (const auto &e : check.duplicateExamples)
            examples << KeyCheckJob::tr("'%1' ×%2").arg(QString::fromStdString(e.key)).arg(e.count);
        if (check.duplicateKeys > qint64(check.duplicateExamples.size()))
            examples << QStringLiteral("…");
        lines << KeyCheckJob::tr("%Ln key values appear more than once, in %1 rows: %2.", nullptr,
                                 int(check.duplicateKeys))
                     .arg(locale.toString(qlonglong(check.duplicateRows)), examples.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace sluice::ui
