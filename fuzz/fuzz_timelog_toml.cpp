// The TOML time-log loaders on any bytes: never crash, hang or leak. Differential: whenever the
// fast path (books/fast_timelog.hpp) accepts a file, the full loader (toml++) reads it without
// a diagnostic and to exactly the same entries and expenses.
#include "books/fast_timelog.hpp"
#include "books/timelog_toml.hpp"
#include "fuzz_common.hpp"

namespace {

bool same_entry(const books::Entry& a, const books::Entry& b) {
  return a.contract == b.contract && a.date == b.date && a.hours == b.hours && a.status == b.status &&
         a.from_minute == b.from_minute && a.to_minute == b.to_minute && a.staff() == b.staff() && a.note() == b.note() &&
         a.where.line == b.where.line && a.where.column == b.where.column;
}

bool same_expense(const books::Expense& a, const books::Expense& b) {
  return a.contract == b.contract && a.date == b.date && a.amount == b.amount && a.text == b.text &&
         a.where.line == b.where.line && a.where.column == b.where.column;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const books::ContractIndex index(fuzz::contracts());
  const std::string text = fuzz::text_of(data, size);
  diag::Diagnostics diags;
  std::vector<books::Entry> entries;
  std::vector<books::Expense> expenses;
  books::TextArena texts;
  books::load_timelog_toml("timelog/fuzz.toml", text, index, entries, expenses, texts, diags);
  for (const diag::Diagnostic& d : diags.items()) (void)d.to_string();
  for (const books::Entry& e : entries) {
    fuzz::require(e.contract < fuzz::contracts().size(), "an entry names a known contract");
    fuzz::require(e.hours > money::Rational(0) && e.hours <= money::Rational(24), "0 < hours <= 24");
  }
  for (const books::Expense& x : expenses)
    fuzz::require(fuzz::contracts()[x.contract].expenses_agreed, "an expense has an expense agreement");

  std::vector<books::Entry> fast_entries;
  std::vector<books::Expense> fast_expenses;
  if (books::fast_timelog_toml("timelog/fuzz.toml", text, index, fast_entries, fast_expenses, texts)) {
    fuzz::require(diags.items().empty(), "the fast path accepts only files the full loader has nothing to say about");
    fuzz::require(fast_entries.size() == entries.size(), "the fast path reads as many entries");
    fuzz::require(fast_expenses.size() == expenses.size(), "the fast path reads as many expenses");
    for (std::size_t i = 0; i < entries.size(); ++i)
      fuzz::require(same_entry(entries[i], fast_entries[i]), "the fast path reads the same entries");
    for (std::size_t i = 0; i < expenses.size(); ++i)
      fuzz::require(same_expense(expenses[i], fast_expenses[i]), "the fast path reads the same expenses");
  } else {
    fuzz::require(fast_entries.empty() && fast_expenses.empty(), "a refusing fast path appends nothing");
  }
  return 0;
}
