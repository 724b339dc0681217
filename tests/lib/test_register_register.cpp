#include "register/register.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>

namespace fs = std::filesystem;
using invoice_register::Connection;
using invoice_register::Register;
using invoice_register::StoredDocument;
using testutil::day;
using testutil::iso_week;

namespace {

// An empty temporary books directory, removed again at the end of the test.
class TempDir : public testutil::TempDir {
public:
  TempDir() : testutil::TempDir("honorar-test-register") {}
  fs::path db() const { return path() / "honorar.db"; }
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

// Runs `action` and checks that it throws a diag::Error of `kind` with `message`.
void check_error(const std::function<void()>& action, diag::ErrorKind kind, std::string_view message) {
  bool thrown = false;
  try {
    action();
  } catch (const diag::Error& e) {
    thrown = true;
    CHECK(e.kind() == kind);
    CHECK(std::string(e.what()) == message);
  }
  CHECK_MESSAGE(thrown, "expected a diag::Error: ", std::string(message));
}

std::int64_t pragma_user_version(const fs::path& db) {
  Connection c(db, Connection::Mode::read_only, 1000);
  auto s = c.prepare("PRAGMA user_version");
  REQUIRE(s.step());
  return s.int64(0);
}

money::Money dkk(std::int64_t hundredths) { return money::Money::from_hundredths(hundredths); }
money::Hours hours(std::int64_t hundredths) { return money::Hours::from_hundredths(hundredths); }

std::string billed_text(const billing::BilledState& state) {
  std::string out;
  for (const auto& [contract, billed] : state) {
    for (const auto& [key, h] : billed.weeks)
      out += contract + " " + key.week.to_string() + " " + key.rate.to_string() + " " + h.to_string() + "\n";
    for (const auto& x : billed.expenses)
      out += contract + " " + x.date.to_string() + " " + x.text + " " + x.amount.to_string() + "\n";
  }
  return out;
}

StoredDocument stored(std::int64_t number, std::string kind, std::string contract, std::string month,
                      std::string total) {
  return {number, std::move(kind), std::move(contract), std::move(month), "2025-12-01", total,
          "{\"kind\": \"x\", \"number\": " + std::to_string(number) + ", \"total\": \"" + total + "\"}"};
}

// The November run of contract C1: two weeks and two identical bus tickets, one document.
billing::Run november_run() {
  billing::Run run;
  run.month = *calendar::parse_month("2025-11");
  billing::ContractRun cr;
  cr.contract = "C1";
  cr.weeks[{iso_week("2025-W45"), dkk(52500)}] = hours(750);
  cr.weeks[{iso_week("2025-W46"), dkk(52500)}] = hours(750);
  cr.expenses_added.push_back({day("2025-11-06"), "Bus", dkk(2400)});
  cr.expenses_added.push_back({day("2025-11-06"), "Bus", dkk(2400)});
  cr.document = 0;
  run.contracts.push_back(cr);
  return run;
}

} // namespace

TEST_CASE("invoice_register::Register") {
  TempDir books;

  SUBCASE("no register yet") {
    CHECK(Register::open_read_only(books.path(), 1000) == nullptr);
    CHECK_FALSE(fs::exists(books.db()));
  }

  SUBCASE("the first run creates the schema, version 1") {
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      CHECK_FALSE(reg->invoicing_from().has_value());
      CHECK_FALSE(reg->latest_month().has_value());
      CHECK(reg->next_number(1001) == 1001);
      CHECK(reg->billed_state().empty());
      CHECK(reg->documents().empty());
      reg->commit();
    }
    CHECK(pragma_user_version(books.db()) == invoice_register::k_schema_version);
    CHECK(invoice_register::k_schema_version == 4);
    auto reg = Register::open_read_only(books.path(), 1000);
    REQUIRE(reg != nullptr);
    CHECK(reg->documents().empty());
  }

  SUBCASE("a run that is not committed leaves no register") {
    { auto reg = Register::open_for_run(books.path(), 1000); }
    CHECK(Register::open_read_only(books.path(), 1000) == nullptr);
    auto again = Register::open_for_run(books.path(), 1000);
    CHECK(again->documents().empty());
  }

