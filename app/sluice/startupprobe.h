#pragma once
// Measures how long the app takes to show a usable main window: from the
// start of main() to the window's first paint with the event loop running.
// Only for the start-up benchmark (tests/bench/startup.sh), behind the hidden
// --startup-probe option: it prints one line and quits the app.

#include <QElapsedTimer>
#include <QObject>

class QWidget;

class StartupProbe : public QObject {
public:
    // sinceMain was started at the top of main().
    StartupProbe(QWidget *window, const QElapsedTimer &sinceMain);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QElapsedTimer m_sinceMain;
    bool m_done = false;
};
