#include "rowhash.h"

#include <bit>
#include <cstring>
#include <vector>

namespace sluice {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

template <typename T> T readLittleEndian(const unsigned char *p)
{
    T w;
    std::memcpy(&w, p, sizeof w);
    if constexpr (std::endian::native == std::endian::big)
        w = std::byteswap(w);
    return w;
}

template <typename T> unsigned char *writeLittleEndian(unsigned char *p, T w)
{
    if constexpr (std::endian::native == std::endian::big)
        w = std::byteswap(w);
    std::memcpy(p, &w, sizeof w);
    return p + sizeof w;
}

std::uint64_t round(std::uint64_t acc, std::uint64_t input)
{
    return std::rotl(acc + input * kPrime2, 31) * kPrime1;
}

std::uint64_t mergeRound(std::uint64_t acc, std::uint64_t lane)
{
    return (acc ^ round(0, lane)) * kPrime1 + kPrime4;
}

// The encoding: a tag byte, then integers and reals as 8 little-endian
// bytes, text as a 4-byte length and its bytes (the length keeps
// ("ab","c") and ("a","bc") apart).
constexpr unsigned char kNull = 'n', kInteger = 'i', kReal = 'r', kText = 't', kTrue = 'T', kFalse = 'F';

std::size_t encodedSize(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null:
    case ValueType::Boolean: return 1;
    case ValueType::Integer:
    case ValueType::Real: return 9;
    case ValueType::Text: return 5 + v.asText().size();
    }
    return 1;
}

unsigned char *encode(unsigned char *p, const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: *p++ = kNull; return p;
    case ValueType::Boolean: *p++ = v.asBoolean() ? kTrue : kFalse; return p;
    case ValueType::Integer: *p++ = kInteger; return writeLittleEndian(p, std::uint64_t(v.asInteger()));
    case ValueType::Real: *p++ = kReal; return writeLittleEndian(p, std::bit_cast<std::uint64_t>(v.asReal()));
    case ValueType::Text: {
        const std::string &text = v.asText();
        *p++ = kText;
        p = writeLittleEndian(p, std::uint32_t(text.size()));
        std::memcpy(p, text.data(), text.size());
        return p + text.size();
    }
    }
    return p;
}

} // namespace

std::uint64_t xxh64(const void *data, std::size_t size, std::uint64_t seed)
{
    const auto *p = static_cast<const unsigned char *>(data);
    const unsigned char *end = p + size;
    std::uint64_t h;
    if (size >= 32) {
        std::uint64_t v1 = seed + kPrime1 + kPrime2, v2 = seed + kPrime2, v3 = seed, v4 = seed - kPrime1;
        for (; end - p >= 32; p += 32) {
            v1 = round(v1, readLittleEndian<std::uint64_t>(p));
            v2 = round(v2, readLittleEndian<std::uint64_t>(p + 8));
            v3 = round(v3, readLittleEndian<std::uint64_t>(p + 16));
            v4 = round(v4, readLittleEndian<std::uint64_t>(p + 24));
        }
        h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        h = mergeRound(h, v4);
    } else {
        h = seed + kPrime5;
    }
    h += size;
    for (; end - p >= 8; p += 8)
        h = std::rotl(h ^ round(0, readLittleEndian<std::uint64_t>(p)), 27) * kPrime1 + kPrime4;
    if (end - p >= 4) {
        h = std::rotl(h ^ (std::uint64_t(readLittleEndian<std::uint32_t>(p)) * kPrime1), 23) * kPrime2 + kPrime3;
        p += 4;
    }
    for (; p < end; ++p)
        h = std::rotl(h ^ (*p * kPrime5), 11) * kPrime1;
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    h ^= h >> 32;
    return h;
}

std::uint64_t hashRow(const Row &row, std::uint64_t seed)
{
    thread_local std::vector<unsigned char> buffer;
    std::size_t size = 0;
    for (const Value &v : row)
        size += encodedSize(v);
    if (buffer.size() < size)
        buffer.resize(size * 2);
    unsigned char *p = buffer.data();
    for (const Value &v : row)
        p = encode(p, v);
    return xxh64(buffer.data(), std::size_t(p - buffer.data()), seed);
}

void RowHasher::add(const Value &v)
{
    const std::size_t at = m_bytes.size();
    m_bytes.resize(at + encodedSize(v));
    encode(reinterpret_cast<unsigned char *>(m_bytes.data()) + at, v);
}

std::uint64_t RowHasher::value() const
{
    return xxh64(m_bytes.data(), m_bytes.size(), m_seed);
}

std::uint64_t hashText(std::string_view text)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace sluice
