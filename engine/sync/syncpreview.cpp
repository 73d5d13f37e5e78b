#include "syncpreview.h"

#include "mapping/preview.h"
#include "sync/modellookup.h"

namespace sluice {

Result<SyncPreview> previewSync(const SyncDef &sync, const ModelPreview &sample,
                                const std::vector<std::string> &primaryKey, LookupTable lookup,
                                const std::atomic_bool *cancelled)
{
    SyncPreview out;
    out.columnNamesMapping = !sync.mapping.is_array() || sync.mapping.empty();
    const MappingContext context{sample.columns, primaryKey, std::move(lookup)};
    auto mapper = Mapper::compile(effectiveMapping(sync, sample.columns), sync.settings, context);
    if (cancelled && *cancelled)
        return out;
    if (!mapper)
        return std::unexpected(mapper.error().within("sync '" + sync.name + "'"));
    out.fields = mapper->fieldNames();
    auto payloads = previewPayloads(*mapper, sample.rows);
    if (!payloads)
        return std::unexpected(payloads.error());
    const auto keyIndexes = keyColumnIndexes(sample.columns, primaryKey);
    out.rows.reserve(payloads->size());
    for (std::size_t i = 0; i < payloads->size(); ++i) {
        PayloadPreview &p = (*payloads)[i];
        SyncPreviewRow row;
        row.sourceIndex = i;
        if (keyIndexes)
            for (std::size_t k : *keyIndexes) {
                const Value &v = sample.rows[i][k];
                row.key += (row.key.empty() ? "" : " | ") + (v.isNull() ? std::string("NULL") : v.toString());
            }
        row.payload = std::move(p.json);
        row.problems = std::move(p.problems);
        row.rejected = p.rejected;
        row.skipped = p.skipped;
        out.rows.push_back(std::move(row));
    }
    return out;
}

} // namespace sluice
