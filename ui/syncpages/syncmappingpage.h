#pragma once
// The mapping page of a sync: the mapping canvas (ui/canvas MappingEditor)
// fed with the model's columns and the destination's fields (both read off
// the GUI thread), the live payload preview below it, and a dry run.
//
// The canvas is a view of the sync's mapping in the project configuration:
// each canvas edit (MappingDocument::edited) becomes one
// ProjectDocument::edit on the project-wide undo stack, typing merged by the
// canvas' merge key; Edit > Undo / Redo come back as configChanged and are
// loaded into the canvas. The canvas' own undo stack is only its mechanism.

#include "jobs/destinationfieldsjob.h"
#include "jobs/enginebridge.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace sluice::ui {

class DryRunPane;
class MappingEditor;
class PayloadPreviewPane;
class ProjectDocument;

class SyncMappingPage : public QWidget {
    Q_OBJECT
public:
    // More fields or columns than this and the mapping opens on the table.
    static constexpr int kTableFromFields = 20;

    SyncMappingPage(ProjectDocument *document, const QString &syncName, QWidget *parent = nullptr);
    ~SyncMappingPage() override;

    MappingEditor *editor() const { return m_editor; }
    PayloadPreviewPane *preview() const { return m_preview; }
    DryRunPane *dryRun() const { return m_dryRun; }
    QTabWidget *panes() const { return m_panes; }
    // The model's columns or the destination's fields are still being read.
    bool isLoading() const;
    QString statusText() const;
    QString errorText() const;

public slots:
    void reload();        // follows the configuration
    void reloadContext(); // reads the columns, sample rows and fields again
    void runDryRun();

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void contextLoaded(); // columns and fields are on the canvas
    void dryRunFinished();
    // The Run button: the sync editor runs the sync on its Runs page.
    void runRequested();

private:
    void onEdited(const QString &text, const QString &mergeKey);
    bool pushMapping(const QString &text, const QString &mergeKey);
    void askToEditProtected();
    void revertToSaved();
    void onRowsRead(const PreviewOutcome &outcome);
    void onFieldsRead(const DestinationFieldsOutcome &outcome);
    void showFields();
    void updatePreviewSync();
    void updateStatus();
    void fitCanvasOnce();
    bool isProtected() const;
    bool protectedEditConfirmed() const;

    ProjectDocument *m_document;
    QString m_name;
    EngineBridge *m_rowsJob;
    DestinationFieldsJob *m_fieldsJob;
    MappingEditor *m_editor = nullptr;
    PayloadPreviewPane *m_preview = nullptr;
    DryRunPane *m_dryRun = nullptr;
    QTabWidget *m_panes = nullptr;
    QSplitter *m_split = nullptr;
    bool m_sized = false;
    bool m_fitted = false;
    bool m_mapperChosen = false; // canvas or table, decided once the fields are known
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_error = nullptr;
    QToolButton *m_reloadButton = nullptr;
    QPushButton *m_dryRunButton = nullptr;
    QPushButton *m_runButton = nullptr;

    // What the context was read from, so a change of it reads it again.
    std::optional<ModelDef> m_model;
    std::optional<SourceDef> m_source;
    std::optional<DestinationDef> m_destination;
    std::vector<Column> m_columns;
    bool m_rowsKnown = false;
    QString m_rowsError;
    std::optional<std::vector<DestinationField>> m_fields; // once read
    QString m_fieldsError;
    bool m_fieldsAreSuggestions = false;
    bool m_askPending = false;
    QString m_pendingText; // the edit that raised the question
};

} // namespace sluice::ui
