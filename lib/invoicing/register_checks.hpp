#pragma once
// The checks of SPEC 5 that join the books and the register: what the register has billed must
// still be in the books.

#include "billing/run.hpp"
#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <filesystem>
#include <optional>

namespace invoice_register {
class Register;
}

namespace invoicing {

struct RegisterSummary; // invoicing/register_summary.hpp

// An error (at honorar.db) for every contract the register has billed that is no longer in the
// books: a contract renamed or removed after it was invoiced would otherwise be billed again
// from its start under its new id, or its billed weeks never settled.
void check_billed_contracts(const books::Books& books, const invoice_register::Register& reg, diag::Diagnostics& diags);
// The same from the register's summary (register_summary.hpp).
void check_billed_contracts(const books::Books& books, const RegisterSummary& reg, diag::Diagnostics& diags);
// The same against the books' own register (read-only, waiting up to busy_timeout_ms for a run
// that holds it), if they have one yet.
void check_billed_contracts(const books::Books& books, int busy_timeout_ms, diag::Diagnostics& diags);

// What the books' register has billed (read-only), for check_books; nullopt when there is no
// register yet.
std::optional<billing::BilledState> registered_billed_state(const std::filesystem::path& books_dir, int busy_timeout_ms);

} // namespace invoicing
