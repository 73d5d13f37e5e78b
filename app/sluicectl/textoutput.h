#pragma once
// Plain-text rendering for the terminal: aligned tables that respect the
// display width of wide (CJK) characters, and JSON forms of engine values.

#include "core/value.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sluice::cli {

// Columns of cells, padded to the widest cell (cut at maxWidth with "…").
std::string renderTable(const std::vector<std::string> &header, const std::vector<std::vector<std::string>> &rows,
                        std::size_t maxWidth = 32);

std::size_t displayWidth(const std::string &utf8);
nlohmann::json toJson(const Value &v);
std::string displayValue(const Value &v); // NULL shown as "NULL"

// Previewed rows (a model's, an audience's members) as a table under their
// column names, and as JSON arrays of values.
std::string renderRows(const std::vector<Column> &columns, const std::vector<Row> &rows);
nlohmann::json rowsJson(const std::vector<Row> &rows);

} // namespace sluice::cli
