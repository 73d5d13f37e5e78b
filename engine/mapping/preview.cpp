#include "preview.h"

#include "formats/jsonwriter.h"
#include "mapping/mappedjson.h"

namespace sluice {

Result<std::vector<PayloadPreview>> previewPayloads(const Mapper &mapper, const std::vector<Row> &rows)
{
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].size() != mapper.columnCount())
            return invalidInput("mapping.row_width",
                                "the row has " + std::to_string(rows[i].size()) + " values; the model has "
                                    + std::to_string(mapper.columnCount()) + " columns",
                                "row " + std::to_string(i + 1));
    std::vector<PayloadPreview> out(rows.size());
    MappedRow mapped;
    std::string buffer; // grows once, then each payload is copied out at its exact size
    for (std::size_t i = 0; i < rows.size(); ++i) {
        mapper.apply(rows[i], mapped);
        PayloadPreview &p = out[i];
        if (!mapped.skipped) {
            buffer.clear();
            appendJsonObject(buffer, mapped);
            p.json = buffer;
        }
        p.problems = std::move(mapped.problems);
        p.rejected = mapped.rejected;
        p.skipped = mapped.skipped;
    }
    return out;
}

} // namespace sluice
