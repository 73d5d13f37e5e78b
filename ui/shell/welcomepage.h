#pragma once
// What the centre of the window shows when no editor is open: the way in
// for a newcomer (open the demo: a working project with syncs to run) and
// for everyone else (recent projects, new, open).

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace sluice::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // Recent project paths, most recent first; missing files are left out.
    void setRecentProjects(const QStringList &paths);
    // A hint under the title: "Pick an item in the explorer" once a project is open.
    void setProjectOpen(bool open);
    QStandardItemModel *recentModel() const { return m_recent; }
    QPushButton *demoButton() const { return m_demo; }

signals:
    void openDemoRequested();
    void newProjectRequested();
    void openProjectRequested();
    void openRecentRequested(const QString &path);

private:
    QStandardItemModel *m_recent;
    QListView *m_recentView = nullptr;
    QLabel *m_recentTitle = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_demo = nullptr;
};

} // namespace sluice::ui
