#include "credentialstore.h"

#include "core/envref.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>

namespace sluice::ui {

namespace {

std::atomic<CredentialStore *> g_default{nullptr};
const QString kService = QStringLiteral("Sluice");

QString tr(const char *text)
{
    return QCoreApplication::translate("sluice::ui::CredentialStore", text);
}

// The outcome of one keychain job.
struct JobResult {
    bool ok = false;
    QString value;
    QString error;
};

using JobFactory = std::function<QKeychain::Job *()>;

// Runs one job on the GUI thread and waits for it.
//
// Why the GUI thread: QtKeychain queues every job in one process-wide
// executor object without any locking, and jobs finish through queued
// signals and D-Bus replies, so jobs from several threads would race in it
// (and a worker's job could wait for the GUI thread anyway). So every job
// runs there: called on the GUI thread, in a local QEventLoop; called from a
// worker (the engine resolving ${keychain:...} while it builds a source),
// posted to the GUI thread, started asynchronously there, and waited for.
// The worker gives up if the GUI thread has not even started the job within
// kStartTimeout: the GUI thread is then blocked, possibly waiting for this
// very worker, and an error beats a deadlock. Once started, the job may
// wait for the user to unlock the keyring, hence the long second limit.
constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kFinishTimeout = std::chrono::minutes(3);

JobResult collect(QKeychain::Job *job)
{
    JobResult r;
    r.ok = job->error() == QKeychain::NoError;
    if (!r.ok) {
        // The keychain's own words (often a D-Bus message), then what to do.
        r.error = job->errorString();
        if (job->error() == QKeychain::NoBackendAvailable || job->error() == QKeychain::AccessDenied
            || job->error() == QKeychain::OtherError || job->error() == QKeychain::CouldNotDeleteEntry)
            r.error += QStringLiteral(" ")
                     + tr("(No usable keychain here: type a reference such as ${env:MY_TOKEN} instead, and set that "
                          "environment variable before starting Sluice.)");
    } else if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
        r.value = read->textData();
    return r;
}

JobResult runJob(const JobFactory &make)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return {false, {}, tr("the keychain needs the application running")};
    if (QThread::currentThread() == app->thread()) {
        QKeychain::Job *job = make();
        job->setAutoDelete(false);
        std::unique_ptr<QKeychain::Job> owner(job);
        QEventLoop loop;
        QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
        job->start();
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        return collect(job);
    }

    struct Shared {
        std::mutex mutex;
        std::condition_variable cv;
        bool started = false, abandoned = false, done = false;
        JobResult result;
    };
    auto shared = std::make_shared<Shared>();
    QMetaObject::invokeMethod(
        app,
        [shared, make] {
            {
                std::lock_guard lock(shared->mutex);
                if (shared->abandoned)
                    return;
                shared->started = true;
            }
            QKeychain::Job *job = make();
            job->setAutoDelete(true);
            QObject::connect(job, &QKeychain::Job::finished, job, [shared, job] {
                std::lock_guard lock(shared->mutex);
                shared->result = collect(job);
                shared->done = true;
                shared->cv.notify_all();
            });
            job->start();
        },
        Qt::QueuedConnection);
    std::unique_lock lock(shared->mutex);
    if (!shared->cv.wait_for(lock, kStartTimeout, [&] { return shared->started; })) {
        shared->abandoned = true;
        return {false, {}, tr("the keychain did not answer: the application is busy")};
    }
    if (!shared->cv.wait_for(lock, kFinishTimeout, [&] { return shared->done; }))
        return {false, {}, tr("the keychain did not answer in time")};
    return shared->result;
}

QString sanitized(const QString &part)
{
    QString out = part;
    for (QChar &c : out)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'.' && c != u'-')
            c = u'_';
    return out.isEmpty() ? QStringLiteral("_") : out;
}

} // namespace

CredentialStore::~CredentialStore() = default;

CredentialStore *CredentialStore::defaultStore()
{
    return g_default.load();
}

void CredentialStore::setDefaultStore(CredentialStore *store)
{
    g_default.store(store);
}

bool KeychainCredentialStore::write(const QString &key, const QString &secret, QString *error)
{
    const JobResult r = runJob([key, secret] {
        auto *job = new QKeychain::WritePasswordJob(kService);
        job->setKey(key);
        job->setTextData(secret);
        return job;
    });
    if (!r.ok) {
        if (error)
            *error = r.error;
        return false;
    }
    std::lock_guard lock(m_mutex);
    m_cache.insert(key, secret);
    return true;
}

std::optional<QString> KeychainCredentialStore::read(const QString &key, QString *error)
{
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_cache.constFind(key); it != m_cache.constEnd())
            return *it;
    }
    const JobResult r = runJob([key] {
        auto *job = new QKeychain::ReadPasswordJob(kService);
        job->setKey(key);
        return job;
    });
    if (!r.ok) {
        if (error)
            *error = r.error;
        return std::nullopt;
    }
    std::lock_guard lock(m_mutex);
    m_cache.insert(key, r.value);
    return r.value;
}

bool KeychainCredentialStore::remove(const QString &key, QString *error)
{
    {
        std::lock_guard lock(m_mutex);
        m_cache.remove(key);
    }
    const JobResult r = runJob([key] {
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(key);
        return job;
    });
    if (!r.ok && error)
        *error = r.error;
    return r.ok;
}

bool MemoryCredentialStore::write(const QString &key, const QString &secret, QString *)
{
    std::lock_guard lock(m_mutex);
    m_entries.insert(key, secret);
    return true;
}

std::optional<QString> MemoryCredentialStore::read(const QString &key, QString *error)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_entries.constFind(key); it != m_entries.constEnd())
        return *it;
    if (error)
        *error = tr("no keychain entry %1").arg(key);
    return std::nullopt;
}

bool MemoryCredentialStore::remove(const QString &key, QString *)
{
    std::lock_guard lock(m_mutex);
    m_entries.remove(key);
    return true;
}

QHash<QString, QString> MemoryCredentialStore::entries() const
{
    std::lock_guard lock(m_mutex);
    return m_entries;
}

QString keychainKey(const QString &project, const QString &section, const QString &name, const QString &field)
{
    return QStringLiteral("sluice/%1/%2/%3/%4")
        .arg(sanitized(project), sanitized(section), sanitized(name), sanitized(field));
}

QString keychainReference(const QString &key)
{
    return QStringLiteral("${keychain:%1}").arg(key);
}

void installCredentialStore(CredentialStore *store)
{
    CredentialStore::setDefaultStore(store);
    if (!store) {
        setKeychainLookup({});
        return;
    }
    setKeychainLookup([store](const std::string &key) -> Result<std::string> {
        QString error;
        if (auto secret = store->read(QString::fromStdString(key), &error))
            return secret->toStdString();
        return failed("secret.keychain", "cannot read keychain entry " + key + ": " + error.toStdString());
    });
}

} // namespace sluice::ui
