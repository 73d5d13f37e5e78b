#include "truststore.h"

#include "core/fileutil.h"
#include "core/jsonparse.h"
#include "core/sha256.h"
#include "project/projectjson.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sluice {

namespace fs = std::filesystem;
using nlohmann::json;

std::string configFingerprint(const ProjectConfig &config)
{
    return sha256Hex(exportText(config));
}

std::string TrustStore::defaultPath()
{
    if (const char *file = std::getenv("SLUICE_TRUST_FILE"); file && *file)
        return file;
    if (const char *data = std::getenv("XDG_DATA_HOME"); data && *data)
        return std::string(data) + "/sluice/trust.json";
    const char *home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + "/.local/share/sluice/trust.json";
}

TrustStore::TrustStore(std::string path) : m_path(std::move(path))
{ }

namespace {

// The store's document, read under the lock; a missing file is an empty store.
Result<json> readStore(const std::string &path)
{
    if (!fileExists(path))
        return json{{"version", 1}, {"projects", json::object()}};
    auto text = readTextFile(path);
    if (!text)
        return std::unexpected(text.error());
    auto doc = parseJsonText(*text, "trust.malformed", path);
    if (!doc || !doc->is_object() || !(*doc)["projects"].is_object())
        return failed("trust.malformed",
                      "the trust store is damaged; delete it to start over (every project "
                      "will then need a review)",
                      path);
    return std::move(*doc);
}

// Runs `change` on the document under an exclusive lock and writes it back.
Result<> updateStore(const std::string &path, const std::function<void(json &)> &change)
{
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string lockPath = path + ".lock";
    const int lock = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0)
        return failed("trust.write", std::string("cannot lock the trust store: ") + std::strerror(errno), lockPath);
    if (::flock(lock, LOCK_EX) != 0) {
        const std::string why = std::strerror(errno);
        ::close(lock);
        return failed("trust.write", "cannot lock the trust store: " + why, lockPath);
    }
    auto doc = readStore(path);
    Result<> written;
    if (!doc) {
        written = std::unexpected(doc.error());
    } else {
        change(*doc);
        // Projects whose file is gone are forgotten (tests and demos come and go).
        for (auto it = (*doc)["projects"].begin(); it != (*doc)["projects"].end();) {
            const std::string where = it.value().value("path", "");
            if (!where.empty() && !fileExists(where))
                it = (*doc)["projects"].erase(it);
            else
                ++it;
        }
        written = writeFileAtomically(path, doc->dump(2) + "\n");
    }
    ::close(lock); // also releases the flock
    return written;
}

} // namespace

namespace {

// An entry's trusted fingerprints, oldest first. A save through Sluice adds
// the new configuration's fingerprint before its commit, so another process
// reading the file at any moment finds it trusted; the list is bounded.
constexpr std::size_t kFingerprintsKept = 16;

bool holds(const json &entry, const std::string &fingerprint)
{
    const auto list = entry.find("fingerprints");
    if (list == entry.end() || !list->is_array())
        return false;
    for (const json &f : *list)
        if (f.is_string() && f.get_ref<const std::string &>() == fingerprint)
            return true;
    return false;
}

} // namespace

Result<bool> TrustStore::isTrusted(const std::string &projectId, const std::string &fingerprint) const
{
    auto doc = readStore(m_path);
    if (!doc)
        return std::unexpected(doc.error());
    const json &projects = (*doc)["projects"];
    const auto it = projects.find(projectId);
    return it != projects.end() && it->is_object() && holds(*it, fingerprint);
}

Result<> TrustStore::trust(const std::string &projectId, const std::string &fingerprint, const std::string &projectPath)
{
    return updateStore(m_path, [&](json &doc) {
        doc["projects"][projectId] = json{{"fingerprints", json::array({fingerprint})}, {"path", projectPath}};
    });
}

Result<> TrustStore::revoke(const std::string &projectId)
{
    return updateStore(m_path, [&](json &doc) { doc["projects"].erase(projectId); });
}

Result<> TrustStore::follow(const std::string &projectId, const std::string &before, const std::string &after,
                            const std::string &projectPath)
{
    if (before == after)
        return {};
    return updateStore(m_path, [&](json &doc) {
        json &projects = doc["projects"];
        const auto it = projects.find(projectId);
        if (it == projects.end() || !it->is_object() || !holds(*it, before) || holds(*it, after))
            return;
        json &list = (*it)["fingerprints"];
        list.push_back(after);
        while (list.size() > kFingerprintsKept)
            list.erase(list.begin());
        (*it)["path"] = projectPath;
    });
}

} // namespace sluice
