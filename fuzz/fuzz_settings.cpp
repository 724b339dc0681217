// books::load_settings (honorar.toml) on any bytes: never crashes, hangs or leaks.
#include "books/settings.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  diag::Diagnostics diags;
  const books::Settings s = books::load_settings("honorar.toml", fuzz::text_of(data, size), diags);
  for (const diag::Diagnostic& d : diags.items()) (void)d.to_string();
  if (diags.has_errors()) return 0;
  fuzz::require(s.invoicing.first_number >= 1, "first_number is at least 1");
  const auto issue = *calendar::Date::from_ymd(2025, 12, 1);
  fuzz::require(!(s.invoicing.payment_terms.due_date(issue) < issue), "a due date is not before the issue date");
  (void)s.invoicing.from.to_string();
  return 0;
}
