#include "books/model.hpp"

#include <algorithm>

namespace books {

const std::string& SourceRef::path() const {
  static const std::string none;
  return file ? *file : none;
}

std::optional<Date> Contract::last_day() const {
  std::optional<Date> by_termination;
  // An agreed termination day replaces the notice rule, earlier or later than it.
  if (termination) by_termination = termination->end ? *termination->end : notice.end_for(termination->given);
  if (end && by_termination) return std::min(*end, *by_termination);
  return end ? end : by_termination;
}

const Terms& Contract::terms_on(Date d) const {
  // terms are sorted by `from` and the first starts on `start`.
  auto it = std::upper_bound(terms.begin(), terms.end(), d, [](Date day, const Terms& t) { return day < t.from; });
  return it == terms.begin() ? terms.front() : *(it - 1);
}

const Suspension* Contract::suspension_on(Date d) const {
  for (const Suspension& s : suspensions)
    if (s.from <= d && d <= s.to) return &s;
  return nullptr;
}

const Contract* Books::find_contract(std::string_view id) const {
  auto it = std::lower_bound(contracts.begin(), contracts.end(), id,
                             [](const Contract& c, std::string_view key) { return c.id < key; });
  return it != contracts.end() && it->id == id ? &*it : nullptr;
}

const Vat& Books::vat_of(const Contract& c) const { return c.vat ? *c.vat : settings.invoicing.vat; }

} // namespace books
