#include "externalsort.h"

#include "core/keycodec.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <queue>
#include <string>

namespace sluice {

namespace {

// One row as bytes: per value a type tag and its payload.
void appendRow(std::string &out, const Row &row)
{
    auto put64 = [&](std::uint64_t v) {
        char bytes[8];
        std::memcpy(bytes, &v, 8);
        out.append(bytes, 8);
    };
    for (const Value &v : row) {
        switch (v.type()) {
        case ValueType::Null: out += 'n'; break;
        case ValueType::Integer:
            out += 'i';
            put64(std::uint64_t(v.asInteger()));
            break;
        case ValueType::Real: {
            out += 'r';
            const double d = v.asReal();
            std::uint64_t bits;
            std::memcpy(&bits, &d, 8);
            put64(bits);
            break;
        }
        case ValueType::Boolean: out += v.asBoolean() ? 'T' : 'F'; break;
        case ValueType::Text:
            out += 't';
            put64(v.asText().size());
            out += v.asText();
            break;
        }
    }
}

void readRow(std::string_view bytes, Row &row)
{
    std::size_t at = 0;
    auto get64 = [&] {
        std::uint64_t v;
        std::memcpy(&v, bytes.data() + at, 8);
        at += 8;
        return v;
    };
    std::size_t column = 0;
    while (at < bytes.size() && column < row.size()) {
        const char tag = bytes[at++];
        Value &v = row[column++];
        switch (tag) {
        case 'i': v = Value(std::int64_t(get64())); break;
        case 'r': {
            const std::uint64_t bits = get64();
            double d;
            std::memcpy(&d, &bits, 8);
            v = Value(d);
            break;
        }
        case 'T': v = Value(true); break;
        case 'F': v = Value(false); break;
        case 't': {
            const std::size_t n = std::size_t(get64());
            v = Value(std::string(bytes.substr(at, n)));
            at += n;
            break;
        }
        default: v = Value();
        }
    }
}

struct Entry {
    std::string key; // "" for a row with a NULL sort column: first
    std::string row;
};

// A sorted run spilled to an anonymous temporary file.
class RunFile {
public:
    RunFile() = default;
    RunFile(RunFile &&o) noexcept : m_file(o.m_file) { o.m_file = nullptr; }
    RunFile &operator=(RunFile &&) = delete;
    ~RunFile()
    {
        if (m_file)
            std::fclose(m_file);
    }

    Result<> write(const std::vector<Entry> &entries)
    {
        m_file = std::tmpfile();
        if (!m_file)
            return failed("sort.temp",
                          std::string("cannot create a temporary file to sort rows: ") + std::strerror(errno));
        for (const Entry &e : entries)
            if (!put(e.key) || !put(e.row))
                return failed("sort.temp",
                              std::string("cannot write a temporary file to sort rows: ") + std::strerror(errno));
        if (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0)
            return failed("sort.temp", std::string("cannot read back the sorted rows: ") + std::strerror(errno));
        return {};
    }

    // The next entry; false at the end.
    bool read(Entry &e) { return get(e.key) && get(e.row); }

private:
    bool put(const std::string &s)
    {
        const std::uint64_t n = s.size();
        return std::fwrite(&n, sizeof n, 1, m_file) == 1 && (n == 0 || std::fwrite(s.data(), 1, n, m_file) == n);
    }
    bool get(std::string &s)
    {
        std::uint64_t n = 0;
        if (std::fread(&n, sizeof n, 1, m_file) != 1)
            return false;
        s.resize(std::size_t(n));
        return n == 0 || std::fread(s.data(), 1, std::size_t(n), m_file) == n;
    }

    std::FILE *m_file = nullptr;
};

class SortedCursor final : public RowCursor {
public:
    SortedCursor(std::vector<Column> columns, std::vector<Entry> memory, std::vector<RunFile> runs,
                 std::optional<std::int64_t> limit, const std::atomic<bool> &cancelled)
        : m_columns(std::move(columns)), m_memory(std::move(memory)), m_runs(std::move(runs)), m_limit(limit),
          m_cancelled(cancelled)
    {
        m_heads.resize(m_runs.size());
        for (std::size_t i = 0; i < m_runs.size(); ++i)
            if (m_runs[i].read(m_heads[i]))
                m_queue.push(i);
    }

    const std::vector<Column> &columns() const override { return m_columns; }

    Result<bool> next(Row &row) override
    {
        if (m_cancelled.load())
            return cancelled();
        if (m_limit && m_delivered >= *m_limit)
            return false;
        row.assign(m_columns.size(), Value());
        if (m_runs.empty()) {
            if (m_next >= m_memory.size())
                return false;
            readRow(m_memory[m_next++].row, row);
        } else {
            if (m_queue.empty())
                return false;
            const std::size_t run = m_queue.top();
            m_queue.pop();
            readRow(m_heads[run].row, row);
            if (m_runs[run].read(m_heads[run]))
                m_queue.push(run);
        }
        ++m_delivered;
        return true;
    }

private:
    // The smallest head first; equal keys in run order (the runs are in input order: stable).
    struct Later {
        const std::vector<Entry> *heads;
        bool operator()(std::size_t a, std::size_t b) const
        {
            const int c = (*heads)[a].key.compare((*heads)[b].key);
            return c > 0 || (c == 0 && a > b);
        }
    };

    std::vector<Column> m_columns;
    std::vector<Entry> m_memory; // when everything fitted the budget
    std::size_t m_next = 0;
    std::vector<RunFile> m_runs;
    std::vector<Entry> m_heads;
    std::priority_queue<std::size_t, std::vector<std::size_t>, Later> m_queue{Later{&m_heads}};
    std::optional<std::int64_t> m_limit;
    const std::atomic<bool> &m_cancelled;
    std::int64_t m_delivered = 0;
};

} // namespace

Result<std::unique_ptr<RowCursor>> sortRows(std::unique_ptr<RowCursor> input, std::vector<std::size_t> by,
                                            const std::atomic<bool> &cancelled, std::optional<std::int64_t> limit,
                                            std::size_t memoryBudget)
{
    const std::vector<Column> columns = input->columns();
    for (std::size_t c : by)
        if (c >= columns.size())
            return invalidInput("sort.column", "no column " + std::to_string(c) + " to sort by");
    std::vector<Entry> entries;
    std::vector<RunFile> runs;
    std::size_t bytes = 0;
    auto spill = [&]() -> Result<> {
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.key < b.key; });
        RunFile run;
        if (auto r = run.write(entries); !r)
            return r;
        runs.push_back(std::move(run));
        entries.clear();
        bytes = 0;
        return {};
    };
    Row row;
    for (std::uint64_t n = 0;; ++n) {
        if ((n & 1023) == 0 && cancelled.load())
            return sluice::cancelled();
        auto more = input->next(row);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            break;
        Entry e;
        if (!encodeKeyInto(row, by, e.key))
            e.key.clear(); // a NULL in the key: first (never a real key: encodings are not empty)
        appendRow(e.row, row);
        bytes += e.key.size() + e.row.size() + sizeof(Entry);
        entries.push_back(std::move(e));
        if (bytes > memoryBudget)
            if (auto r = spill(); !r)
                return std::unexpected(r.error());
    }
    if (!runs.empty() && !entries.empty())
        if (auto r = spill(); !r)
            return std::unexpected(r.error());
    if (runs.empty())
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.key < b.key; });
    return std::unique_ptr<RowCursor>(
        std::make_unique<SortedCursor>(columns, std::move(entries), std::move(runs), limit, cancelled));
}

} // namespace sluice
