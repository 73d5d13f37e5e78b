// The floor for the start-up benchmark: the smallest Qt Widgets app that
// shows a main window, measured with the same probe as the sluice app
// (tests/bench/startup.sh prints the ratio between the two).

#include "startupprobe.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("baseline")));
    window.resize(1280, 800);
    new StartupProbe(&window, sinceMain);
    window.show();
    return app.exec();
}
