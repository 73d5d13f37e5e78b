#pragma once
// What a project needs from this machine before its syncs can run: the files
// its sources read, the folders its file destinations write into, and the
// secrets its settings refer to that are not set here. After an import the
// app lists them for the teammate to supply, each with a way to fix it;
// `sluicectl import` and `sluicectl trust` print them.

#include "core/entities.h"

#include <functional>
#include <string>
#include <vector>

namespace sluice {

struct ProjectNeed {
    enum class Kind {
        File,        // a source's file that does not exist
        Folder,      // a destination file's folder that does not exist
        Environment, // ${env:NAME} with NAME not set
        Keychain,    // ${keychain:KEY} with no such entry
    };
    Kind kind = Kind::File;
    std::string section; // "source" or "destination"
    std::string entity;  // its name
    std::string setting; // "path", "headers.Authorization"
    std::string value;   // as set: the path, or the setting's text holding the reference
    std::string name;    // the absolute path, the variable or the keychain key

    // One English line: "source 'warehouse': file /tmp/x/warehouse.sqlite does not exist (path)".
    std::string describe() const;
};

// Whether the keychain holds KEY; without one (headless), every keychain
// reference is listed: only the desktop app reads the keychain.
using KeychainHas = std::function<bool(const std::string &key)>;

std::vector<ProjectNeed> projectNeeds(const ProjectConfig &config, const std::string &projectDir,
                                      const KeychainHas &keychainHas = {});

} // namespace sluice
