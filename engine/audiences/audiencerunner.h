#pragma once
// Runs compiled audiences on their source: the models' shapes the compiler
// needs, the size with its funnel in one scan, and a preview of members.
// Every call blocks; the app runs them on a worker thread and cancels
// through Source::cancel().
#include "audiencesql.h"
#include "core/entities.h"
#include "models/modelrunner.h"
#include "sources/source.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sluice::audiences {

// The parent, related and event models the schema names, read on `source`
// (which reads `sourceName`): their SQL and columns. A model of another
// source is listed with its source and no columns (the compiler refuses it).
// A few rows are read so that columns a source cannot type (SQLite
// expressions) are typed from their values.
Result<std::map<std::string, ModelShape>> readModelShapes(Source &source, const std::string &sourceName,
                                                          const std::vector<ModelDef> &models,
                                                          const CustomerSchema &schema);

struct AudienceSize {
    std::int64_t customers = 0;
    std::int64_t members = 0;
    std::vector<std::int64_t> funnel; // members after each top-level condition
    double elapsedMs = 0;
};

Result<AudienceSize> measureAudience(Source &source, const CompiledAudience &compiled, Match rootMatch);
// The members' count alone (countSql): what the size costs without its funnel.
Result<std::int64_t> countMembers(Source &source, const CompiledAudience &compiled);
// The first row of a query that always returns one (a count); an error if none.
Result<Row> firstRow(Source &source, const std::string &sql);
Result<ModelPreview> previewMembers(Source &source, const CompiledAudience &compiled, std::int64_t limit);

} // namespace sluice::audiences
