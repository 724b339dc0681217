#include "invoicing/register_checks.hpp"

#include "invoicing/register_summary.hpp"
#include "register/register.hpp"

#include <fmt/format.h>

namespace invoicing {

namespace {
void check_billed(const books::Books& books, const std::map<std::string, std::vector<std::int64_t>>& billed,
                  diag::Diagnostics& diags) {
  for (const auto& [contract, numbers] : billed) {
    if (books.find_contract(contract)) continue;
    std::string documents;
    for (std::size_t i = 0; i < numbers.size(); ++i)
      documents += (i == 0 ? "" : ", ") + std::to_string(numbers[i]);
    diags.error({invoice_register::k_file_name, 0, 0},
                fmt::format("contract {} has been invoiced{} but is no longer in the books: put its contract file "
                            "back with id = \"{}\" (a contract renamed or removed would be billed again from its "
                            "start)",
                            contract, documents.empty() ? "" : " (documents " + documents + ")", contract));
  }
}
} // namespace

void check_billed_contracts(const books::Books& books, const invoice_register::Register& reg, diag::Diagnostics& diags) {
  check_billed(books, reg.billed_contracts(), diags);
}

void check_billed_contracts(const books::Books& books, const RegisterSummary& reg, diag::Diagnostics& diags) {
  check_billed(books, reg.billed_contracts, diags);
}

void check_billed_contracts(const books::Books& books, int busy_timeout_ms, diag::Diagnostics& diags) {
  if (auto reg = invoice_register::Register::open_read_only(books.root, busy_timeout_ms))
    check_billed_contracts(books, *reg, diags);
}

std::optional<billing::BilledState> registered_billed_state(const std::filesystem::path& books_dir, int busy_timeout_ms) {
  auto reg = invoice_register::Register::open_read_only(books_dir, busy_timeout_ms);
  if (!reg) return std::nullopt;
  return reg->billed_state();
}

} // namespace invoicing
