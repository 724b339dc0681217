#pragma once
// Reading a `vat` value: "exempt" or a percentage 0 < p <= 100 with at most 2 decimals.

#include "books/model.hpp"
#include "books/toml_reader.hpp"

#include <optional>

namespace books {

// nullopt when absent or invalid (then reported).
std::optional<Vat> read_vat(TableReader& reader, std::string_view key);

} // namespace books
