#pragma once
// The editor tab of one model: its SQL and primary key, and a preview of its
// rows (loaded off the GUI thread, cancellable, sortable, copyable).

#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace sluice::ui {

class EngineBridge;
class PreviewTableModel;
class ProjectDocument;
struct PreviewOutcome;

class ModelEditor : public QWidget {
    Q_OBJECT
public:
    ModelEditor(ProjectDocument *document, const QString &modelName, QWidget *parent = nullptr);
    ~ModelEditor() override;

    QString modelName() const { return m_name; }
    PreviewTableModel *previewModel() const { return m_previewModel; }
    EngineBridge *engine() const { return m_engine; }
    QTableView *previewTable() const { return m_table; }
    QString errorText() const;
    bool isBusy() const;
    QAction *previewAction() const { return m_previewAction; }
    QAction *cancelAction() const { return m_cancelAction; }

public slots:
    void refreshPreview();
    void cancelPreview();
    // The project changed (an edit, undo or redo): show what it says now.
    void reload();

signals:
    void statusMessage(const QString &text);
    void busyChanged(bool busy);

private:
    void onPreviewFinished(const PreviewOutcome &outcome);
    void copySelection();

    ProjectDocument *m_document;
    QString m_name;
    EngineBridge *m_engine;
    PreviewTableModel *m_previewModel;
    QSortFilterProxyModel *m_sortProxy;
    QLabel *m_title = nullptr;
    QLabel *m_info = nullptr;
    QPlainTextEdit *m_sql = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_error = nullptr;
    QSpinBox *m_limit = nullptr;
    QAction *m_previewAction = nullptr;
    QAction *m_cancelAction = nullptr;
};

} // namespace sluice::ui
