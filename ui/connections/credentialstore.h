#pragma once
// Where the app keeps the secrets typed into connection forms: the OS
// keychain (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager). The project only ever holds ${keychain:KEY}.
//
// Behind an interface so tests (which have no keychain service) use the
// in-memory store. Every method may be called from any thread.

#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace sluice::ui {

class CredentialStore {
public:
    virtual ~CredentialStore();

    // False with `error` set when the keychain refused or is unavailable.
    virtual bool write(const QString &key, const QString &secret, QString *error = nullptr) = 0;
    // nullopt with `error` set when there is no such entry or no keychain.
    virtual std::optional<QString> read(const QString &key, QString *error = nullptr) = 0;
    virtual bool remove(const QString &key, QString *error = nullptr) = 0;

    // The store forms use when none is given (the app's keychain); null in
    // tests and headless tools unless one is installed.
    static CredentialStore *defaultStore();
    static void setDefaultStore(CredentialStore *store);
};

// The OS keychain through QtKeychain, service name "Sluice".
class KeychainCredentialStore : public CredentialStore {
public:
    bool write(const QString &key, const QString &secret, QString *error = nullptr) override;
    std::optional<QString> read(const QString &key, QString *error = nullptr) override;
    bool remove(const QString &key, QString *error = nullptr) override;

private:
    // A secret read or written once is not fetched again: a sync run
    // resolves the same reference for every destination it builds.
    std::mutex m_mutex;
    QHash<QString, QString> m_cache;
};

class MemoryCredentialStore : public CredentialStore {
public:
    bool write(const QString &key, const QString &secret, QString *error = nullptr) override;
    std::optional<QString> read(const QString &key, QString *error = nullptr) override;
    bool remove(const QString &key, QString *error = nullptr) override;
    QHash<QString, QString> entries() const;

private:
    mutable std::mutex m_mutex;
    QHash<QString, QString> m_entries;
};

// "sluice/<project>/<source|destination>/<name>/<field>", with every
// character a ${keychain:...} reference cannot hold replaced by '_'.
QString keychainKey(const QString &project, const QString &section, const QString &name, const QString &field);
QString keychainReference(const QString &key); // "${keychain:KEY}"

// Makes `store` the default and lets the engine resolve ${keychain:...}
// through it (engine/core/envref.h), so runs started from the app find the
// secrets the forms saved.
void installCredentialStore(CredentialStore *store);

} // namespace sluice::ui
