// libFuzzer target: the streaming CSV reader over a file of arbitrary bytes,
// with the delimiter and quote taken from the input's first two bytes.
#include "formats/csvparser.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    char delimiter = char(data[0]);
    char quote = char(data[1]);
    // The reader documents its preconditions: distinct ASCII, not CR or LF.
    if (delimiter == quote || delimiter == '\r' || delimiter == '\n' || quote == '\r' || quote == '\n'
        || (unsigned char)delimiter > 127 || (unsigned char)quote > 127 || delimiter == 0 || quote == 0) {
        delimiter = ',';
        quote = '"';
    }
    static const std::string path = "/tmp/sluice-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return 0;
    std::fwrite(data + 2, 1, size - 2, f);
    std::fclose(f);
    auto reader = sluice::CsvReader::open(path, delimiter, quote);
    if (!reader)
        return 0;
    std::vector<std::string> fields;
    for (int records = 0; records < 100000; ++records) {
        auto more = reader->readRecord(fields);
        if (!more || !*more)
            break;
    }
    return 0;
}
