#pragma once
// `sluicectl trust PROJECT [--yes | --revoke]`: prints what the project will
// do once trusted on this machine (engine/trust/projectreview.h: the
// warehouses it reads and the SQL it runs, the hosts that receive data and
// which columns, the secrets sent and where, alert targets, environment
// variables read) and trusts it: after the answer y on a terminal, or with
// --yes. Until then its syncs, schedules and alerts do not run and its
// secret references are not read. Exit 0 trusted (or revoked), 1 declined,
// 2 not asked (no terminal and no --yes) or not a project.

#include "project/projectstore.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace sluice::cli {

inline constexpr const char *kTrustUsage = "sluicectl trust PROJECT [--yes | --revoke]";
inline constexpr const char *kTrustSummary = "Review what a shared project sends where, and trust it on this machine";

int cmdTrust(const std::vector<std::string> &args);

// The review of `store`'s project as text (for `run --trust` and `import --trust`).
std::string reviewText(const ProjectStore &store);

} // namespace sluice::cli
