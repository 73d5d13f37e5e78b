#pragma once
// Reads a RowCursor on a thread of its own, so that decoding the source's
// rows (the largest single cost of a run) overlaps the planner's merge,
// hashing and mapping. Rows travel in chunks through a small bounded queue
// and their storage is recycled: a row handed to next() swaps with the
// caller's, so text values keep their capacity from row to row and memory
// stays flat whatever the model's size.

#include "sources/source.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace sluice {

class RowPrefetcher {
public:
    explicit RowPrefetcher(RowCursor &cursor, std::size_t chunkRows = 256, std::size_t chunksAhead = 4);
    ~RowPrefetcher(); // stop()
    RowPrefetcher(const RowPrefetcher &) = delete;
    RowPrefetcher &operator=(const RowPrefetcher &) = delete;

    // As RowCursor::next, from the calling thread: the next row is swapped
    // into `row`; a source error comes after the rows read before it.
    Result<bool> next(Row &row);
    // Stops reading and waits for the reader (a cursor call in flight
    // finishes first: cancel the source to interrupt it).
    void stop();

    double readSeconds() const; // the reader's time in RowCursor::next
    double waitSeconds() const; // the caller's time waiting for rows (call after stop())

private:
    struct Chunk {
        std::vector<Row> rows;
        std::size_t count = 0;
        std::optional<Error> error;
        bool end = false;
    };
    void read();

    RowCursor &m_cursor;
    const std::size_t m_chunkRows;
    const std::size_t m_chunksAhead;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Chunk>> m_full;
    std::vector<std::unique_ptr<Chunk>> m_free;
    std::size_t m_chunks = 0; // allocated so far
    bool m_stopping = false;
    double m_readSeconds = 0;

    std::unique_ptr<Chunk> m_current; // the caller's
    std::size_t m_position = 0;
    double m_waitSeconds = 0;
    std::thread m_reader;
};

} // namespace sluice
