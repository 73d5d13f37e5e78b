#pragma once
// What every HTTP client of the engine does with requests and answers (the
// destinations' APIs, alert webhooks): one place for each chore.

#include "core/percentencoding.h" // urlEncode, for URL queries and form bodies

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice {

// What the API inspector keeps of a body: enough to read any realistic
// error, without a copy of every megabyte batch. Cut at a UTF-8 character
// boundary (never half a character), saying how long the body was.
constexpr std::size_t kInspectorBodyLimit = 64 * 1024;
std::string cutForInspector(const std::string &body);

// A short single-line excerpt of an answer for an error message: line
// breaks and tabs become spaces, at most `maxBytes` (on a character
// boundary), "..." when cut.
std::string excerpt(const std::string &body, std::size_t maxBytes = 200);

// HTTP header names compare without regard to case.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// The answer's JSON, or a discarded value (is_discarded()) when it is none.
nlohmann::json parseAnswer(const std::string &body);

// "sluice/0.1.0", sent as User-Agent.
std::string userAgent();

} // namespace sluice
