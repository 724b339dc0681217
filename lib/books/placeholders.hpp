#pragma once
// The provider that `honorar init` writes into a new honorar.toml, for the user to replace: defined
// once, for the template (cli/init_templates.hpp) and for the check that warns while a value is
// still the placeholder (settings.cpp).

#include "books/model.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace books::placeholders {

inline constexpr std::string_view k_provider_name = "Leverandøren ApS";
// A CVR number that passes the modulus-11 check (so new books have no error), and that no
// example or test books use as a provider's own.
inline constexpr std::string_view k_provider_cvr = "11111114";
inline constexpr std::string_view k_bank_reg = "0000";
inline constexpr std::string_view k_bank_account = "0000000000";

// One warning for each [provider] value that is still its placeholder, as (key, message):
// "name", "cvr", "bank" (both reg and account as init wrote them), in that order.
std::vector<std::pair<std::string_view, std::string>> provider_warnings(const Provider& provider);

} // namespace books::placeholders
