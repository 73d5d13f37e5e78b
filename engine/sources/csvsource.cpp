#include "csvsource.h"

#include "sources/externalsort.h"

#include "formats/csvparser.h"
#include "sources/typeinference.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <utility>

namespace sluice {

namespace {

std::string lineWhere(const std::string &path, std::int64_t line)
{
    return path + ":" + std::to_string(line);
}

std::string trimmed(const std::string &s)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && isSpace(s[begin]))
        ++begin;
    while (end > begin && isSpace(s[end - 1]))
        --end;
    return s.substr(begin, end - begin);
}

Error raggedRow(const std::string &path, std::int64_t line, std::size_t got, std::size_t expected)
{
    return Error{ErrorKind::InvalidInput, "csv.ragged",
                 "row has " + std::to_string(got) + (got == 1 ? " field" : " fields") + ", expected "
                     + std::to_string(expected),
                 lineWhere(path, line)};
}

Result<std::vector<std::string>> headerNames(const std::vector<std::string> &fields, const std::string &where)
{
    std::vector<std::string> names;
    names.reserve(fields.size());
    std::unordered_map<std::string, std::size_t> seen; // name -> 1-based column
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string name = trimmed(fields[i]);
        const std::size_t column = i + 1;
        if (name.empty())
            return invalidInput("csv.empty_column_name", "column " + std::to_string(column) + " has an empty name",
                                where);
        const auto [it, inserted] = seen.emplace(name, column);
        if (!inserted)
            return invalidInput("csv.duplicate_column_name",
                                "column name '" + name + "' appears twice (columns " + std::to_string(it->second)
                                    + " and " + std::to_string(column) + ")",
                                where);
        names.push_back(std::move(name));
    }
    return names;
}

// What every operation starts with: the file opened, the header read and
// checked, and the first rows read to infer the column types. The rows read
// for inference are kept so a query replays them instead of reading the file
// twice; an error met while reading them is kept too, so a query still
// delivers the rows before the bad one (a preview of a file broken at line
// 900 shows its first rows, then the error).
struct Prepared {
    CsvReader reader;
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> sampleRows;
    std::optional<Error> pendingError;
    bool atEnd = false;
};

Result<Prepared> prepare(const CsvSettings &settings, const std::atomic<bool> &cancelFlag, int inferenceRows)
{
    Result<CsvReader> reader = CsvReader::open(settings.path, settings.delimiter, settings.quote);
    if (!reader)
        return std::unexpected(reader.error());
    Prepared p{std::move(*reader), {}, {}, {}, false};

    std::vector<std::string> fields;
    const Result<bool> first = p.reader.readRecord(fields);
    if (!first)
        return std::unexpected(first.error());
    if (!*first)
        return invalidInput("csv.empty",
                            settings.header ? "the file is empty: there is no header row" : "the file is empty",
                            settings.path);

    std::vector<std::string> names;
    if (settings.header) {
        Result<std::vector<std::string>> checked
            = headerNames(fields, lineWhere(settings.path, p.reader.recordStartLine()));
        if (!checked)
            return std::unexpected(checked.error());
        names = std::move(*checked);
    } else {
        for (std::size_t i = 0; i < fields.size(); ++i)
            names.push_back("column_" + std::to_string(i + 1));
        p.sampleRows.push_back(fields);
    }

    const std::size_t wanted = static_cast<std::size_t>(std::max(inferenceRows, 0));
    while (p.sampleRows.size() < wanted) {
        if (cancelFlag.load())
            return cancelled();
        const Result<bool> more = p.reader.readRecord(fields);
        if (!more) {
            p.pendingError = more.error();
            break;
        }
        if (!*more) {
            p.atEnd = true;
            break;
        }
        if (fields.size() != names.size()) {
            p.pendingError = raggedRow(settings.path, p.reader.recordStartLine(), fields.size(), names.size());
            break;
        }
        p.sampleRows.push_back(fields);
    }

    std::vector<ColumnTypeInference> inference(names.size());
    for (const std::vector<std::string> &row : p.sampleRows)
        for (std::size_t i = 0; i < row.size(); ++i)
            inference[i].addSample(row[i]);
    p.columns.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        p.columns.push_back(Column{std::move(names[i]), inference[i].type(), {}});
    return p;
}

// Streams the file's rows. Holds a reference to its source's cancel flag: like
// every cursor it must not outlive the source that made it.
class CsvCursor final : public RowCursor {
public:
    CsvCursor(Prepared prepared, std::optional<std::int64_t> limit, const std::atomic<bool> &cancelled)
        : m_prepared(std::move(prepared)), m_limit(limit), m_cancelled(cancelled)
    { }

