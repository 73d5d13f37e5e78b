#pragma once
// The primary-key check of one model (checkModelKey) on a worker thread:
// the whole model is scanned, which can take a while, so it reports how long
// it has been running and can be cancelled (Source::cancel interrupts the
// query). The source is built as EngineBridge builds it.

#include "core/entities.h"
#include "models/modelrunner.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace sluice::ui {

struct KeyCheckOutcome {
    std::optional<KeyCheck> check;
    ModelDef model; // what was checked
    QString error;  // empty on success
    bool cancelled = false;
};

class KeyCheckJob : public QObject {
    Q_OBJECT
public:
    explicit KeyCheckJob(QObject *parent = nullptr);
    ~KeyCheckJob() override;

    void start(const SourceDef &source, const ModelDef &model, const QString &projectDir);
    void cancel();
    bool isRunning() const { return m_job != nullptr; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

signals:
    void finished(const sluice::ui::KeyCheckOutcome &outcome);

private:
    struct Job;
    std::shared_ptr<Job> m_job;
    QFutureWatcher<KeyCheckOutcome> m_watcher;
    QElapsedTimer m_clock;
};

// The result as a user reads it: "user_id is unique across 10,000 rows", or
// the NULL and duplicate counts with the first row numbers and key values.
QString describeKeyCheck(const KeyCheck &check, const QStringList &key);

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::ui::KeyCheckOutcome)
