// books::load_timelog_csv on any bytes: never crashes, hangs or leaks; every entry it accepts
// names a contract and has 0 < hours <= 24.
#include "books/timelog_csv.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const books::ContractIndex index(fuzz::contracts());
  diag::Diagnostics diags;
  std::vector<books::Entry> entries;
  const std::string text = fuzz::text_of(data, size);
  books::TextArena texts;
  books::load_timelog_csv("timelog/fuzz.csv", text, index, entries, texts, diags);
  for (const diag::Diagnostic& d : diags.items()) (void)d.to_string();
  for (const books::Entry& e : entries) {
    fuzz::require(e.contract < fuzz::contracts().size(), "an entry names a known contract");
    fuzz::require(e.hours > money::Rational(0) && e.hours <= money::Rational(24), "0 < hours <= 24");
  }
  return 0;
}
