#pragma once
// SHA-256 through OpenSSL's libcrypto (the engine links it for Snowflake's
// key-pair sign-in): the "hash" transform (ad platforms match audiences on the
// SHA-256 of a normalised e-mail or phone), insert ids, and fingerprints of
// projects for trust. Checked against the FIPS 180-4 example vectors in tests/mapping.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

std::array<std::uint8_t, 32> sha256(std::string_view data);

// Lower-case hexadecimal, 64 characters: the form the ad platforms expect.
std::string sha256Hex(std::string_view data);

} // namespace sluice
