#include "keycodec.h"

#include <bit>
#include <cstring>

namespace sluice {

namespace {

// Type tags order numbers before text, as SQLite does.
constexpr unsigned char kInteger = 0x10;
constexpr unsigned char kReal = 0x11;
constexpr unsigned char kBoolean = 0x12;
constexpr unsigned char kText = 0x20;

void appendBigEndian(std::string &out, std::uint64_t v)
{
    char bytes[8];
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((v >> (56 - 8 * i)) & 0xff);
    out.append(bytes, 8);
}

std::uint64_t readBigEndian(const std::string &in, std::size_t at)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i)
        v = (v << 8) | static_cast<unsigned char>(in[at + i]);
    return v;
}

void appendValue(std::string &out, const Value &v)
{
    switch (v.type()) {
    case ValueType::Integer:
        out += char(kInteger);
        // Flipping the sign bit makes two's complement sort as unsigned.
        appendBigEndian(out, std::uint64_t(v.asInteger()) ^ (1ULL << 63));
        break;
    case ValueType::Real: {
        out += char(kReal);
        std::uint64_t bits = std::bit_cast<std::uint64_t>(v.asReal());
        bits = (bits & (1ULL << 63)) ? ~bits : bits | (1ULL << 63);
        appendBigEndian(out, bits);
        break;
    }
    case ValueType::Boolean:
        out += char(kBoolean);
        out += char(v.asBoolean() ? 1 : 0);
        break;
    case ValueType::Text:
    case ValueType::Null: {
        out += char(kText);
        // 0x00 becomes 0x00 0xFF and the string ends with 0x00 0x00, so a
        // prefix sorts before its extensions and components never blur.
        if (!v.isNull()) {
            const std::string &text = v.asText();
            for (std::size_t from = 0;;) {
                const std::size_t zero = text.find('\0', from);
                if (zero == std::string::npos) {
                    out.append(text, from);
                    break;
                }
                out.append(text, from, zero - from + 1);
                out += char(0xff);
                from = zero + 1;
            }
        }
        out += '\0';
        out += '\0';
        break;
    }
    }
}

} // namespace

std::optional<std::string> encodeKey(const Row &row, const std::vector<std::size_t> &keyColumns)
{
    std::string out;
    out.reserve(16 * keyColumns.size());
    if (!encodeKeyInto(row, keyColumns, out))
        return std::nullopt;
    return out;
}

bool encodeKeyInto(const Row &row, const std::vector<std::size_t> &keyColumns, std::string &out)
{
    out.clear();
    for (std::size_t i : keyColumns) {
        if (row[i].isNull())
            return false;
        appendValue(out, row[i]);
    }
    return true;
}

std::string encodeKeyValues(const std::vector<Value> &values)
{
    std::string out;
    for (const auto &v : values)
        appendValue(out, v);
    return out;
}

std::vector<Value> decodeKey(const std::string &in)
{
    std::vector<Value> out;
    std::size_t i = 0;
    while (i < in.size()) {
        const unsigned char tag = static_cast<unsigned char>(in[i++]);
        if ((tag == kInteger || tag == kReal) && i + 8 <= in.size()) {
            std::uint64_t bits = readBigEndian(in, i);
            i += 8;
            if (tag == kInteger) {
                out.emplace_back(std::int64_t(bits ^ (1ULL << 63)));
            } else {
                bits = (bits & (1ULL << 63)) ? bits & ~(1ULL << 63) : ~bits;
                out.emplace_back(std::bit_cast<double>(bits));
            }
        } else if (tag == kBoolean && i < in.size()) {
            out.emplace_back(in[i++] != 0);
        } else if (tag == kText) {
            std::string text;
            while (i + 1 < in.size()) {
                if (in[i] == '\0' && in[i + 1] == '\0') {
                    i += 2;
                    break;
                }
                text += in[i];
                i += in[i] == '\0' ? 2 : 1;
            }
            out.emplace_back(std::move(text));
        } else {
            break; // not ours; stop rather than misread
        }
    }
    return out;
}

std::string displayKey(const std::string &encoded)
{
    std::string out;
    for (const auto &v : decodeKey(encoded)) {
        if (!out.empty())
            out += " | ";
        out += v.toString();
    }
    return out;
}

} // namespace sluice
