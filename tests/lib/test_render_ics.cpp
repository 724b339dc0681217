// iCalendar rendering of the deadlines (deadlines --format ics): RFC 5545 line folding, TEXT
// escaping, stable UIDs, reproducible DTSTAMP. The CLI test reads the output back with a parser.
#include "render/ics.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("render::ics_escape") {
  CHECK(render::ics_escape("a, b; c\\d") == "a\\, b\\; c\\\\d");
  CHECK(render::ics_escape("one\ntwo") == "one\\ntwo");
  CHECK(render::ics_escape("Forløb ok") == "Forløb ok");
}

TEST_CASE("render::ics_fold") {
  CHECK(render::ics_fold("SHORT:x") == "SHORT:x\r\n");
  const std::string line75(75, 'a');
  CHECK(render::ics_fold(line75) == line75 + "\r\n");
  CHECK(render::ics_fold(line75 + "b") == line75 + "\r\n b\r\n");
  // A continuation line holds 74 octets after its space.
  CHECK(render::ics_fold(std::string(75 + 74 + 1, 'c')) ==
        std::string(75, 'c') + "\r\n " + std::string(74, 'c') + "\r\n c\r\n");
  // "ø" is two octets: never split.
  const std::string folded = render::ics_fold(std::string(74, 'a') + "ø");
  CHECK(folded == std::string(74, 'a') + "\r\n ø\r\n");
}

TEST_CASE("render::deadlines_ics") {
  using Kind = billing::Deadline::Kind;
  auto day = [](const char* text) { return *calendar::parse_date(text); };
  const render::DeadlineList j{day("2025-11-23"), 30,
                               {{"2C-2025-020", Kind::handleplan, std::nullopt, day("2025-11-05"), true},
                                {"2C-2025-014", Kind::status_report, 2, day("2025-12-02"), false},
                                {"2C-2025-014", Kind::end, std::nullopt, day("2025-12-31"), false}}};
  const std::string ics = render::deadlines_ics(j);
  CHECK(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//honorar//honorar "));
  CHECK(ics.ends_with("END:VCALENDAR\r\n"));
  CHECK(ics.find("UID:2C-2025-020-handleplan-20251105@honorar\r\n") != std::string::npos);
  CHECK(ics.find("UID:2C-2025-014-status-report-2-20251202@honorar\r\n") != std::string::npos);
  CHECK(ics.find("UID:2C-2025-014-end-20251231@honorar\r\n") != std::string::npos);
  CHECK(ics.find("DTSTAMP:20251123T000000Z\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n") != std::string::npos);
  CHECK(ics.find("SUMMARY:Statusrapport 2: 2C-2025-014\r\n") != std::string::npos);
  CHECK(ics.find("\n\n") == std::string::npos);
  CHECK(render::deadlines_ics(j) == ics); // the same deadlines, the same bytes
}
