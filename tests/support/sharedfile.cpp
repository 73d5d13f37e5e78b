#include "sharedfile.h"

#include <sqlite3.h>

#include <QFile>

#include <chrono>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace sluice::test {

std::string integrityOf(const QString &path)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::string result;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            result += reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
    } else {
        result = sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return result;
}

QStringList locksHeldOn(const QString &path, qint64 pid)
{
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    // /proc/locks names a file as MAJOR:MINOR:INODE, the device numbers in hex:
    // "1: POSIX  ADVISORY  READ 1234 fd:01:5678 1073741826 1073742335".
    const QString file = QString("%1:%2:%3")
                             .arg(major(st.st_dev), 2, 16, QChar('0'))
                             .arg(minor(st.st_dev), 2, 16, QChar('0'))
                             .arg(qulonglong(st.st_ino));
    QFile locks("/proc/locks");
    if (!locks.open(QIODevice::ReadOnly))
        return {};
    QStringList held;
    for (const QByteArray &raw : locks.readAll().split('\n')) {
        const QStringList f = QString::fromLatin1(raw).simplified().split(' ');
        // A blocked request is shown as "1: -> POSIX ..." under the lock it waits for.
        if (f.size() < 6 || f.at(1) == "->")
            continue;
        if (f.at(4).toLongLong() == pid && f.at(5) == file)
            held << f.mid(1).join(' ');
    }
    return held;
}

WalWatcher::WalWatcher(const QString &projectPath) : m_wal(QFile::encodeName(projectPath + "-wal").toStdString())
{ }

WalWatcher::~WalWatcher()
{
    stop();
}

bool WalWatcher::start()
{
    struct stat st { };
    if (::stat(m_wal.c_str(), &st) != 0) {
        m_problem = QString::fromStdString(m_wal) + " is not there to watch";
        return false;
    }
    m_inode = st.st_ino;
    m_thread = std::thread([this] {
        while (!m_stop.load()) {
            struct stat now { };
            ++m_polls;
            if (::stat(m_wal.c_str(), &now) != 0) {
                m_problem = QString("%1 disappeared after %2 polls").arg(QString::fromStdString(m_wal)).arg(m_polls);
                return;
            }
            if (now.st_ino != m_inode) {
                m_problem = QString("%1 was replaced by another file after %2 polls")
                                .arg(QString::fromStdString(m_wal))
                                .arg(m_polls);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    return true;
}

void WalWatcher::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace sluice::test
