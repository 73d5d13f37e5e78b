#include "sha256.h"

#include <openssl/sha.h>

namespace sluice {

std::array<std::uint8_t, 32> sha256(std::string_view data)
{
    std::array<std::uint8_t, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), data.size(), digest.data());
    return digest;
}

std::string sha256Hex(std::string_view data)
{
    static const char *hex = "0123456789abcdef";
    const auto digest = sha256(data);
    std::string out;
    out.reserve(64);
    for (std::uint8_t b : digest) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

} // namespace sluice
