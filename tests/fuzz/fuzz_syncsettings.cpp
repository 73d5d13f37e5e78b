// libFuzzer target: a sync's settings object as a project or an import holds
// it: the typed settings, the schedule and the alert rules.
#include "alerts/alertrules.h"
#include "core/jsonparse.h"
#include "project/syncsettings.h"
#include "schedule/schedule.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sluice;
    const std::string text(reinterpret_cast<const char *>(data), size);
    auto settings = parseJsonText(text, "fuzz", "settings");
    if (!settings)
        return 0;
    (void)parseSyncSettings(*settings, "$.settings");
    SyncDef sync{"s", "m", "d", "upsert", nlohmann::json::array(), *settings};
    (void)syncSchedule(sync);
    (void)parseAlertConfig(sync);
    return 0;
}
