#include "sync/rowprefetch.h"

#include <chrono>

namespace sluice {

using Clock = std::chrono::steady_clock;

RowPrefetcher::RowPrefetcher(RowCursor &cursor, std::size_t chunkRows, std::size_t chunksAhead)
    : m_cursor(cursor), m_chunkRows(std::max<std::size_t>(1, chunkRows)),
      m_chunksAhead(std::max<std::size_t>(1, chunksAhead))
{
    m_reader = std::thread([this] { read(); });
}

RowPrefetcher::~RowPrefetcher()
{
    stop();
}

void RowPrefetcher::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_reader.joinable())
        m_reader.join();
}

double RowPrefetcher::readSeconds() const
{
    std::lock_guard lock(m_mutex);
    return m_readSeconds;
}

double RowPrefetcher::waitSeconds() const
{
    return m_waitSeconds;
}

void RowPrefetcher::read()
{
    for (;;) {
        std::unique_ptr<Chunk> chunk;
        {
            std::unique_lock lock(m_mutex);
            // One chunk more than the queue holds: the caller's.
            m_changed.wait(lock, [&] { return m_stopping || !m_free.empty() || m_chunks < m_chunksAhead + 1; });
            if (m_stopping)
                return;
            if (!m_free.empty()) {
                chunk = std::move(m_free.back());
                m_free.pop_back();
            } else {
                chunk = std::make_unique<Chunk>();
                ++m_chunks;
            }
        }
        chunk->count = 0;
        if (chunk->rows.size() < m_chunkRows)
            chunk->rows.resize(m_chunkRows);
        const auto started = Clock::now();
        while (chunk->count < m_chunkRows) {
            auto more = m_cursor.next(chunk->rows[chunk->count]);
            if (!more) {
                chunk->error = more.error();
                break;
            }
            if (!*more) {
                chunk->end = true;
                break;
            }
            ++chunk->count;
        }
        const bool last = chunk->error || chunk->end;
        {
            std::lock_guard lock(m_mutex);
            m_readSeconds += std::chrono::duration<double>(Clock::now() - started).count();
            m_full.push_back(std::move(chunk));
        }
        m_changed.notify_all();
        if (last)
            return;
    }
}

Result<bool> RowPrefetcher::next(Row &row)
{
    for (;;) {
        if (m_current) {
            if (m_position < m_current->count) {
                std::swap(row, m_current->rows[m_position++]);
                return true;
            }
            if (m_current->error)
                return std::unexpected(*m_current->error);
            if (m_current->end)
                return false;
            std::lock_guard lock(m_mutex);
            m_free.push_back(std::move(m_current));
            m_changed.notify_all();
        }
        const auto started = Clock::now();
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_full.empty() || m_stopping; });
        if (m_full.empty())
            return cancelled();
        m_current = std::move(m_full.front());
        m_full.pop_front();
        m_position = 0;
        m_waitSeconds += std::chrono::duration<double>(Clock::now() - started).count();
    }
}

} // namespace sluice
