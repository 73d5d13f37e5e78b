#include "modelrunner.h"

#include <chrono>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unordered_map>

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Composite key text, or nullopt when any part is NULL.
std::optional<std::string> keyOf(const Row &row, const std::vector<std::size_t> &idx)
{
    std::string key;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const Value &v = row[idx[i]];
        if (v.isNull())
            return std::nullopt;
        if (i)
            key += " | ";
        key += v.toString();
    }
    return key;
}

} // namespace

std::string KeyCheck::summary() const
{
    if (ok())
        return fmt::format("primary key OK: {} rows, every key present and unique", rows);
    std::string s = fmt::format("primary key problems in {} rows:", rows);
    if (nullKeyRows) {
        s += fmt::format(" {} rows with a NULL key (rows", nullKeyRows);
        for (auto n : nullKeyRowNumbers)
            s += " " + std::to_string(n);
        s += nullKeyRows > std::int64_t(nullKeyRowNumbers.size()) ? " ...)" : ")";
        if (duplicateKeys)
            s += ";";
    }
    if (duplicateKeys) {
        s += fmt::format(" {} keys appear more than once, in {} rows (", duplicateKeys, duplicateRows);
        for (std::size_t i = 0; i < duplicateExamples.size(); ++i)
            s += fmt::format("{}'{}' x{}", i ? ", " : "", duplicateExamples[i].key, duplicateExamples[i].count);
        s += duplicateKeys > std::int64_t(duplicateExamples.size()) ? ", ...)" : ")";
    }
    return s;
}

Result<std::vector<std::size_t>> keyColumnIndexes(const std::vector<Column> &columns,
                                                  const std::vector<std::string> &primaryKey)
{
    std::vector<std::size_t> idx;
    std::string missing;
    for (const auto &k : primaryKey) {
        std::size_t i = 0;
        while (i < columns.size() && columns[i].name != k)
            ++i;
        if (i == columns.size())
            missing += (missing.empty() ? "'" : ", '") + k + "'";
        else
            idx.push_back(i);
    }
    if (!missing.empty()) {
        std::string have;
        for (const auto &c : columns)
            have += (have.empty() ? "" : ", ") + c.name;
        return invalidInput("model.key_missing", "primary key column " + missing
                                                     + " is not in the model's result "
                                                       "(columns: "
                                                     + have + ")");
    }
    return idx;
}

Result<ModelPreview> previewModel(Source &source, const ModelDef &model, std::int64_t limit)
{
    const auto start = Clock::now();
    QuerySpec spec;
    spec.sql = model.sql;
    // One row past the limit tells whether there is more.
    spec.limit = limit + 1;
    auto cursor = source.query(spec);
    if (!cursor)
        return std::unexpected(cursor.error().within("model '" + model.name + "'"));
    ModelPreview p;
    p.columns = (*cursor)->columns();
    std::vector<bool> refined(p.columns.size(), false);
    Row row;
    for (;;) {
        auto more = (*cursor)->next(row);
        if (!more)
            return std::unexpected(more.error().within("model '" + model.name + "'"));
        if (!*more)
            break;
        if (std::int64_t(p.rows.size()) == limit) {
            p.more = true;
            break;
        }
        for (std::size_t i = 0; i < row.size(); ++i) {
            // Undeclared (expression) columns take the type of their first value.
            if (!refined[i] && p.columns[i].declaredType.empty() && !row[i].isNull()) {
                p.columns[i].type = row[i].type();
                refined[i] = true;
            }
        }
        p.rows.push_back(row);
    }
    p.elapsedMs = msSince(start);
    return p;
}

Result<KeyCheck> checkModelKey(Source &source, const ModelDef &model)
{
    const auto start = Clock::now();
    const std::string where = "model '" + model.name + "'";
    QuerySpec spec;
    spec.sql = model.sql;
    const bool sorted = source.supportsOrderBy();
    if (sorted)
        spec.orderBy = model.primaryKey;
    auto cursor = source.query(spec);
    if (!cursor) {
        // An ORDER BY on a column the result lacks fails in the source; say it
        // in terms of the key.
        if (sorted) {
            QuerySpec probe;
            probe.sql = model.sql;
            probe.limit = 0;
            if (auto c = source.query(probe)) {
                auto idx = keyColumnIndexes((*c)->columns(), model.primaryKey);
                if (!idx)
                    return std::unexpected(idx.error().within(where));
            }
        }
        return std::unexpected(cursor.error().within(where));
    }
    auto idx = keyColumnIndexes((*cursor)->columns(), model.primaryKey);
    if (!idx)
        return std::unexpected(idx.error().within(where));

    KeyCheck check;
    Row row;
    // Reads every row, counting it and its NULL keys; `onKey` sees the others' keys.
    auto eachKey = [&](auto &&onKey) -> Result<> {
        for (;;) {
            auto more = (*cursor)->next(row);
            if (!more)
                return std::unexpected(more.error().within(where));
            if (!*more)
                return {};
            ++check.rows;
            auto key = keyOf(row, *idx);
            if (!key) {
                ++check.nullKeyRows;
                if (check.nullKeyRowNumbers.size() < kKeyExampleCount)
                    check.nullKeyRowNumbers.push_back(check.rows);
                continue;
            }
            onKey(std::move(*key));
        }
    };
    if (sorted) {
        // Equal keys are adjacent: count runs.
        std::string previous;
        std::int64_t run = 0;
        auto closeRun = [&] {
            if (run > 1) {
                ++check.duplicateKeys;
                check.duplicateRows += run;
                if (check.duplicateExamples.size() < kKeyExampleCount)
                    check.duplicateExamples.push_back(KeyExample{previous, run});
            }
        };
        auto read = eachKey([&](std::string key) {
            if (run > 0 && key == previous) {
                ++run;
            } else {
                closeRun();
                previous = std::move(key);
                run = 1;
            }
        });
        if (!read)
            return std::unexpected(read.error());
        closeRun();
        // Sorted, the row numbers mean nothing to the user (NULLs sort first
        // or last): when there are NULL keys, find their numbers in the
        // model's own order with a second, unsorted pass.
        if (check.nullKeyRows > 0) {
            check.nullKeyRowNumbers.clear();
            QuerySpec plain;
            plain.sql = model.sql;
            auto again = source.query(plain);
            if (!again)
                return std::unexpected(again.error().within(where));
            std::int64_t n = 0;
            while (check.nullKeyRowNumbers.size() < kKeyExampleCount) {
                auto more = (*again)->next(row);
                if (!more)
                    return std::unexpected(more.error().within(where));
                if (!*more)
                    break;
                ++n;
                if (!keyOf(row, *idx))
                    check.nullKeyRowNumbers.push_back(n);
            }
        }
    } else {
        std::unordered_map<std::string, std::int64_t> counts;
        std::vector<std::string> order; // first-seen order of duplicated keys, for examples
        auto read = eachKey([&](std::string key) {
            if (++counts[key] == 2)
                order.push_back(std::move(key));
        });
        if (!read)
            return std::unexpected(read.error());
        for (const auto &k : order) {
            ++check.duplicateKeys;
            check.duplicateRows += counts[k];
            if (check.duplicateExamples.size() < kKeyExampleCount)
                check.duplicateExamples.push_back(KeyExample{k, counts[k]});
        }
    }
    check.elapsedMs = msSince(start);
    return check;
}

} // namespace sluice
