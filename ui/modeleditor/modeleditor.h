#pragma once
// The editor tab of one model: its SQL (SqlEditor), a schema browser of its
// source to drag tables from, the primary-key picker with the key check, and
// a preview of the rows (loaded off the GUI thread, cancellable, sortable,
// copyable, with each column's type).
//
// Typed SQL is a draft until its preview passes: once typing pauses
// (kSqlSaveDelayMs), on Ctrl+Enter or on focus out, the editor previews what
// is typed, and only a query that runs and still has the primary key's
// columns is saved through ProjectDocument::edit (one project undo step per
// burst of typing), so a typo never reaches the syncs. A failing draft stays
// in the editor, marked, kept by the document when the tab closes; Ctrl+Z
// discards it. A dropped table is saved as a step of its own. A ticked key
// column is a draft too, saved when the key check over every row passes
// (modeleditor_key.cpp). Everything
// shown is re-read from the configuration on configChanged (undo, redo,
// other editors).

#include "core/entities.h"
#include "jobs/backgroundtask.h"
#include "jobs/connectioncheck.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTreeView;

namespace sluice::ui {

class EngineBridge;
class KeyCheckJob;
class KeyColumnsModel;
class PreviewSortProxy;
class PreviewTableModel;
class ProjectDocument;
class SchemaTreeModel;
class SqlEditor;
struct ConnectionCheck;
struct KeyCheckOutcome;
struct PreviewOutcome;

class ModelEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSqlSaveDelayMs = 700;

    ModelEditor(ProjectDocument *document, const QString &modelName, QWidget *parent = nullptr);
    ~ModelEditor() override;

    QString modelName() const { return m_name; }
    PreviewTableModel *previewModel() const { return m_previewModel; }
    EngineBridge *engine() const { return m_engine; }
    QTableView *previewTable() const { return m_table; }
    SqlEditor *sqlEditor() const { return m_sql; }
    QString errorText() const;
    // "100 rows (more available) · 15 columns · 3.2 ms"
    QString previewInfo() const;
    bool isBusy() const;
    QAction *previewAction() const { return m_previewAction; }
    QAction *cancelAction() const { return m_cancelAction; }

    KeyColumnsModel *keyColumns() const { return m_keyModel; }
    QListView *keyList() const { return m_keyList; }
    QAction *checkKeyAction() const { return m_checkKeyAction; }
    QAction *cancelKeyCheckAction() const { return m_cancelKeyCheckAction; }
    bool isCheckingKey() const;
    QString keyCheckText() const;
    // A key ticked in the picker that waits for its check (empty when none):
    // saved when the check passes, else held until Use Anyway or Keep.
    QStringList keyDraft() const;
    QPushButton *useKeyAnywayButton() const { return m_useKeyAnyway; }
    QPushButton *keepSavedKeyButton() const { return m_keepSavedKey; }

