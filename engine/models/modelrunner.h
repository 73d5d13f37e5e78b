#pragma once
// Runs a model against its source: previews (LIMIT pushed down) and the
// primary-key check a diff depends on (the key must be in the result, never
// NULL and unique).

#include "core/entities.h"
#include "core/error.h"
#include "sources/source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sluice {

struct ModelPreview {
    std::vector<Column> columns;
    std::vector<Row> rows;
    bool more = false; // the model has more rows than the limit
    double elapsedMs = 0;
};

// Up to `limit` rows. Column types that the source could not declare
// (expressions) are refined from the values seen.
Result<ModelPreview> previewModel(Source &source, const ModelDef &model, std::int64_t limit);

struct KeyExample {
    std::string key;        // composite keys joined with " | "
    std::int64_t count = 0; // rows sharing it
};

struct KeyCheck {
    std::int64_t rows = 0;
    std::int64_t nullKeyRows = 0;
    std::vector<std::int64_t> nullKeyRowNumbers; // 1-based, in the model's own order, first few
    std::int64_t duplicateKeys = 0;              // distinct keys appearing more than once
    std::int64_t duplicateRows = 0;              // rows carrying such a key
    std::vector<KeyExample> duplicateExamples;   // first few
    double elapsedMs = 0;
    bool ok() const { return nullKeyRows == 0 && duplicateKeys == 0; }
    std::string summary() const; // one English line
};

inline constexpr std::size_t kKeyExampleCount = 5;

// Index of each key column in `columns`, or an error naming the missing ones
// and listing what the model does return.
Result<std::vector<std::size_t>> keyColumnIndexes(const std::vector<Column> &columns,
                                                  const std::vector<std::string> &primaryKey);

// Scans the whole model. Sources that sort do it ordered by key, so memory
// stays flat; others (CSV) keep a set of keys.
Result<KeyCheck> checkModelKey(Source &source, const ModelDef &model);

} // namespace sluice
