#pragma once
// Helpers for the tests of two processes on one project file: which fcntl
// locks a process holds on a file (/proc/locks), and a watcher that proves a
// project's -wal file was never deleted or replaced while it was held open.

#include <QString>
#include <QStringList>

#include <atomic>
#include <string>
#include <sys/types.h>
#include <thread>

namespace sluice::test {

// PRAGMA integrity_check of a SQLite file, read-only: "ok" when it is sound,
// otherwise SQLite's findings (or why the file could not be read).
std::string integrityOf(const QString &path);

// The lines of /proc/locks for locks that process `pid` holds on `path`
// ("POSIX ADVISORY READ ..."), empty when it holds none.
QStringList locksHeldOn(const QString &path, qint64 pid);

// Polls PATH-wal every millisecond from start() to stop(): it must exist the
// whole time and stay the same file (same inode). SQLite deletes it only when
// the last connection of every process closes, so a disappearance while this
// process holds the project open means another process believed it was alone.
class WalWatcher {
public:
    explicit WalWatcher(const QString &projectPath);
    ~WalWatcher();
    // Fails (returns false, with problem()) when the -wal is not there to watch.
    bool start();
    void stop();
    // After stop(): empty when the -wal stayed, else what happened first.
    QString problem() const { return m_problem; }
    int polls() const { return m_polls; }

private:
    std::string m_wal;
    ino_t m_inode = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    QString m_problem;
    int m_polls = 0;
};

} // namespace sluice::test
