#pragma once
// The payload path's JSON writer: compact JSON text appended to a string.
// Hand-written because it runs for every field of every row of a sync and
// of every preview keystroke, and because the exact bytes matter:
//   - control characters become \u00XX (\b \f \n \r \t keep their short forms),
//     '"' and '\' are escaped, everything else valid is passed through;
//   - invalid UTF-8 becomes U+FFFD, one per maximal invalid subsequence
//     (Unicode's recommended practice), so the output is always valid UTF-8;
//   - doubles use the shortest text that reads back as the same number
//     (std::to_chars); NaN and infinities, which JSON cannot express, are null.

#include "core/value.h"

#include <string>
#include <string_view>

namespace sluice {

void appendJsonString(std::string &out, std::string_view text);
void appendJsonValue(std::string &out, const Value &value);

} // namespace sluice
