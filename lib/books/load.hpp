#pragma once
// Loading and validating a books directory (SPEC §1, §5).

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <filesystem>
#include <string>

namespace books {

// Reads honorar.toml, contracts/*.toml and timelog/**/*.{toml,csv}, reporting every problem of
// the whole directory to `diags` (structural errors; the billing warnings come from
// billing::check_books). Throws diag::Error(missing) when the books or honorar.toml are absent.
// When diags.has_errors() afterwards, the returned Books must not be billed.
Books load_books(const std::filesystem::path& root, diag::Diagnostics& diags);

// The parts, for tests and for the loaders of each file kind. `rel_path` names the file in
// messages; `text` is its content.
Settings load_settings(const std::string& rel_path, std::string text, diag::Diagnostics& diags);
// Returns false when the contract has errors (it is then still returned as far as it was read,
// so that entries naming it do not cause follow-up errors).
bool load_contract(const std::string& rel_path, std::string text, Contract& out, diag::Diagnostics& diags);

// Contract ids -> index, for the time-log loaders.
class ContractIndex {
public:
  explicit ContractIndex(const std::vector<Contract>& contracts) : m_contracts(contracts) {}
  std::optional<std::size_t> find(std::string_view id) const;
  const Contract& at(std::size_t i) const { return m_contracts[i]; }

private:
  const std::vector<Contract>& m_contracts;
};

void load_timelog_toml(const std::string& rel_path, std::string text, const ContractIndex& contracts,
                       std::vector<Entry>& entries, std::vector<Expense>& expenses, diag::Diagnostics& diags);
void load_timelog_csv(const std::string& rel_path, std::string_view text, const ContractIndex& contracts,
                      std::vector<Entry>& entries, diag::Diagnostics& diags);

} // namespace books
