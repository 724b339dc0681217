#include "books/vat.hpp"

#include <fmt/format.h>

namespace books {

std::optional<Vat> read_vat(TableReader& reader, std::string_view key) {
  if (!reader.has(key)) return std::nullopt;
  // A string must be "exempt"; a number is a percentage.
  if (auto text = reader.string_if_string(key)) {
    if (*text == "exempt") return Vat{};
    reader.error(key, fmt::format("'{}' must be \"exempt\" or a percentage such as 25, not \"{}\"", key, *text));
    return std::nullopt;
  }
  auto hundredths = reader.decimal(key, Need::required);
  if (!hundredths) return std::nullopt;
  if (!in_range_exclusive_low(*hundredths, 0, 10000)) {
    reader.error(key, fmt::format("'{}' must be more than 0 and at most 100 percent", key));
    return std::nullopt;
  }
  return Vat{Percent::from_hundredths(*hundredths)};
}

} // namespace books
