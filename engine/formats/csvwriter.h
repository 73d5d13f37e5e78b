#pragma once
// The one CSV writer (RFC 4180): the file destination, Salesforce Bulk API
// uploads and the app's CSV exports write their fields through it. A field is
// quoted when it holds the delimiter, a quote or a line break, or starts or
// ends with a space (which some readers would trim); quotes are doubled.

#include <string>
#include <string_view>

namespace sluice {

void appendCsvField(std::string &out, std::string_view text, char delimiter = ',');

} // namespace sluice
