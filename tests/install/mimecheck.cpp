// What the freedesktop.org shared MIME database (as Qt and file managers read
// it, from XDG_DATA_DIRS) says each file is: by its name, and by its content
// alone. Used by install_test.sh on the files of an extracted package.
//   sluice_mimecheck FILE...   ->   FILE<TAB>by-name type<TAB>by-content type

#include <QCoreApplication>
#include <QFile>
#include <QMimeDatabase>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QMimeDatabase db;
    QTextStream out(stdout);
    int status = 0;
    const QStringList files = QCoreApplication::arguments().mid(1);
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << path << ": " << file.errorString() << '\n';
            status = 1;
            continue;
        }
        out << path << '\t' << db.mimeTypeForFile(path, QMimeDatabase::MatchExtension).name() << '\t'
            << db.mimeTypeForData(&file).name() << '\n';
    }
    return status;
}
