#pragma once
// Reading a `vat` value: "exempt" or a percentage 1 <= p <= 100 with at most 2 decimals.

#include "books/model.hpp"
#include "books/toml_reader.hpp"

#include <optional>

namespace books {

inline constexpr std::int64_t k_min_vat_hundredths = 100;
inline constexpr std::int64_t k_max_vat_hundredths = 100 * 100;

// nullopt when absent or invalid (then reported).
std::optional<Vat> read_vat(TableReader& reader, std::string_view key);

} // namespace books
