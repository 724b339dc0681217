#include "billing/deadlines.hpp"

#include "calendar/notice.hpp"
#include "render/json.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using billing::Deadline;
using calendar::Date;
using testutil::day;

namespace {

// A running contract with its action plan received and no reports delivered yet.
books::Contract contract(std::string id, std::string_view start) {
  books::Contract c;
  c.id = std::move(id);
  c.citizen = "AB";
  c.service = "Støtte- og kontaktpersonsforløb";
  c.start = day(start);
  c.terms = {{day(start), money::Hours::from_units(7), money::Money::from_units(525)}};
  c.notice = *calendar::NoticeRule::parse("løbende måned + 1");
  c.handleplan = day(start) - 14;
  return c;
}

books::Books books_with(std::vector<books::Contract> contracts) {
  books::Books b;
  b.contracts = std::move(contracts);
  return b;
}

std::string pending(const books::Contract& c) {
  const auto report = billing::pending_status_report(c);
  if (!report) return "none";
  return "#" + std::to_string(report->first) + " " + report->second.to_string();
}

// "contract kind[#number] due[ overdue]", one per line.
std::string listed(const books::Books& b, std::string_view today, int within) {
  std::string out;
  for (const Deadline& d : billing::deadlines(b, day(today), within)) {
    out += d.contract + " " + std::string(billing::to_string(d.kind));
    if (d.number) out += "#" + std::to_string(*d.number);
    out += " " + d.due.to_string() + (d.overdue ? " overdue" : "") + "\n";
  }
  return out;
}

// The SPEC §7 example: 2C-2025-014 started 2025-03-03, delivered report 1 on 2025-06-02 and was
// given notice on 2025-11-18 (last day 2025-12-31); 2C-2025-020 started 2025-11-05 without its
// action plan.
books::Books spec_example() {
  books::Contract a = contract("2C-2025-014", "2025-03-03");
  a.handleplan = day("2025-02-20");
  a.status_reports = {day("2025-06-02")};
  a.termination = books::Termination{day("2025-11-18"), std::nullopt};
  books::Contract b = contract("2C-2025-020", "2025-11-05");
  b.handleplan.reset();
  return books_with({a, b});
}

} // namespace

TEST_CASE("billing::pending_status_report") {
  SUBCASE("report 1 is due three months after the start") {
    CHECK(pending(contract("C1", "2025-03-03")) == "#1 2025-06-03");
  }
  SUBCASE("the day of month is clamped") {
    CHECK(pending(contract("C1", "2025-11-30")) == "#1 2026-02-28");
    CHECK(pending(contract("C1", "2023-11-30")) == "#1 2024-02-29");
  }
  SUBCASE("report k+1 is due six months after report k was delivered") {
    books::Contract c = contract("C1", "2025-03-03");
    c.status_reports = {day("2025-06-02")};
    CHECK(pending(c) == "#2 2025-12-02");
    c.status_reports = {day("2025-06-02"), day("2025-12-01")};
    CHECK(pending(c) == "#3 2026-06-01");
  }
  SUBCASE("six months after a report delivered on the 31st, clamped") {
    books::Contract c = contract("C1", "2025-05-31");
    c.status_reports = {day("2025-08-31")};
    CHECK(pending(c) == "#2 2026-02-28");
  }
  SUBCASE("a report due on the last day is listed") {
    books::Contract c = contract("C1", "2025-11-30");
    c.end = day("2026-02-28");
    CHECK(pending(c) == "#1 2026-02-28");
  }
  SUBCASE("a report due after the last day is not") {
    books::Contract c = contract("C1", "2025-11-30");
    c.end = day("2026-02-27");
    CHECK(pending(c) == "none");
  }
  SUBCASE("the last day by the notice rule counts too") {
    books::Contract c = contract("C1", "2025-03-03");
    c.status_reports = {day("2025-06-02")};
    c.termination = books::Termination{day("2025-10-15"), std::nullopt}; // last day 2025-11-30
    CHECK(pending(c) == "none");
    c.termination->end = day("2025-12-02"); // an agreed last day replaces the rule
    CHECK(pending(c) == "#2 2025-12-02");
  }
}

