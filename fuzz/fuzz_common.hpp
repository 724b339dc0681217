#pragma once
// Shared by the fuzz targets: the input as text, and a fixed set of contracts for the
// time-log loaders (the ids the seed corpus uses, from examples/books, tests/ and tests/cli/).

#include "books/model.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Aborts (a crash libFuzzer reports and saves) when an invariant does not hold.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
  }
}

// Contracts sorted by id, as Books::contracts is. Every second one has an expense agreement so
// that both the accepted and the refused expense are reachable.
inline const std::vector<books::Contract>& contracts() {
  static const std::vector<books::Contract> list = [] {
    std::vector<std::string> ids = {"2C-2025-003", "2C-2025-007", "2C-2025-009", "2C-2025-011", "2C-2025-014",
                                    "2C-2025-019", "2C-2025-020", "2C-2026-002", "2C-2026-004", "2C-2026-011",
                                    "2C-A",        "2C-B",        "C1",          "C2",          "K-001"};
    std::vector<books::Contract> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      books::Contract c;
      c.id = ids[i];
      c.expenses_agreed = i % 2 == 0 || ids[i] == "2C-2025-014" || ids[i] == "C1";
      c.start = *calendar::Date::from_ymd(2025, 1, 1);
      c.terms.push_back({c.start, money::Hours::from_hundredths(750), money::Money::from_hundredths(52500)});
      out.push_back(std::move(c));
    }
    return out;
  }();
  return list;
}

} // namespace fuzz
