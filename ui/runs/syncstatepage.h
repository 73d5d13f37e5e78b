#pragma once
// A page of a sync's editor that shows what the project's run state says
// about that sync (its rejected rows, its API exchanges). Reading is lazy:
// a page reads when it is shown, and again when it is shown after something
// changed while it was hidden, so a run never makes a page nobody looks at
// read the state file.

#include <QWidget>

namespace sluice::ui {

class SyncStatePage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // The project and sync shown; read now when visible, else when shown.
    void setSync(const QString &projectPath, const QString &syncName);
    QString projectPath() const { return m_projectPath; }
    QString syncName() const { return m_syncName; }

public slots:
    // Reads again now (nothing while no sync is set).
    void reload();

protected:
    // Starts reading projectPath()'s state for syncName().
    virtual void load() = 0;
    // What is shown is out of date: read now when visible, else when shown.
    void reloadWhenShown();
    // As reloadWhenShown(), for a page that read what it needs itself while visible.
    void markStale() { m_stale = true; }
    void showEvent(QShowEvent *event) override;

private:
    QString m_projectPath;
    QString m_syncName;
    bool m_stale = true;
};

} // namespace sluice::ui
