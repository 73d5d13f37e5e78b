#include "pgsettings.h"

namespace sluice::pg {

std::vector<SettingSpec> connectionSettings(std::vector<SettingSpec> more)
{
    using T = SettingType;
    std::vector<SettingSpec> settings = {
        {"host", T::String, false, false, "127.0.0.1", {}, "Host", ""},
        {"port", T::Integer, false, false, 5432, {}, "Port", ""},
        {"database", T::String, true, false, {}, {}, "Database", ""},
        {"user", T::String, true, false, {}, {}, "User", ""},
        {"password",
         T::String,
         false,
         true,
         {},
         {},
         "Password",
         "A reference such as ${env:PGPASSWORD}; the desktop app keeps it in the keychain."},
        {"sslmode",
         T::Choice,
         false,
         false,
         "prefer",
         {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"},
         "SSL mode",
         ""},
    };
    settings.insert(settings.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return settings;
}

} // namespace sluice::pg
