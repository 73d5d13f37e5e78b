// libFuzzer target: a shared project file, as `sluicectl import` and File >
// Import read it (JSON, schema, configuration and sync settings checks).
#include "project/projectjson.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    auto config = sluice::parseProjectText(text, "fuzz.json");
    if (config)
        (void)sluice::exportText(*config); // what was accepted exports again
    return 0;
}