    SchemaTreeModel *schema() const { return m_schema; }
    QTreeView *schemaTree() const { return m_schemaTree; }
    bool hasPendingSql() const { return m_sqlDirty; }
    // The editor holds SQL that is not the saved one (typing, or a draft
    // whose check failed).
    bool hasDraft() const;
    // SQL or a key that is not the saved one: the tab is marked meanwhile.
    bool holdsDraft() const;
    QString sqlNote() const;

public slots:
    void refreshPreview();
    void cancelPreview();
    // The project changed (an edit, undo or redo): show what it says now.
    void reload();
    // Checks typing not yet saved and saves it when its preview passes
    // (no-op when there is none).
    void commitSql();
    void checkKey();
    void cancelKeyCheck();
    void loadSchema();

signals:
    void statusMessage(const QString &text);
    void busyChanged(bool busy);
    void keyCheckFinished(bool ok);
    // holdsDraft() changed: the syncs use other SQL or another key than shown.
    void draftChanged(bool holdsDraft);
    void schemaLoaded();

private:
    QWidget *buildSidePanel();
    void onPreviewFinished(const PreviewOutcome &outcome);
    void onKeyCheckFinished(const KeyCheckOutcome &outcome);
    void onSqlTextChanged();
    void onTableDropped(const QString &table);
    bool saveSql(const QString &what, const QString &mergeKey);
    QWidget *buildKeyDraftBar();
    void proposeKey(const QStringList &key); // a draft, checked before it is saved
    void startKeyCheck();                    // of the draft when there is one
    void useKeyDraft();
    void saveKeyDraft();
    void dropKeyDraft();    // back to the saved key
    void noteDraftChange(); // emits draftChanged when holdsDraft() changed
    enum class KeyNote { Plain, Ok, Problem };
    void setKeyResult(const QString &text, KeyNote kind = KeyNote::Plain);
    enum class NoteKind { Progress, Problem };
    void setSqlNote(const QString &text, NoteKind kind = NoteKind::Problem);
    // The draft's check ends with the preview `outcome`: saved, or marked.
    void finishDraftCheck(const PreviewOutcome &outcome);
    // Puts the editor back to the saved SQL; false when there was no draft.
    bool discardDraft();
    void keepDraft();    // hands an unsaved draft to the document (closing)
    void restoreDraft(); // takes it back (opening)
    void copySelection();
    void showSchema(const ConnectionCheck &check);
    QString sqlMergeKey() const;

    QPointer<ProjectDocument> m_document;
    QString m_name;
    EngineBridge *m_engine;
    PreviewTableModel *m_previewModel;
    PreviewSortProxy *m_sortProxy;
    KeyColumnsModel *m_keyModel;
    KeyCheckJob *m_keyJob;
    SchemaTreeModel *m_schema;
    QLabel *m_title = nullptr;
    QLabel *m_info = nullptr;
    SqlEditor *m_sql = nullptr;
    QLabel *m_sqlNote = nullptr;
    QLabel *m_previewInfo = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_error = nullptr;
    QSpinBox *m_limit = nullptr;
    QAction *m_previewAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QTreeView *m_schemaTree = nullptr;
    QLabel *m_schemaStatus = nullptr;
    QListView *m_keyList = nullptr;
    QAction *m_checkKeyAction = nullptr;
    QAction *m_cancelKeyCheckAction = nullptr;
    QProgressBar *m_keyProgress = nullptr;
    QPlainTextEdit *m_keyResult = nullptr;
    QWidget *m_keyDraftBar = nullptr;
    QPushButton *m_useKeyAnyway = nullptr;
    QPushButton *m_keepSavedKey = nullptr;
    QTimer m_sqlTimer;
    QTimer m_keyClock;
    bool m_sqlDirty = false;
    bool m_loading = false;     // the editor is being set from the configuration
    bool m_committing = false;  // our own edit is being saved
    int m_sqlBurst = 0;         // in the merge key; every save ends a burst, so bursts never merge
    std::string m_schemaSource; // the source the schema browser shows
    bool m_schemaLoading = false;
    BackgroundTask<ConnectionCheck> m_schemaTask{BackgroundTask<ConnectionCheck>::OnDestroy::Abandon};
    std::optional<ModelDef> m_checked; // what the shown key check was about
    QStringList m_savedKey;            // the model's key as last read from the configuration
    std::optional<QStringList> m_keyDraft;
    bool m_restartKeyCheck = false; // a newer draft waits for the running check to end
    bool m_discardKeyCheck = false; // the running check's draft was dropped
    bool m_shownDraft = false;      // holdsDraft() as last announced
    std::string m_savedSql;         // the model's SQL as last read from the configuration
    bool m_sqlLoaded = false;       // m_savedSql holds it (reload ran once)
    // A draft under check: saved as `what` (merging by `mergeKey`) when the
    // preview `job` of `sql` passes.
    struct DraftCheck {
        std::string sql;
        QString what;
        QString mergeKey;
        quint64 job = 0;
    };
    std::optional<DraftCheck> m_draft;
};

} // namespace sluice::ui
