// books::load_contract on any bytes: never crashes, hangs or leaks; a contract it accepts is
// consistent (terms sorted from the start, suspensions ordered, a last day not before start).
#include "books/contract.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  diag::Diagnostics diags;
  books::Contract c;
  const bool clean = books::load_contract("contracts/fuzz.toml", fuzz::text_of(data, size), c, diags);
  fuzz::require(clean == !diags.has_errors(), "load_contract's result matches its diagnostics");
  for (const diag::Diagnostic& d : diags.items()) (void)d.to_string();
  if (!clean) return 0;
  fuzz::require(!c.id.empty() && !c.terms.empty(), "a clean contract has an id and terms");
  fuzz::require(c.terms.front().from == c.start, "the first terms start on the start date");
  for (std::size_t i = 1; i < c.terms.size(); ++i)
    fuzz::require(c.terms[i - 1].from < c.terms[i].from, "terms are strictly ordered");
  for (std::size_t i = 1; i < c.suspensions.size(); ++i)
    fuzz::require(c.suspensions[i - 1].to < c.suspensions[i].from, "suspensions do not overlap");
  if (auto last = c.last_day()) {
    // Only `end` is checked against start; a termination may end the course before it starts.
    (void)last->to_string();
  }
  // The values billing reads for a day: terms and suspension lookups on the contract's days.
  for (int d = -3; d < 10; ++d) {
    const calendar::Date day = c.start + d;
    if (!(day < c.start)) (void)c.terms_on(day);
    (void)c.suspension_on(day);
  }
  return 0;
}
