#pragma once
// UTF-8 aware text helpers shared by transforms, filters and rules. Lengths
// and positions count Unicode code points (what a user calls characters in
// 张伟 or an e-mail address), never bytes, and nothing here cuts inside a
// multi-byte sequence.

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice::mapping {

// Number of code points (continuation bytes are not counted).
std::size_t codePointCount(std::string_view text);

// 1-based character position of byte `offset` in `text`, as error messages show it.
std::size_t charPosition(std::string_view text, std::size_t offset);

// The first `count` code points of `text`.
std::string_view firstCodePoints(std::string_view text, std::size_t count);

// The last `count` code points of `text`.
std::string_view lastCodePoints(std::string_view text, std::size_t count);

// Strips ASCII white space, NO-BREAK SPACE (U+00A0) and IDEOGRAPHIC SPACE
// (U+3000, common in data typed on Chinese keyboards) from both ends.
std::string_view trimmed(std::string_view text);

// ASCII-only case mapping: letters outside ASCII (CJK has no case) are kept.
void toLowerAscii(std::string &text);
void toUpperAscii(std::string &text);
bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);

// A value quoted for a problem message, shortened to `maxChars` with an
// ellipsis so one long cell cannot flood a log line: 'ana@' or 'a very long…'.
std::string quoteText(std::string_view text, std::size_t maxChars = 40);

} // namespace sluice::mapping
