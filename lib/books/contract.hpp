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

// A payer whose kind gets the e-invoice by [documents] needs what the e-invoice must carry: an EAN
// and a reference or an order (SPEC 5). Reported at the contract's [payer] table.
void check_einvoice_needs(const Contract& c, const DocumentSettings& documents, diag::Diagnostics& diags);

} // namespace books
