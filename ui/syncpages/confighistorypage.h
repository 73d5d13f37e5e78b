#pragma once
// The configuration history of one sync (an inner tab of its editor): every
// saved revision with what changed, the selected revision's canonical JSON
// beside the current one, or beside the version before it ("what did this
// change do?"), with the differing lines highlighted (older on the left), and
// "Restore This Version", an undoable edit that puts that revision back.
// Revisions are read off the GUI thread.

#include "document/linediff.h"
#include "jobs/statereader.h"

#include "jobs/backgroundtask.h"
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace sluice::ui {

class ConfigHistoryModel;
class ProjectDocument;

class ConfigHistoryPage : public QWidget {
    Q_OBJECT
public:
    ConfigHistoryPage(ProjectDocument *document, const QString &syncName, QWidget *parent = nullptr);
    ~ConfigHistoryPage() override;

    ConfigHistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *restoreButton() const { return m_restore; }
    // What the selected version is compared with.
    enum class Comparison { WithCurrent, WithPrevious };
    void setComparison(Comparison comparison);
    QComboBox *comparisonBox() const { return m_compare; }
    // The two texts compared: the older on the left.
    QString leftText() const;
    QString rightText() const;
    QString selectedText() const;
    QString currentText() const;
    const LineDiff &diff() const { return m_diff; }
    bool isLoading() const { return m_task.isRunning(); }

    // Restores the revision shown at `row`; false when refused or cancelled.
    bool restore(int row);

public slots:
    void reload();
    void restoreSelected();

signals:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showSelected();
    void onConfigChanged();

    ProjectDocument *m_document;
    QString m_name;
    bool m_stale = true;
    QString m_error;
    BackgroundTask<Result<std::vector<Revision>>> m_task;
    ConfigHistoryModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_leftTitle = nullptr;
    QLabel *m_rightTitle = nullptr;
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
    QPushButton *m_restore = nullptr;
    QComboBox *m_compare = nullptr;
    QString m_selectedText, m_currentText;
    LineDiff m_diff;
};

} // namespace sluice::ui
