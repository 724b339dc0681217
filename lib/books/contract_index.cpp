#include "books/contract_index.hpp"

namespace books {

ContractIndex::ContractIndex(const std::vector<Contract>& contracts) : m_contracts(contracts) {
  m_by_id.reserve(contracts.size());
  for (std::size_t i = 0; i < contracts.size(); ++i) m_by_id.emplace(contracts[i].id, i);
}

std::optional<std::size_t> ContractIndex::find(std::string_view id) const {
  auto it = m_by_id.find(id);
  if (it == m_by_id.end()) return std::nullopt;
  return it->second;
}

} // namespace books
