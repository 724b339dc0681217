// The reminder document (SPEC 9.4): its one canonical JSON and its Danish text and PDF renderings.
// tests/golden/reminder/NAME.json are made by tests/golden/make_reminder_goldens.py (figures
// computed there independently); NAME.txt is the text rendering and NAME.pdf.txt the PDF read back
// by pdftotext. After an intended change: HONORAR_UPDATE_GOLDEN=1 honorar_tests -tc='render::reminder*',
// then review the diff.
#include "render/json.hpp"
#include "render/reminder.hpp"

#include "diag/diagnostic.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

using testutil::pdf_text;

const fs::path k_golden = fs::path(HONORAR_SOURCE_DIR) / "tests" / "golden" / "reminder";
constexpr const char* k_names[] = {"reminder-1", "reminder-2", "reminder-3", "reminder-rate-change"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool updating() {
  const char* update = std::getenv("HONORAR_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

void check_golden(const std::string& actual, const fs::path& golden) {
  if (updating()) std::ofstream(golden, std::ios::binary) << actual;
  CHECK(actual == read_file(golden));
}

render::ReminderDocument golden(const std::string& name) {
  return render::reminder_from_json(render::Json::parse(read_file(k_golden / (name + ".json"))));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("render::reminder_from_json") {
  SUBCASE("to_json gives back the stored bytes") {
    for (const std::string name : k_names) {
      CAPTURE(name);
      const std::string stored = read_file(k_golden / (name + ".json"));
      CHECK(render::dump(render::to_json(render::reminder_from_json(render::Json::parse(stored)))) == stored);
    }
  }

  SUBCASE("the typed values") {
    const render::ReminderDocument r = golden("reminder-rate-change");
    CHECK(r.number == 4);
    CHECK(render::reminder_name(r) == "R4");
    CHECK(r.reminder == 1);
    CHECK(r.invoice == 1010);
    CHECK(r.pay_by == testutil::day("2026-07-20"));
    REQUIRE(r.interest_lines.size() == 2);
    CHECK(r.interest_lines[0].days == 15);
    CHECK(r.interest_lines[0].rate.to_string() == "9.35");
    CHECK(r.interest_lines[1].days == 10);
    CHECK(r.interest_lines[1].rate.to_string() == "9.60");
    CHECK(r.interest.to_string() == "54.37");
    CHECK_FALSE(r.payment_id);
    CHECK_FALSE(render::fik_payment_line(r));
  }

  SUBCASE("a dry run's reminder has no number") {
    render::ReminderDocument r = golden("reminder-1");
    r.number.reset();
    const render::Json j = render::to_json(r);
    CHECK(j["number"].is_null());
    CHECK(render::reminder_name(render::reminder_from_json(j)) == "(prøve)");
  }

  SUBCASE("the reminder's FIK payment id is its invoice's") {
    const render::ReminderDocument r = golden("reminder-2");
    CHECK(render::fik_payment_line(r) == "+71<000000000010041+85404316<");
  }

  SUBCASE("not a reminder") {
    render::Json j = render::to_json(golden("reminder-1"));
    j["kind"] = "invoice";
    CHECK_THROWS_WITH_AS(render::reminder_from_json(j), "document kind: is not \"reminder\"", diag::Error);
    j = render::to_json(golden("reminder-1"));
    j["reminder"] = 4;
    CHECK_THROWS_WITH_AS(render::reminder_from_json(j), "document reminder: is not 1, 2 or 3", diag::Error);
    j = render::to_json(golden("reminder-1"));
    j["interest_lines"][0]["rate"] = "9,35";
    CHECK_THROWS_WITH_AS(render::reminder_from_json(j), "document interest_lines[0].rate: '9,35' is not a decimal number",
                         diag::Error);
  }
}

TEST_CASE("render::reminder_text") {
  for (const std::string name : k_names) {
    CAPTURE(name);
    check_golden(render::reminder_text(golden(name)), k_golden / (name + ".txt"));
  }
  SUBCASE("the third reminder warns of collection, the others do not") {
    CHECK(contains(render::reminder_text(golden("reminder-3")), "inkasso"));
    CHECK_FALSE(contains(render::reminder_text(golden("reminder-2")), "inkasso"));
  }
}

TEST_CASE("render::reminder_pdf") {
  const fs::path artefacts = fs::path(HONORAR_BINARY_DIR) / "artefacts" / "pdf";
  fs::create_directories(artefacts);
  for (const std::string name : k_names) {
    CAPTURE(name);
    const render::ReminderDocument r = golden(name);
    const std::string pdf = render::reminder_pdf(r);
    REQUIRE(pdf.starts_with("%PDF-"));
    CHECK(pdf == render::reminder_pdf(r)); // deterministic
    check_golden(pdf_text(pdf), k_golden / (name + ".pdf.txt"));
    std::ofstream(artefacts / (name + ".pdf"), std::ios::binary) << pdf;
  }
  SUBCASE("render_reminder: json, text and pdf; no e-invoice") {
    const render::ReminderDocument r = golden("reminder-1");
    CHECK(render::render_reminder(r, "json") == read_file(k_golden / "reminder-1.json"));
    CHECK(render::render_reminder(r, "text") == render::reminder_text(r));
    CHECK(render::render_reminder(r, "pdf")->starts_with("%PDF-"));
    CHECK_FALSE(render::render_reminder(r, "xml"));
  }
}

TEST_CASE("render::reminder_run_json") {
  render::ReminderRun run{testutil::day("2026-01-15"), {golden("reminder-1")}};
  SUBCASE("SPEC 7: the keys in order") {
    CHECK(render::reminder_run_json(run).dump() ==
          R"({"as_of":"2026-01-15","reminders":[{"number":1,"invoice":1001,"contract":"2C-2025-007","reminder":1,)"
          R"("interest_from":"2026-01-01","interest_to":"2026-01-15","interest":"87.49","fee":"100.00",)"
          R"("compensation":"310.00","open":"23267.49","pay_by":"2026-01-25"}]})");
  }
  SUBCASE("a dry run: number null") {
    run.reminders[0].number.reset();
    CHECK(render::reminder_run_json(run)["reminders"][0]["number"].is_null());
  }
  SUBCASE("none") {
    run.reminders.clear();
    CHECK(render::reminder_run_json(run).dump() == R"({"as_of":"2026-01-15","reminders":[]})");
  }
}

TEST_CASE("render::reminder_run_text") {
  render::ReminderRun run{testutil::day("2026-01-15"), {golden("reminder-1")}};
  CHECK(render::reminder_run_text(run, false) ==
        "Rykkere pr. 15.01.2026: 1 rykker\n"
        "\n"
        "R1 · faktura 1001 · 2C-2025-007 · Køge Kommune · 1. rykker · betales senest 25.01.2026\n"
        "  udestående før rykkeren                                      22.770,00\n"
        "  rykkergebyr                                                     100,00\n"
        "  renter 01.01.2026–15.01.2026                                     87,49\n"
        "  kompensationsbeløb                                              310,00\n"
        "  udestående i alt                                             23.267,49\n");
  run.reminders[0].number.reset();
  CHECK(render::reminder_run_text(run, true).starts_with(
      "Rykkere pr. 15.01.2026 (prøvekørsel, intet er skrevet): 1 rykker\n\nRykker – · faktura 1001"));
  run.reminders.clear();
  CHECK(render::reminder_run_text(run, true) == "Rykkere pr. 15.01.2026 (prøvekørsel): ingen faktura skal rykkes\n");
  CHECK(render::reminder_run_text(run, false) == "Rykkere pr. 15.01.2026: ingen faktura skal rykkes\n");
}
