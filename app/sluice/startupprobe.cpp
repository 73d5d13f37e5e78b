#include "startupprobe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

StartupProbe::StartupProbe(QWidget *window, const QElapsedTimer &sinceMain) : QObject(window), m_sinceMain(sinceMain)
{
    window->installEventFilter(this);
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_done && event->type() == QEvent::Paint) {
        m_done = true;
        // Quit once this paint has been delivered and the loop turns again:
        // the window then answers input.
        QTimer::singleShot(0, this, [this] {
            std::printf("startup-probe: main window painted %.1f ms after main()\n", m_sinceMain.nsecsElapsed() / 1e6);
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return QObject::eventFilter(watched, event);
}
