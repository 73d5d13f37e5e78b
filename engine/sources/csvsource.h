#pragma once
// A CSV file as a source: RFC 4180 quoting, configurable delimiter and quote,
// optional header row, UTF-8 with or without BOM (invalid UTF-8 is an error
// naming the line), ragged rows are errors naming the line. Column types are
// inferred from the first rows for previews. A CSV file is its own model: the
// query's SQL is ignored, LIMIT is honoured, and ORDER BY (a sync's key
// order) sorts the rows in bounded memory (externalsort.h).

#include "sources/source.h"

#include <atomic>

namespace sluice {

struct CsvSettings {
    std::string path; // absolute
    char delimiter = ',';
    char quote = '"';
    bool header = true;       // false: columns are named column_1, column_2, ...
    int inferenceRows = 1000; // rows read to infer column types
};

class CsvSource final : public Source {
public:
    explicit CsvSource(CsvSettings settings);

    std::string_view kind() const override { return "csv"; }
    bool supportsSql() const override { return false; }
    bool supportsOrderBy() const override { return true; }
    Result<std::string> testConnection() override;
    Result<std::vector<TableInfo>> listTables() override; // one "table": the file
    Result<std::unique_ptr<RowCursor>> query(const QuerySpec &spec) override;
    void cancel() override { m_cancelled.store(true); }

private:
    CsvSettings m_settings;
    std::atomic<bool> m_cancelled{false};
};

} // namespace sluice
