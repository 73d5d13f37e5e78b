#include "destinationfieldsjob.h"

#include "document/projectdocument.h"

#include "destinations/destinationkinds.h"
#include "sync/destinationfields.h"

#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

DestinationFieldsJob::DestinationFieldsJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sluice::ui::DestinationFieldsOutcome>();
    connect(&m_watcher, &QFutureWatcher<DestinationFieldsOutcome>::finished, this, [this] {
        const DestinationFieldsOutcome outcome = m_watcher.result();
        if (outcome.jobId == m_current)
            emit finished(outcome);
    });
}

DestinationFieldsJob::~DestinationFieldsJob()
{
    m_watcher.waitForFinished();
}

quint64 DestinationFieldsJob::start(const DestinationDef &destination, const QString &projectDir)
{
    const quint64 id = m_nextId++;
    m_current = id;
    const std::string dir = projectDir.toStdString();
    // Re-pointing the watcher is fine: a superseded job's result is dropped above.
    const SecretAccess access = ProjectDocument::secretAccess();
    m_watcher.setFuture(QtConcurrent::run([destination, dir, id, access] {
        DestinationFieldsOutcome out;
        out.jobId = id;
        auto made = makeDestination(destination, DestinationContext{dir, access});
        if (!made) {
            out.error = QString::fromStdString(made.error().describe());
            return out;
        }
        auto fields = mappingFieldsOf(**made, destination.settings);
        if (fields)
            out.fields = std::move(*fields);
        else
            out.error = QString::fromStdString(fields.error().describe());
        return out;
    }));
    return id;
}

} // namespace sluice::ui
