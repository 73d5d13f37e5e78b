#include "mappedjson.h"

#include "formats/jsonwriter.h"

namespace sluice {

void appendJsonObject(std::string &out, const MappedRow &row)
{
    out += '{';
    bool first = true;
    for (const MappedField &f : row.fields) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, f.name);
        out += ':';
        appendJsonValue(out, f.value);
    }
    out += '}';
}

} // namespace sluice
