#pragma once
// JSON for machines (SPEC §7). Money and hours are strings with two decimals.
// The canonical JSON of a document is also what the register stores and re-renders from.

#include "billing/deadlines.hpp"
#include "billing/run.hpp"
#include "billing/week.hpp"
#include "books/model.hpp"
#include "diag/diagnostic.hpp"
#include "render/document.hpp"

#include <string>
#include <vector>

namespace render {

// {"month", "documents", "total"}, each document in its canonical form (render/document.hpp).
Json run_json(const InvoiceRun& run);

// The hours per contract and week of `report` (SPEC §6), for every format.
struct ReportContract {
  std::string contract;
  std::vector<billing::WeekFigures> weeks;
};
struct Report {
  calendar::Month from;
  calendar::Month to;
  std::vector<ReportContract> contracts;
};
// The deadlines of `deadlines` (SPEC §4) as of a day, for every format.
struct DeadlineList {
  calendar::Date as_of;
  int within = 0;
  std::vector<billing::Deadline> deadlines;
};

Json report_json(const Report& report);
Json deadlines_json(const DeadlineList& list);
Json diagnostics_json(const diag::Diagnostics& diags);

// Two-space indented, UTF-8, with a final newline.
std::string dump(const Json& json);

} // namespace render
