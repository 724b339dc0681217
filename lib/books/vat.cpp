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
  // At least 1 %: a rate below it is refused by the e-invoice (Peppol BR-CO-17); SPEC 1.2.
  if (*hundredths < k_min_vat_hundredths || *hundredths > k_max_vat_hundredths) {
    reader.error(key, fmt::format("'{}' must be at least 1 and at most 100 percent", key));
    return std::nullopt;
  }
  return Vat{Percent::from_hundredths(*hundredths)};
}

} // namespace books
