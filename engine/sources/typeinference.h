#pragma once
// Column types for sources that have none (CSV): each column gets the
// narrowest type every non-empty sample fits, and cells are converted to it.
// The rules are deliberately strict so that converting never changes what the
// user sees: zip codes like "02134" keep their leading zero as Text, E.164
// phone numbers like "+4930123456" keep their plus as Text, 0/1 are not
// booleans, and numbers too large for int64 stay Text rather than losing
// digits as Real.

#include "core/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// What one cell looks like on its own: Null (empty), Integer, Real, Boolean or Text.
//  Integer: optional minus sign, digits, fits int64, no leading zero unless
//           the digits are "0". A leading "+" makes it Text: in real data that
//           is a phone number, and the plus must survive.
//  Real: optional minus sign, digits with a decimal point and/or an exponent ("1.5",
//        ".5", "2e10"), same leading-zero rule for the integer part, finite.
//  Boolean: "true" or "false" in any letter case.
ValueType classifyCell(std::string_view cell);

// Accumulates the samples of one column.
class ColumnTypeInference {
public:
    void addSample(std::string_view cell);
    // Integer and Real mix to Real; Boolean mixed with numbers, or any Text,
    // gives Text; a column with only empty samples is Text.
    ValueType type() const;

private:
    bool m_sawInteger = false;
    bool m_sawReal = false;
    bool m_sawBoolean = false;
    bool m_sawText = false;
};

ValueType inferColumnType(const std::vector<std::string> &samples);

// Converts a cell to `type`: empty is NULL; a cell that does not parse as
// `type` (a late row the inference did not see) is kept as Text rather than lost.
Value convertCell(const std::string &cell, ValueType type);

} // namespace sluice
