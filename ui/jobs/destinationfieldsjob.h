#pragma once
// Reads the fields a sync's destination takes (Destination::describe(), which
// may call a SaaS API) off the GUI thread, for the mapping canvas. A newer
// request makes the result of an older one irrelevant: it is dropped.

#include "core/entities.h"
#include "destinations/contract/destinationfield.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace sluice::ui {

struct DestinationFieldsOutcome {
    quint64 jobId = 0;
    std::vector<DestinationField> fields; // empty: the destination takes any field
    QString error;                        // could not be read
};

class DestinationFieldsJob : public QObject {
    Q_OBJECT
public:
    explicit DestinationFieldsJob(QObject *parent = nullptr);
    ~DestinationFieldsJob() override;

    quint64 start(const DestinationDef &destination, const QString &projectDir);
    bool isBusy() const { return m_watcher.isRunning(); }

signals:
    void finished(const sluice::ui::DestinationFieldsOutcome &outcome);

private:
    QFutureWatcher<DestinationFieldsOutcome> m_watcher;
    quint64 m_current = 0;
    quint64 m_nextId = 1;
};

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::ui::DestinationFieldsOutcome)
