#pragma once
// SHA-256 (FIPS 180-4), for the "hash" transform: ad platforms (Meta, Google,
// TikTok) match audiences on the SHA-256 of a normalised e-mail or phone.
// Written here rather than linked from OpenSSL so the engine keeps its link
// line; the inputs are short fields, and the implementation is checked
// against the FIPS 180-4 example vectors in tests/mapping.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::mapping {

std::array<std::uint8_t, 32> sha256(std::string_view data);

// Lower-case hexadecimal, 64 characters: the form the ad platforms expect.
std::string sha256Hex(std::string_view data);

} // namespace sluice::mapping
