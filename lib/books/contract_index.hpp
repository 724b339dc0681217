#pragma once
// Contract ids -> index into Books::contracts, for the time-log loaders.

#include "books/model.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace books {

class ContractIndex {
public:
  explicit ContractIndex(const std::vector<Contract>& contracts);
  std::optional<std::size_t> find(std::string_view id) const;
  const Contract& at(std::size_t i) const { return m_contracts[i]; }

private:
  const std::vector<Contract>& m_contracts;
  std::unordered_map<std::string_view, std::size_t> m_by_id; // the first contract with each id
};

} // namespace books
