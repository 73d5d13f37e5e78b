#pragma once
// Percent-encoding (RFC 3986): every byte but the unreserved characters
// (A-Z a-z 0-9 - _ . ~) as %XX. Used for URL queries and form bodies, and to
// recognise a secret in the encoded form it takes inside a URL.

#include <string>
#include <string_view>

namespace sluice {

std::string urlEncode(std::string_view text);

} // namespace sluice