  SUBCASE("a recorded run reads back") {
    const StoredDocument doc = stored(1001, "invoice", "C1", "2025-11", "7923.00");
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      reg->record_run(november_run(), {doc}, "2025-12-01", "2025-11", {});
      reg->commit();
    }
    auto reg = Register::open_read_only(books.path(), 1000);
    REQUIRE(reg != nullptr);
    CHECK(reg->invoicing_from() == std::optional<std::string>("2025-11"));
    REQUIRE(reg->latest_month().has_value());
    CHECK(reg->latest_month()->to_string() == "2025-11");
    CHECK(reg->next_number(1001) == 1002);
    CHECK(reg->next_number(5000) == 1002); // one past the highest issued
    CHECK(billed_text(reg->billed_state()) == "C1 2025-W45 525.00 7.50\n"
                                              "C1 2025-W46 525.00 7.50\n"
                                              "C1 2025-11-06 Bus 24.00\n"
                                              "C1 2025-11-06 Bus 24.00\n");
    const auto documents = reg->documents();
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].number == 1001);
    CHECK(documents[0].kind == "invoice");
    CHECK(documents[0].contract == "C1");
    CHECK(documents[0].month == "2025-11");
    CHECK(documents[0].issue_date == "2025-12-01");
    CHECK(documents[0].total == "7923.00");
    CHECK(documents[0].json == doc.json);
    const auto one = reg->document(1001);
    REQUIRE(one.has_value());
    CHECK(one->json == doc.json);
    CHECK_FALSE(reg->document(1002).has_value());
  }

  SUBCASE("a later run updates hours and removes one of two identical expenses") {
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      reg->record_run(november_run(), {stored(1001, "invoice", "C1", "2025-11", "7923.00")}, "2025-12-01",
                      "2025-11", {});
      reg->commit();
    }
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      billing::Run run;
      run.month = *calendar::parse_month("2025-12");
      billing::ContractRun cr;
      cr.contract = "C1";
      cr.weeks[{iso_week("2025-W45"), dkk(52500)}] = hours(550);
      cr.weeks[{iso_week("2025-W49"), dkk(52500)}] = hours(0);
      cr.expenses_removed.push_back({day("2025-11-06"), "Bus", dkk(2400)});
      cr.document = 0;
      run.contracts.push_back(cr);
      reg->record_run(run, {stored(1002, "credit-note", "C1", "2025-12", "-1074.00")}, "2026-01-01", "2025-11", {});
      reg->commit();
    }
    auto reg = Register::open_read_only(books.path(), 1000);
    REQUIRE(reg != nullptr);
    CHECK(billed_text(reg->billed_state()) == "C1 2025-W45 525.00 5.50\n"
                                              "C1 2025-W46 525.00 7.50\n"
                                              "C1 2025-W49 525.00 0.00\n"
                                              "C1 2025-11-06 Bus 24.00\n");
    CHECK(reg->latest_month()->to_string() == "2025-12");
    CHECK(reg->next_number(1001) == 1003);
    const auto documents = reg->documents();
    REQUIRE(documents.size() == 2);
    CHECK(documents[0].number == 1001);
    CHECK(documents[1].number == 1002);
    CHECK(documents[1].kind == "credit-note");
    CHECK(documents[1].total == "-1074.00");
  }

  SUBCASE("a run that issues nothing is recorded with its month") {
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      billing::Run run;
      run.month = *calendar::parse_month("2026-01");
      reg->record_run(run, {}, "2026-02-01", "2025-11", {"C1", "C2"});
      reg->commit();
    }
    auto reg = Register::open_read_only(books.path(), 1000);
    REQUIRE(reg != nullptr);
    CHECK(reg->latest_month()->to_string() == "2026-01");
    CHECK(reg->documents().empty());
    Connection c(books.db(), Connection::Mode::read_only, 1000);
    auto s = c.prepare("SELECT month, run_date, contracts FROM runs");
    REQUIRE(s.step());
    CHECK(s.text(0) == "2026-01");
    CHECK(s.text(1) == "2026-02-01");
    CHECK(s.text(2) == "C1,C2");
    CHECK_FALSE(s.step());
  }

  SUBCASE("a foreign SQLite file is a data error and left untouched") {
    {
      Connection c(books.db(), Connection::Mode::read_write_create, 1000);
      c.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');");
    }
    const std::string before = read_bytes(books.db());
    REQUIRE_FALSE(before.empty());
    check_error([&] { Register::open_for_run(books.path(), 1000); }, diag::ErrorKind::data,
                "honorar.db is an SQLite file but not a honorar register");
    check_error([&] { Register::open_read_only(books.path(), 1000); }, diag::ErrorKind::data,
                "honorar.db is an SQLite file but not a honorar register");
    CHECK(read_bytes(books.db()) == before);
    CHECK_FALSE(fs::exists(books.path() / "honorar.db-journal"));
  }

  SUBCASE("a file that is not SQLite at all is a data error and left untouched") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "These are my notes, not an invoice register.\n";
    write_bytes(books.db(), text);
    const std::string message = books.db().string() + " is not a valid honorar register (file left untouched)";
    check_error([&] { Register::open_for_run(books.path(), 1000); }, diag::ErrorKind::data, message);
    check_error([&] { Register::open_read_only(books.path(), 1000); }, diag::ErrorKind::data, message);
    CHECK(read_bytes(books.db()) == text);
    CHECK_FALSE(fs::exists(books.path() / "honorar.db-journal"));
  }

  SUBCASE("a register written by a newer honorar is a data error") {
    {
      Connection c(books.db(), Connection::Mode::read_write_create, 1000);
      const int newer = invoice_register::k_schema_version + 1;
      c.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); PRAGMA user_version = " +
             std::to_string(newer) + ";");
    }
    const std::string before = read_bytes(books.db());
    const int newer = invoice_register::k_schema_version + 1;
    check_error([&] { Register::open_for_run(books.path(), 1000); }, diag::ErrorKind::data,
                "the register was written by a newer honorar (schema " + std::to_string(newer) + ", this one knows " +
                    std::to_string(newer - 1) + ")");
    check_error([&] { Register::open_read_only(books.path(), 1000); }, diag::ErrorKind::data,
                "the register was written by a newer honorar (schema " + std::to_string(newer) + ")");
    CHECK(read_bytes(books.db()) == before);
  }
}
