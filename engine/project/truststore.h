#pragma once
// Which projects this machine trusts (issue 19). A project is code that runs
// with the receiver's credentials: until its owner has reviewed what it sends
// where, Sluice runs no sync, schedule or alert of it and resolves none of
// its secret references. Projects made on this machine are trusted; an
// imported one, or a project file changed by anything but Sluice on this
// machine (a copy from a colleague, an edit by hand), is not.
//
// The store is one JSON file per user (SLUICE_TRUST_FILE, else
// $XDG_DATA_HOME/sluice/trust.json, else ~/.local/share/sluice/trust.json):
// per project id (a UUID kept in the project file), the fingerprints of the
// configurations that were trusted (SHA-256 of their canonical export; the
// last 16) and where the file was. Saving a trusted project through Sluice
// adds the new fingerprint, before the save commits, so that a process
// reading the file meanwhile (sluicectl daemon beside the app) never sees it
// untrusted; anything else changing the file leaves it untrusted.
// Read-modify-write under an flock of "trust.json.lock", written atomically.

#include "core/entities.h"
#include "core/error.h"

#include <string>

namespace sluice {

// SHA-256 (hex) of the configuration's canonical export text.
std::string configFingerprint(const ProjectConfig &config);

class TrustStore {
public:
    static std::string defaultPath();
    explicit TrustStore(std::string path = defaultPath());

    Result<bool> isTrusted(const std::string &projectId, const std::string &fingerprint) const;
    // Trusts `fingerprint` of the project (at `projectPath`, recorded so that
    // entries of projects deleted long ago can be dropped).
    Result<> trust(const std::string &projectId, const std::string &fingerprint, const std::string &projectPath);
    Result<> revoke(const std::string &projectId);
    // A change about to be saved through Sluice: a project trusted at
    // `before` is trusted at `after` as well.
    Result<> follow(const std::string &projectId, const std::string &before, const std::string &after,
                    const std::string &projectPath);

    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace sluice
