#pragma once
// contracts/*.toml (SPEC 1.2).

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <string>

namespace books {

// `rel_path` names the file in messages; `text` is its content. Returns false when the contract
// has errors (it is then still returned as far as it was read, so that entries naming it do not
// cause follow-up errors).
bool load_contract(const std::string& rel_path, std::string text, Contract& out, diag::Diagnostics& diags);

} // namespace books
