#pragma once
// A validated fast path for time-log TOML files of the flat layout the docs recommend
// ([[entry]] / [[expense]] tables of plain `key = value` lines). Internal to books/.
//
// The contract: fast_timelog_toml() either returns true and appends exactly the entries and
// expenses that load_timelog_toml() (toml++) would append, in the same order, for a file on
// which load_timelog_toml() reports no diagnostic at all; or it returns false and appends
// nothing, and the caller falls back to load_timelog_toml(). It returns false for anything
// outside the subset it understands (inline tables, arrays, multi-line strings, dotted or
// quoted keys, date-times, exponents, underscores, a byte-order mark, invalid UTF-8, ...) and
// for anything the full loader would report (unknown keys, unknown contracts, bad values,
// CPR-like text, ...): every diagnostic comes from the one full loader. tests/lib/
// test_books_fast_timelog.cpp compares both paths on generated and hand-written inputs.

#include "books/contract_index.hpp"
#include "books/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace books {

// `rel_path` names the file and `texts` takes the staff and note texts, as in load_timelog_toml.
// (A refusal may leave unused bytes in `texts`.)
bool fast_timelog_toml(const std::string& rel_path, std::string_view text, const ContractIndex& contracts,
                       std::vector<Entry>& entries, std::vector<Expense>& expenses, TextArena& texts);

} // namespace books
