#pragma once
// E-mail and phone checks and normalisation, shared by the validation rules
// and the hash transform (ad platforms match on the SHA-256 of exactly these
// normal forms, so both must agree).

#include <string>
#include <string_view>

namespace sluice::mapping {

// A practical check of an address as mail systems accept it: one '@', a local
// part of 1-64 characters without leading, trailing or doubled dots, and a
// domain of at least two labels (letters, digits, '-'; non-ASCII allowed for
// internationalised addresses) with a top-level label that is not all digits.
// No white space and no quoted local parts.
bool isValidEmail(std::string_view text);

// Trimmed and lower-cased (ASCII), as Meta, Google and TikTok require before hashing.
std::string normalizedEmail(std::string_view text);

// Normalises a phone number to E.164 ("+8613812345678"). Accepts digits with
// spaces, '-', '.', '(', ')' and '/' between them, led by '+' or the
// international prefix 00; other numbers are national: a leading trunk '0' is
// dropped and `defaultCountryCode` ("86", "1", ...) put in front (for "1", an
// 11-digit national number that starts with 1 already carries it). The result
// must have 7 to 15 digits. On failure returns false with a message in `error`.
bool normalizePhone(std::string_view text, std::string_view defaultCountryCode, std::string &e164, std::string &error);

// "86" from "86" or "+86"; empty when `code` is not 1 to 3 digits.
std::string countryCallingCode(std::string_view code);

} // namespace sluice::mapping
