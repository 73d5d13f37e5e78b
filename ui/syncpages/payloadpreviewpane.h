#pragma once
// The live payload preview beside the mapping canvas: the model's first rows,
// each beside the exact payload it becomes under the mapping being edited,
// rows that are rejected, warned about or filtered out coloured with the
// reason, and the counts. It follows edits with a short debounce and
// computes off the GUI thread (PayloadPreviewJob), so typing never waits.

#include "jobs/payloadpreviewjob.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPlainTextEdit;
class QProgressBar;
class QTableView;
class QTimer;

namespace sluice::ui {

class PayloadPreviewModel;
class SourceRowModel;

class PayloadPreviewPane : public QWidget {
    Q_OBJECT
public:
    explicit PayloadPreviewPane(QWidget *parent = nullptr);
    ~PayloadPreviewPane() override;

    // The rows to preview (the model's first rows) and its primary key.
    void setSample(std::shared_ptr<const ModelPreview> sample, std::vector<std::string> primaryKey);
    // Why there are no rows (the model could not be read); "" clears it.
    void setSampleError(const QString &error);
    // The sync with the mapping as edited (its settings carry the filter and sampling).
    void setSync(const SyncDef &sync);
    // The destination's fields as it describes them (empty: not known).
    void setDestinationFields(std::vector<DestinationField> fields);
    int rejectedCount() const;
    // Lookups read the project's models; rebuilt when they change.
    void setProject(const ProjectConfig &config, const QString &projectDir);

    void setDebounceInterval(int ms);
    void refreshNow(); // skips the debounce

    PayloadPreviewModel *model() const { return m_model; }
    SourceRowModel *sourceRow() const { return m_sourceRow; }
    QTableView *rowsView() const { return m_rows; }
    QString countsText() const;
    QString payloadText() const; // the selected row's payload as shown
    QString problemsText() const;
    QString errorText() const;
    bool isBusy() const;
    int selectedRow() const;
    void selectRow(int row);

signals:
    void updated(); // a new preview is shown

private:
    void schedule();
    void start();
    void onFinished(const PayloadPreviewResult &result);
    void showSelected();
    void updateBusy();

    PayloadPreviewJob *m_job;
    PayloadPreviewModel *m_model;
    SourceRowModel *m_sourceRow;
    QTimer *m_debounce;
    std::shared_ptr<const ModelPreview> m_sample;
    std::vector<std::string> m_primaryKey;
    std::optional<SyncDef> m_sync;
    std::vector<DestinationField> m_fields;
    std::shared_ptr<SharedLookup> m_lookup;
    std::vector<SourceDef> m_lookupSources;
    std::vector<ModelDef> m_lookupModels;
    QString m_sampleError;

    QLabel *m_counts = nullptr;
    QLabel *m_note = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_rows = nullptr;
    QTableView *m_source = nullptr;
    QLabel *m_payloadTitle = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    // A text view, not a label: a long reason scrolls instead of overlapping the payload on short panes.
    QPlainTextEdit *m_problems = nullptr;
};

} // namespace sluice::ui
