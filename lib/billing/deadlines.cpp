#include "billing/deadlines.hpp"

#include <algorithm>
#include <tuple>

namespace billing {

std::string_view to_string(Deadline::Kind kind) {
  switch (kind) {
  case Deadline::Kind::handleplan: return "handleplan";
  case Deadline::Kind::status_report: return "status-report";
  case Deadline::Kind::end: return "end";
  }
  return "";
}

bool handleplan_missing(const books::Contract& c) {
  return !c.handleplan && c.payer.kind == books::PayerKind::municipality;
}

std::optional<std::pair<int, calendar::Date>> pending_status_report(const books::Contract& c) {
  // Report 1 is due 3 months after the start; report k+1 6 months after report k was delivered.
  calendar::Date due = calendar::add_months(c.start, 3);
  int number = 1;
  for (const calendar::Date delivered : c.status_reports) {
    due = calendar::add_months(delivered, 6);
    ++number;
  }
  if (auto last = c.last_day(); last && due > *last) return std::nullopt;
  return std::pair{number, due};
}

std::vector<Deadline> deadlines(const books::Books& books, calendar::Date today, int within_days) {
  std::vector<Deadline> out;
  const calendar::Date horizon = today + within_days;
  for (const books::Contract& c : books.contracts) {
    const auto last = c.last_day();
    if (last && *last < today) continue; // a finished course has no deadlines
    auto add = [&](Deadline::Kind kind, calendar::Date due, std::optional<int> number) {
      if (due <= horizon) out.push_back({c.id, kind, number, due, due < today});
    };
    if (handleplan_missing(c)) add(Deadline::Kind::handleplan, c.start, std::nullopt);
    if (auto report = pending_status_report(c)) add(Deadline::Kind::status_report, report->second, report->first);
    if (last) add(Deadline::Kind::end, *last, std::nullopt);
  }
  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
    return std::tie(a.due, a.contract, a.kind) < std::tie(b.due, b.contract, b.kind);
  });
  return out;
}

} // namespace billing
