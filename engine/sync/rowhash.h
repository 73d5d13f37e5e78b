#pragma once
// A 64-bit hash of a row's values (and of the mapping that shapes them), the
// "payload hash" kept in the snapshot. FNV-1a over a type-tagged encoding:
// fast, stable across runs and builds, and good enough to detect change
// (a collision would make one changed row look unchanged: odds 2^-64).

#include "core/value.h"

#include <cstdint>
#include <string_view>

namespace sluice {

class RowHasher {
public:
    explicit RowHasher(std::uint64_t seed = 0xcbf29ce484222325ULL) : m_h(seed) {}
    void add(std::string_view bytes)
    {
        for (unsigned char c : bytes) {
            m_h ^= c;
            m_h *= 0x100000001b3ULL;
        }
    }
    void add(const Value &v);
    std::uint64_t value() const { return m_h; }

private:
    std::uint64_t m_h;
};

std::uint64_t hashText(std::string_view text);

} // namespace sluice
