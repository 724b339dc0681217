#pragma once
// timelog/**/*.csv: entries only (SPEC 1.3).

#include "books/contract_index.hpp"
#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace books {

// As load_timelog_toml (timelog_toml.hpp), for a CSV time log.
void load_timelog_csv(const std::string& rel_path, std::string_view text, const ContractIndex& contracts,
                      std::vector<Entry>& entries, TextArena& texts, diag::Diagnostics& diags);

} // namespace books
