#pragma once
// A 64-bit hash of a row's values (and of the mapping that shapes them), the
// "payload hash" kept in the snapshot: XXH64 of a type-tagged encoding of
// the values, seeded with the mapping's fingerprint. Fast enough to run on
// every row of every run, stable across runs, builds and byte orders, and
// good enough to detect change (a collision would make one changed row look
// unchanged: odds 2^-64).

#include "core/value.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

// The hash of a whole row (what the planner uses: one pass, no allocation
// once the thread's buffer has grown to the row size).
std::uint64_t hashRow(const Row &row, std::uint64_t seed);

// The same hash built value by value: RowHasher(seed) fed row's values gives hashRow(row, seed).
class RowHasher {
public:
    explicit RowHasher(std::uint64_t seed = 0xcbf29ce484222325ULL) : m_seed(seed) { }
    void add(const Value &v);
    std::uint64_t value() const;

private:
    std::uint64_t m_seed;
    std::string m_bytes;
};

// XXH64 of bytes.
std::uint64_t xxh64(const void *data, std::size_t size, std::uint64_t seed);

// FNV-1a of a text (the mapping's fingerprint: computed once per run).
std::uint64_t hashText(std::string_view text);

} // namespace sluice
