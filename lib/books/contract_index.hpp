#pragma once
// Contract ids -> index into Books::contracts, for the time-log loaders.

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace books {

// A contract file that failed before it gave a contract (a TOML syntax error), whose id could
// still be read from its text (load.cpp). Its entries are skipped with one note, not one
// "unknown contract" error each (ARCHITECTURE.md).
struct UnloadedContract {
  std::string id;
  std::string path; // relative to the books
};

class ContractIndex {
public:
  explicit ContractIndex(const std::vector<Contract>& contracts, std::span<const UnloadedContract> unloaded = {});
  std::optional<std::size_t> find(std::string_view id) const;
  const Contract& at(std::size_t i) const { return m_contracts[i]; }

  // find(), else reports at `where` that the `record` ("entry", "expense") names an unknown
  // contract, or one whose file did not load (entry_message::of_unloaded_contract).
  std::optional<std::size_t> resolve(std::string_view id, std::string_view record, const diag::Location& where,
                                     diag::Diagnostics& diags) const;

private:
  const std::vector<Contract>& m_contracts;
  std::unordered_map<std::string_view, std::size_t> m_by_id; // the first contract with each id
  std::unordered_map<std::string_view, std::string_view> m_unloaded; // id -> path of its file
};

} // namespace books