TEST_CASE("billing::deadlines") {
  SUBCASE("the SPEC example, within 30 days") {
    // today + 30 = 2025-12-23: the end on 2025-12-31 is not within 30 days (the SPEC's example
    // output lists it all the same; the rule "due on or before today + N" is the one applied).
    CHECK(listed(spec_example(), "2025-11-23", 30) == "2C-2025-020 handleplan 2025-11-05 overdue\n"
                                                      "2C-2025-014 status-report#2 2025-12-02\n");
  }

  SUBCASE("the SPEC example, within 38 days, as JSON") {
    const books::Books b = spec_example();
    const auto items = billing::deadlines(b, day("2025-11-23"), 38);
    const render::Json expected = render::Json::parse(R"({"as_of": "2025-11-23", "within": 38, "deadlines": [
      {"contract": "2C-2025-020", "kind": "handleplan", "due": "2025-11-05", "overdue": true},
      {"contract": "2C-2025-014", "kind": "status-report", "number": 2, "due": "2025-12-02", "overdue": false},
      {"contract": "2C-2025-014", "kind": "end", "due": "2025-12-31", "overdue": false}]})");
    CHECK(render::deadlines_json({day("2025-11-23"), 38, items}).dump() == expected.dump());
  }

  SUBCASE("a missing action plan is due at the start") {
    books::Contract c = contract("C1", "2025-12-01");
    c.handleplan.reset();
    CHECK(listed(books_with({c}), "2025-11-23", 30) == "C1 handleplan 2025-12-01\n");
  }

  SUBCASE("a received action plan is no deadline") {
    CHECK(listed(books_with({contract("C1", "2025-12-01")}), "2025-11-23", 30) == "");
  }

  SUBCASE("a contract with a last day has an end item on that day") {
    books::Contract c = contract("C1", "2025-03-03");
    c.status_reports = {day("2025-06-02")};
    c.end = day("2025-12-10");
    CHECK(listed(books_with({c}), "2025-11-23", 30) == "C1 status-report#2 2025-12-02\nC1 end 2025-12-10\n");
  }

  SUBCASE("a contract that runs on has no end item") {
    books::Contract c = contract("C1", "2025-03-03");
    c.status_reports = {day("2025-06-02")};
    CHECK(listed(books_with({c}), "2025-11-23", 3650) == "C1 status-report#2 2025-12-02\n");
  }

  SUBCASE("a contract whose last day is before today has no deadlines") {
    books::Contract c = contract("C1", "2025-03-03");
    c.handleplan.reset();
    c.end = day("2025-11-22");
    CHECK(listed(books_with({c}), "2025-11-23", 30) == "");
  }

  SUBCASE("a contract ending today still has its end item, not overdue") {
    books::Contract c = contract("C1", "2025-10-01");
    c.handleplan.reset();
    c.end = day("2025-11-23");
    CHECK(listed(books_with({c}), "2025-11-23", 30) == "C1 handleplan 2025-10-01 overdue\nC1 end 2025-11-23\n");
  }

  SUBCASE("--within: due on or before today + N, overdue ones included") {
    books::Contract on_horizon = contract("C1", "2025-12-23");
    on_horizon.handleplan.reset();
    books::Contract beyond = contract("C2", "2025-12-24");
    beyond.handleplan.reset();
    books::Contract long_ago = contract("C3", "2024-01-15");
    long_ago.handleplan.reset();
    long_ago.status_reports = {day("2024-04-15"), day("2024-10-15"), day("2025-04-15")};
    const books::Books b = books_with({on_horizon, beyond, long_ago});
    CHECK(listed(b, "2025-11-23", 30) == "C3 handleplan 2024-01-15 overdue\n"
                                         "C3 status-report#4 2025-10-15 overdue\n"
                                         "C1 handleplan 2025-12-23\n");
    CHECK(listed(b, "2025-11-23", 31) == "C3 handleplan 2024-01-15 overdue\n"
                                         "C3 status-report#4 2025-10-15 overdue\n"
                                         "C1 handleplan 2025-12-23\n"
                                         "C2 handleplan 2025-12-24\n");
    CHECK(listed(b, "2025-11-23", 0) == "C3 handleplan 2024-01-15 overdue\n"
                                        "C3 status-report#4 2025-10-15 overdue\n");
  }

  SUBCASE("due today is not overdue") {
    books::Contract c = contract("C1", "2025-11-23");
    c.handleplan.reset();
    const auto items = billing::deadlines(books_with({c}), day("2025-11-23"), 0);
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == Deadline::Kind::handleplan);
    CHECK_FALSE(items[0].number.has_value());
    CHECK(items[0].due.to_string() == "2025-11-23");
    CHECK_FALSE(items[0].overdue);
  }

  SUBCASE("sorted by due date, then contract id, then kind") {
    books::Contract b1 = contract("B-1", "2025-09-15"); // report 1 and the end on 2025-12-15
    b1.end = day("2025-12-15");
    books::Contract a1 = contract("A-1", "2025-12-15"); // its action plan due 2025-12-15
    a1.handleplan.reset();
    books::Contract c1 = contract("C-1", "2025-10-01"); // action plan overdue
    c1.handleplan.reset();
    books::Contract a2 = contract("A-2", "2025-09-15"); // report 1 on 2025-12-15
    CHECK(listed(books_with({a1, a2, b1, c1}), "2025-11-01", 60) == "C-1 handleplan 2025-10-01 overdue\n"
                                                                     "A-1 handleplan 2025-12-15\n"
                                                                     "A-2 status-report#1 2025-12-15\n"
                                                                     "B-1 status-report#1 2025-12-15\n"
                                                                     "B-1 end 2025-12-15\n");
  }

  SUBCASE("the kinds' names") {
    CHECK(billing::to_string(Deadline::Kind::handleplan) == "handleplan");
    CHECK(billing::to_string(Deadline::Kind::status_report) == "status-report");
    CHECK(billing::to_string(Deadline::Kind::end) == "end");
  }
}