    const std::vector<Column> &columns() const override { return m_prepared.columns; }

    Result<bool> next(Row &row) override
    {
        if (m_cancelled.load())
            return cancelled();
        if (m_error)
            return std::unexpected(*m_error);
        if (m_limit && m_delivered >= *m_limit)
            return false;

        const std::vector<std::string> *fields = nullptr;
        if (m_sampleIndex < m_prepared.sampleRows.size()) {
            fields = &m_prepared.sampleRows[m_sampleIndex++];
        } else {
            if (!m_prepared.sampleRows.empty())
                m_prepared.sampleRows = {}; // replayed: give the memory back
            if (m_prepared.pendingError)
                return fail(*m_prepared.pendingError);
            if (m_prepared.atEnd)
                return false;
            const Result<bool> more = m_prepared.reader.readRecord(m_fields);
            if (!more)
                return fail(more.error());
            if (!*more) {
                m_prepared.atEnd = true;
                return false;
            }
            if (m_fields.size() != m_prepared.columns.size())
                return fail(raggedRow(m_prepared.reader.path(), m_prepared.reader.recordStartLine(), m_fields.size(),
                                      m_prepared.columns.size()));
            fields = &m_fields;
        }

        const std::vector<Column> &columns = m_prepared.columns;
        row.resize(columns.size());
        for (std::size_t i = 0; i < columns.size(); ++i)
            row[i] = convertCell((*fields)[i], columns[i].type);
        ++m_delivered;
        return true;
    }

private:
    std::unexpected<Error> fail(Error error)
    {
        m_error = error;
        return std::unexpected(std::move(error));
    }

    Prepared m_prepared;
    std::optional<std::int64_t> m_limit;
    const std::atomic<bool> &m_cancelled;
    std::size_t m_sampleIndex = 0;
    std::int64_t m_delivered = 0;
    std::vector<std::string> m_fields;
    std::optional<Error> m_error;
};

} // namespace

CsvSource::CsvSource(CsvSettings settings) : m_settings(std::move(settings))
{ }

Result<std::string> CsvSource::testConnection()
{
    if (m_cancelled.load())
        return cancelled();
    // Only the header (or first record) is needed to say what the file is.
    Result<Prepared> p = prepare(m_settings, m_cancelled, 0);
    if (!p)
        return std::unexpected(p.error());
    const std::size_t n = p->columns.size();
    return "CSV file with " + std::to_string(n) + (n == 1 ? " column" : " columns")
         + (m_settings.header ? " (header row)" : " (no header row)");
}

Result<std::vector<TableInfo>> CsvSource::listTables()
{
    if (m_cancelled.load())
        return cancelled();
    Result<Prepared> p = prepare(m_settings, m_cancelled, m_settings.inferenceRows);
    if (!p)
        return std::unexpected(p.error());
    // The schema browser is where the user checks the file, so a broken row
    // within the inspected rows is reported rather than hidden.
    if (p->pendingError)
        return std::unexpected(*p->pendingError);
    TableInfo table;
    table.name = std::filesystem::path(m_settings.path).stem().string();
    table.columns = std::move(p->columns);
    return std::vector<TableInfo>{std::move(table)};
}

Result<std::unique_ptr<RowCursor>> CsvSource::query(const QuerySpec &spec)
{
    if (m_cancelled.load())
        return cancelled();
    if (!spec.where.empty())
        return invalidInput("csv.no_where",
                            "a CSV file cannot be filtered by a SQL condition (timestamp change detection needs a "
                            "SQL source: use snapshot change detection, or load the file into SQLite)",
                            m_settings.path);
    Result<Prepared> p = prepare(m_settings, m_cancelled, m_settings.inferenceRows);
    if (!p)
        return std::unexpected(p.error());
    std::optional<std::int64_t> limit = spec.limit;
    if (limit && *limit < 0)
        limit = 0;
    if (spec.orderBy.empty())
        return std::make_unique<CsvCursor>(std::move(*p), limit, m_cancelled);
    // Sorted for a sync: in bounded memory, by the key's own encoding.
    std::vector<std::size_t> by;
    for (const std::string &name : spec.orderBy) {
        const auto it
            = std::find_if(p->columns.begin(), p->columns.end(), [&](const Column &c) { return c.name == name; });
        if (it == p->columns.end())
            return invalidInput("csv.no_column", "the file has no column '" + name + "'", m_settings.path);
        by.push_back(std::size_t(it - p->columns.begin()));
    }
    return sortRows(std::make_unique<CsvCursor>(std::move(*p), std::nullopt, m_cancelled), std::move(by), m_cancelled,
                    limit);
}

} // namespace sluice
