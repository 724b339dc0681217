#include "books/contract_index.hpp"

#include "books/entry_rules.hpp"

namespace books {

ContractIndex::ContractIndex(const std::vector<Contract>& contracts, std::span<const UnloadedContract> unloaded)
    : m_contracts(contracts) {
  m_by_id.reserve(contracts.size());
  for (std::size_t i = 0; i < contracts.size(); ++i) m_by_id.emplace(contracts[i].id, i);
  for (const UnloadedContract& u : unloaded) m_unloaded.emplace(u.id, u.path);
}

std::optional<std::size_t> ContractIndex::find(std::string_view id) const {
  auto it = m_by_id.find(id);
  if (it == m_by_id.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> ContractIndex::resolve(std::string_view id, std::string_view record,
                                                  const diag::Location& where, diag::Diagnostics& diags) const {
  if (auto index = find(id)) return index;
  if (auto unloaded = m_unloaded.find(id); unloaded != m_unloaded.end())
    diags.error(where, entry_message::of_unloaded_contract(record, id, unloaded->second));
  else
    diags.error(where, entry_message::unknown_contract(id));
  return std::nullopt;
}

} // namespace books
