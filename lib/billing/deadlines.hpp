#pragma once
// §9 deadlines (SPEC §4): status reports, the action plan (handleplan) and the end of a course.

#include "books/model.hpp"
#include "calendar/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace billing {

struct Deadline {
  enum class Kind { handleplan, status_report, end }; // also the order within one day and contract
  std::string contract;
  Kind kind = Kind::handleplan;
  std::optional<int> number; // the status report's number
  calendar::Date due;
  bool overdue = false;
};

std::string_view to_string(Deadline::Kind kind); // "handleplan", "status-report", "end"

// Every deadline of every running contract due on or before today + within days, overdue ones
// included, sorted by due date, contract id, kind.
std::vector<Deadline> deadlines(const books::Books& books, calendar::Date today, int within_days);

// The payer's action plan (handleplan, §9) has not been received, and the payer is one that
// hands one over: a municipality (SPEC 1.2). A private payer is never due one.
bool handleplan_missing(const books::Contract& c);

// The contract's pending status report: its number and due date, if it is due by the last day.
std::optional<std::pair<int, calendar::Date>> pending_status_report(const books::Contract& c);

} // namespace billing
