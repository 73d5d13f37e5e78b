#pragma once
// The one payload-preview pipeline (issue 14): a sample of the sync's model
// through its mapping, each row with its key, the exact JSON the destination
// would receive, and its problems. `sluicectl preview --sync` and the app's
// live payload preview both show this.

#include "core/entities.h"
#include "destinations/contract/destinationfield.h"
#include "mapping/mapper.h"
#include "models/modelrunner.h"

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace sluice {

struct SyncPreviewRow {
    std::size_t sourceIndex = 0; // in the sample's rows
    std::string key;             // primary key values joined with " | " (NULL as "NULL")
    std::string payload;         // the exact JSON object sent; "" when not sent
    std::vector<FieldProblem> problems;
    bool rejected = false; // a validation rule refused the row
    bool skipped = false;  // left out by the sync's filter or sampling
};

struct SyncPreview {
    bool columnNamesMapping = false; // the sync has no mapping: every column goes under its own name
    std::vector<std::string> fields; // the payload's fields, in mapping order
    std::vector<SyncPreviewRow> rows;
};

// `lookup` may be empty: lookup steps then fail to compile. Stops early, with
// an empty preview, when `cancelled` becomes true. Errors: the mapping does
// not compile (placed at "sync 'NAME'").
Result<SyncPreview> previewSync(const SyncDef &sync, const ModelPreview &sample,
                                const std::vector<std::string> &primaryKey, LookupTable lookup = {},
                                const std::atomic_bool *cancelled = nullptr);

// Marks the rows whose payload the destination would refuse, by what it
// describes of its fields: a value that is not one of a field's options, a
// number or true/false field given text that is not one. Each such value is a
// problem with rule "destinationOptions" or "destinationType" (action
// reject), as the destination rejects the record; the row is rejected.
void checkAgainstDestination(SyncPreview &preview, const std::vector<DestinationField> &fields);

} // namespace sluice
