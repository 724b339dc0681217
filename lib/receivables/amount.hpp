#pragma once
// Amounts as people and banks write them (SPEC 9.2): "1234.50", Danish "1.234,50", a bank
// statement's "-1.234,50" or "1234.50". Exact: digits to øre, never through double.

#include "money/fixed2.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace receivables {

enum class AmountStyle {
  either,        // the command line: a decimal point or a decimal comma; "1.234" is ambiguous
  decimal_comma, // a ';'-separated statement: '.' groups thousands, ',' is the decimal mark
  decimal_point, // a ','-separated statement: ',' groups thousands, '.' is the decimal mark
};

struct ParsedAmount {
  std::optional<money::Money> amount;
  std::string error; // why not, when amount is empty: "has more than two decimals", ...
};

// An optional sign ('-', '+' or U+2212), digits with an optional grouping of thousands, and at
// most two decimals. Spaces around it are ignored.
ParsedAmount parse_amount(std::string_view text, AmountStyle style);

} // namespace receivables
