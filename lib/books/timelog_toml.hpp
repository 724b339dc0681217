#pragma once
// timelog/**/*.toml: [[entry]] and [[expense]] tables (SPEC 1.3).

#include "books/contract_index.hpp"
#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <string>
#include <vector>

namespace books {

// `rel_path` names the file in messages; `text` is its content. The entries' staff and note
// texts go to `texts`, which must outlive the entries (Books keeps its arenas in
// Books::text_storage).
void load_timelog_toml(const std::string& rel_path, std::string text, const ContractIndex& contracts,
                       std::vector<Entry>& entries, std::vector<Expense>& expenses, TextArena& texts,
                       diag::Diagnostics& diags);

} // namespace books
