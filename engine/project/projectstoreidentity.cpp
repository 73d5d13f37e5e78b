// The project's identity and its trust on this machine: the id kept in the
// file (the trust store's key), and trusting, checking and revoking the
// configuration as it is now.

#include "projectstore.h"

#include "core/sqlitehandle.h"
#include "project/projectjson.h"
#include "project/projectstoreinternal.h"
#include "project/truststore.h"

#include <fmt/format.h>
#include <random>

namespace sluice {

namespace projectstore {

// A random UUID (version 4) naming the project in the machine's trust store.
std::string newProjectId()
{
    std::random_device device;
    std::mt19937_64 rng((std::uint64_t(device()) << 32) ^ device());
    std::uniform_int_distribution<std::uint64_t> bits;
    std::uint64_t hi = bits(rng), lo = bits(rng);
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                       lo & 0xFFFFFFFFFFFFULL);
}

} // namespace projectstore

Result<std::string> ProjectStore::id() const
{
    auto st = sqlite::prepare(m_db, "SELECT value FROM project WHERE key = 'id'");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->text(0) : std::string();
}

Result<std::optional<std::int64_t>> findSyncId(sqlite3 *db, const std::string &name)
{
    // The statement ends in this scope: one left open would hold a read
    // transaction, and a BEGIN IMMEDIATE after it could not wait for writers.
    auto st = sqlite::prepare(db, "SELECT id FROM syncs WHERE name = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, name);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(st->integer(0));
}

Result<std::optional<std::int64_t>> ProjectStore::syncId(const std::string &name) const
{
    return findSyncId(m_db, name);
}

Result<ProjectStore::TrustKey> ProjectStore::trustKey() const
{
    auto config = load();
    if (!config)
        return std::unexpected(config.error());
    auto id = this->id();
    if (!id)
        return std::unexpected(id.error());
    return TrustKey{std::move(*id), configFingerprint(*config)};
}

Result<bool> ProjectStore::trusted() const
{
    auto key = trustKey();
    if (!key)
        return std::unexpected(key.error());
    return TrustStore().isTrusted(key->projectId, key->fingerprint);
}

Result<> ProjectStore::trust() const
{
    auto key = trustKey();
    if (!key)
        return std::unexpected(key.error());
    return TrustStore().trust(key->projectId, key->fingerprint, m_path);
}

SecretAccess ProjectStore::secretAccess() const
{
    auto trusted = this->trusted();
    return trusted && *trusted ? SecretAccess::Allowed : SecretAccess::Denied;
}

Result<> ProjectStore::revokeTrust() const
{
    auto id = this->id();
    if (!id)
        return std::unexpected(id.error());
    return TrustStore().revoke(*id);
}

} // namespace sluice
