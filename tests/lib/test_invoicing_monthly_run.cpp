#include "invoicing/monthly_run.hpp"

#include "books/load.hpp"
#include "register/register.hpp"
#include "render/json.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using invoice_register::Connection;
using invoice_register::Register;

namespace {

std::string settings_text(std::string_view from = "2025-11") {
  return R"toml([provider]
name    = "2nd Chance 2020"
cvr     = "38291742"
address = ["Ringstedvej 12", "4000 Roskilde"]
bank    = { reg = "5301", account = "4382917" }

[invoicing]
from          = ")toml" +
         std::string(from) + R"toml("
first_number  = 1001
payment_terms = "30 dage"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
)toml";
}

// 2C-A: November 2025 only, 7.5 hours a week at 525.00 (15750.00 for November).
std::string contract_a(std::string_view payer = "Familien A") {
  return R"toml(id             = "2C-A"
citizen        = "AB"
service        = "Støtte- og kontaktpersonsforløb"
start          = 2025-11-03
end            = 2025-11-30
hours_per_week = 7.5
rate           = 525.00
handleplan     = 2025-10-20

[payer]
kind    = "private"
name    = ")toml" + std::string(payer) +
         R"toml("
address = ["Skolevej 1", "4000 Roskilde"]
)toml";
}

// 2C-B: from 2025-11-03 on, 5 hours a week at 600.00 (12000.00 for November and for December).
constexpr std::string_view k_contract_b = R"toml(id             = "2C-B"
citizen        = "CD"
service        = "Mentorforløb"
start          = 2025-11-03
hours_per_week = 5
rate           = 600.00
handleplan     = 2025-10-20

[payer]
kind      = "municipality"
name      = "Roskilde Kommune"
address   = ["Køgevej 80", "4000 Roskilde"]
ean       = "5798000000001"
reference = "1234"
)toml";

// 2C-A's contact person cancelled all of week 2025-W45: 7.50 hours less to bill.
constexpr std::string_view k_staff_absent_w45 = R"toml([[entry]]
contract = "2C-A"
date     = 2025-11-04
hours    = 7.5
status   = "staff-absent"
)toml";

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A temporary books directory with honorar.toml and contracts 2C-A and 2C-B, removed at the end.
class TempBooks {
public:
  TempBooks() {
    write("honorar.toml", settings_text());
    write("contracts/a.toml", contract_a());
    write("contracts/b.toml", k_contract_b);
  }
  const fs::path& root() const { return m_dir.path(); }
  fs::path path(std::string_view rel) const { return root() / rel; }
  bool exists(std::string_view rel) const { return fs::exists(root() / rel); }
  std::string read(std::string_view rel) const { return read_bytes(root() / rel); }

  void write(std::string_view rel, std::string_view text) const { m_dir.write(rel, text); }

  books::Books load() const {
    diag::Diagnostics diags;
    books::Books b = books::load_books(root(), diags);
    std::string problems;
    for (const diag::Diagnostic& d : diags.items()) problems += d.to_string() + "\n";
    REQUIRE_MESSAGE(!diags.has_errors(), "the test books do not load:\n", problems);
    return b;
  }

private:
  testutil::TempDir m_dir{"honorar-test-invoicing"};
};

invoicing::Outcome invoice(const books::Books& b, std::string_view month, std::string_view today,
                           bool dry_run = false, std::vector<std::string> only = {}) {
  invoicing::Request request;
  request.month = *calendar::parse_month(month);
  request.today = *calendar::parse_date(today);
  request.only = std::move(only);
  request.dry_run = dry_run;
  request.busy_timeout_ms = 1000;
  return invoicing::invoice_month(b, request);
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

// "number kind contract total", one per document of the run's JSON.
std::string documents_text(const render::Json& run) {
  std::string out;
  for (const render::Json& d : run["documents"]) {
    out += (d["number"].is_null() ? std::string("null") : std::to_string(d["number"].get<long long>())) + " " +
           d["kind"].get<std::string>() + " " + d["contract"].get<std::string>() + " " +
           d["total"].get<std::string>() + "\n";
  }
  return out;
}

// The same for the register.
std::string register_text(const fs::path& root) {
  auto reg = Register::open_read_only(root, 1000);
  if (!reg) return "no register\n";
  std::string out;
  for (const auto& d : reg->documents())
    out += std::to_string(d.number) + " " + d.kind + " " + d.contract + " " + d.month + " " + d.issue_date + " " +
           d.total + "\n";
  return out;
}

// The JSON and text files a run wrote (the formats [documents] adds are render/'s business).
std::string written_text(const invoicing::Outcome& outcome, const fs::path& root) {
  std::string out;
  for (const fs::path& p : outcome.written)
    if (p.extension() == ".json" || p.extension() == ".txt") out += p.lexically_relative(root).generic_string() + "\n";
  return out;
}

std::int64_t count_runs(const fs::path& root) {
  Connection c(root / "honorar.db", Connection::Mode::read_only, 1000);
  auto s = c.prepare("SELECT count(*) FROM runs");
  REQUIRE(s.step());
  return s.int64(0);
}

} // namespace

TEST_CASE("invoicing::invoice_month") {
  TempBooks books;

  SUBCASE("a real run registers every document and writes its files") {
    const invoicing::Outcome outcome = invoice(books.load(), "2025-11", "2025-12-01");
    CHECK(outcome.documents == 2);
    CHECK(render::run_json(outcome.run)["month"] == "2025-11");
    CHECK(documents_text(render::run_json(outcome.run)) == "1001 invoice 2C-A 15750.00\n1002 invoice 2C-B 12000.00\n");
    CHECK(render::run_json(outcome.run)["total"] == "27750.00");
    CHECK(books.exists("honorar.db"));
    CHECK(written_text(outcome, books.root()) == "invoices/2025/1001.json\ninvoices/2025/1001.txt\n"
                                                 "invoices/2025/1002.json\ninvoices/2025/1002.txt\n");
    CHECK(books.read("invoices/2025/1001.json") == render::dump(render::run_json(outcome.run)["documents"][0]));
    CHECK(books.read("invoices/2025/1002.json") == render::dump(render::run_json(outcome.run)["documents"][1]));
    const render::Json first = render::run_json(outcome.run)["documents"][0];
    CHECK(first["issue_date"] == "2025-12-01");
    CHECK(first["due_date"] == "2025-12-31");
    CHECK(first["payer"] == "Familien A");
    CHECK(first["lines"].size() == 4);
  }

  SUBCASE("the register returns each document's canonical JSON") {
    const invoicing::Outcome outcome = invoice(books.load(), "2025-11", "2025-12-01");
    CHECK(register_text(books.root()) == "1001 invoice 2C-A 2025-11 2025-12-01 15750.00\n"
                                         "1002 invoice 2C-B 2025-11 2025-12-01 12000.00\n");
    auto reg = Register::open_read_only(books.root(), 1000);
    REQUIRE(reg != nullptr);
    const auto documents = reg->documents();
    REQUIRE(documents.size() == 2);
    CHECK(documents[0].json == render::run_json(outcome.run)["documents"][0].dump());
    CHECK(documents[1].json == render::run_json(outcome.run)["documents"][1].dump());
    const auto second = reg->document(1002);
    REQUIRE(second.has_value());
    CHECK(second->json == render::run_json(outcome.run)["documents"][1].dump());
    CHECK(render::dump(render::Json::parse(second->json)) == books.read("invoices/2025/1002.json"));
    CHECK_FALSE(reg->document(1003).has_value());
  }

  SUBCASE("the register's schema is the current one (4: payments, statements, reminders, document accounts; deliveries)") {
    invoice(books.load(), "2025-11", "2025-12-01");
    Connection c(books.path("honorar.db"), Connection::Mode::read_only, 1000);
    auto s = c.prepare("PRAGMA user_version");
    REQUIRE(s.step());
    CHECK(s.int64(0) == invoice_register::k_schema_version);
    CHECK(s.int64(0) == 4);
    // Every document has its account row, from its JSON as issued.
    auto a = c.prepare("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents d JOIN "
                       "document_accounts a ON a.number = d.number WHERE a.due_date = json_extract(d.json, '$.due_date') "
                       "AND a.payer = json_extract(d.json, '$.payer') AND a.payer_kind <> '')");
    REQUIRE(a.step());
    CHECK(a.int64(0) > 0);
    CHECK(a.int64(1) == a.int64(0));
  }

  SUBCASE("a repeated run bills nothing, and is recorded") {
    invoice(books.load(), "2025-11", "2025-12-01");
    const invoicing::Outcome again = invoice(books.load(), "2025-11", "2025-12-02");
    CHECK(again.documents == 0);
    CHECK(documents_text(render::run_json(again.run)) == "");
    CHECK(render::run_json(again.run)["total"] == "0.00");
    CHECK(again.written.empty());
    CHECK(register_text(books.root()) == "1001 invoice 2C-A 2025-11 2025-12-01 15750.00\n"
                                         "1002 invoice 2C-B 2025-11 2025-12-01 12000.00\n");
    CHECK(count_runs(books.root()) == 2);
  }

  SUBCASE("numbers are consecutive and shared by invoices and credit notes, in contract-id order") {
    invoice(books.load(), "2025-11", "2025-12-01");
    books.write("timelog/late.toml", k_staff_absent_w45);
    const invoicing::Outcome december = invoice(books.load(), "2025-12", "2026-01-01");
    CHECK(documents_text(render::run_json(december.run)) == "1003 credit-note 2C-A -3937.50\n1004 invoice 2C-B 12000.00\n");
    CHECK(render::run_json(december.run)["total"] == "8062.50");
    CHECK(written_text(december, books.root()) == "invoices/2026/1003.json\ninvoices/2026/1003.txt\n"
                                                  "invoices/2026/1004.json\ninvoices/2026/1004.txt\n");
    CHECK(register_text(books.root()) == "1001 invoice 2C-A 2025-11 2025-12-01 15750.00\n"
                                         "1002 invoice 2C-B 2025-11 2025-12-01 12000.00\n"
                                         "1003 credit-note 2C-A 2025-12 2026-01-01 -3937.50\n"
                                         "1004 invoice 2C-B 2025-12 2026-01-01 12000.00\n");
    const render::Json credit = render::Json::parse(books.read("invoices/2026/1003.json"));
    REQUIRE(credit["lines"].size() == 1);
    CHECK(credit["lines"][0]["type"] == "regulation");
    CHECK(credit["lines"][0]["week"] == "2025-W45");
    CHECK(credit["lines"][0]["hours"] == "-7.50");
    CHECK(credit["lines"][0]["amount"] == "-3937.50");
  }

  SUBCASE("a real run for a month that is not over is refused") {
    const books::Books b = books.load();
    check_error([&] { invoice(b, "2025-11", "2025-11-30"); }, diag::ErrorKind::data,
                "2025-11 is not over until 2025-11-30: a real run must wait (use --dry-run to preview)");
    CHECK_FALSE(books.exists("honorar.db"));
    CHECK_FALSE(books.exists("invoices"));
  }

  SUBCASE("a dry run writes nothing, even before the month is over") {
    const invoicing::Outcome dry = invoice(books.load(), "2025-11", "2025-11-20", true);
    CHECK(dry.documents == 2);
    CHECK(documents_text(render::run_json(dry.run)) == "null invoice 2C-A 15750.00\nnull invoice 2C-B 12000.00\n");
    CHECK(render::run_json(dry.run)["documents"][0]["issue_date"] == "2025-11-20");
    CHECK(dry.written.empty());
    CHECK_FALSE(books.exists("honorar.db"));
    CHECK_FALSE(books.exists("invoices"));
  }

  SUBCASE("a dry run after a real run changes nothing") {
    invoice(books.load(), "2025-11", "2025-12-01");
    const std::string before = books.read("honorar.db");
    const invoicing::Outcome dry = invoice(books.load(), "2025-12", "2025-12-15", true);
    CHECK(documents_text(render::run_json(dry.run)) == "null invoice 2C-B 12000.00\n"); // all of December, finished or not
    CHECK(books.read("honorar.db") == before);
    CHECK_FALSE(books.exists("invoices/2025/1003.json"));
    const invoicing::Outcome real = invoice(books.load(), "2025-12", "2026-01-01");
    CHECK(documents_text(render::run_json(real.run)) == "1003 invoice 2C-B 12000.00\n");
  }

  SUBCASE("a correction names the documents that billed what it corrects, of any month before") {
    invoice(books.load(), "2025-11", "2025-12-01"); // 1001 2C-A, 1002 2C-B (November)
    invoice(books.load(), "2025-12", "2026-01-01"); // 1003 2C-B (December)
    invoice(books.load(), "2026-01", "2026-02-01"); // 1004 2C-B (January)
    // Late: 2C-B's contact person was away in week 2025-W45 (billed by 1002) and 2025-W50 (by
    // 1003); January's document is not corrected.
    books.write("timelog/late.toml", R"toml([[entry]]
contract = "2C-B"
date     = 2025-11-05
hours    = 2
status   = "staff-absent"

[[entry]]
contract = "2C-B"
date     = 2025-12-10
hours    = 1
status   = "staff-absent"
)toml");
    for (const bool dry : {true, false}) {
      const render::Json run = render::run_json(invoice(books.load(), "2026-02", "2026-03-01", dry).run);
      REQUIRE(run["documents"].size() == 1);
      const render::Json& doc = run["documents"][0];
      CHECK(doc["contract"] == "2C-B");
      CHECK(doc["corrects"] == render::Json::array({1002, 1003}));
    }
  }

  SUBCASE("a month earlier than the latest month run is refused, dry or real") {
    invoice(books.load(), "2025-11", "2025-12-01");
    invoice(books.load(), "2025-12", "2026-01-01");
    const books::Books b = books.load();
    const std::string before = books.read("honorar.db");
    const std::string message =
        "2025-11 is before 2025-12, the latest month already run: runs go forward (re-run 2025-12 to settle changes)";
    check_error([&] { invoice(b, "2025-11", "2026-01-05"); }, diag::ErrorKind::data, message);
    check_error([&] { invoice(b, "2025-11", "2026-01-05", true); }, diag::ErrorKind::data, message);
    CHECK(books.read("honorar.db") == before);
    const invoicing::Outcome latest_again = invoice(b, "2025-12", "2026-01-05");
    CHECK(latest_again.documents == 0);
  }

  SUBCASE("[invoicing] from cannot change once the register exists") {
    invoice(books.load(), "2025-11", "2025-12-01");
    books.write("honorar.toml", settings_text("2025-12"));
    const books::Books b = books.load();
    const std::string before = books.read("honorar.db");
    const std::string message = "[invoicing] from is 2025-12 in honorar.toml but 2025-11 in the register: it cannot "
                                "change once invoices are issued";
    check_error([&] { invoice(b, "2025-12", "2026-01-01"); }, diag::ErrorKind::data, message);
    check_error([&] { invoice(b, "2025-12", "2026-01-01", true); }, diag::ErrorKind::data, message);
    CHECK(books.read("honorar.db") == before);
  }

  SUBCASE("a deleted document file is re-rendered byte for byte, whatever the books say now") {
    invoice(books.load(), "2025-11", "2025-12-01");
    const std::string json = books.read("invoices/2025/1001.json");
    const std::string text = books.read("invoices/2025/1001.txt");
    const std::string other_text = books.read("invoices/2025/1002.txt");
    fs::remove(books.path("invoices/2025/1001.json"));
    fs::remove(books.path("invoices/2025/1001.txt"));
    fs::remove(books.path("invoices/2025/1002.txt"));
    books.write("contracts/a.toml", contract_a("Familien Andersen"));
    const invoicing::Outcome again = invoice(books.load(), "2025-11", "2025-12-05");
    CHECK(again.documents == 0);
    CHECK(written_text(again, books.root()) ==
          "invoices/2025/1001.json\ninvoices/2025/1001.txt\ninvoices/2025/1002.txt\n");
    CHECK(books.read("invoices/2025/1001.json") == json);
    CHECK(books.read("invoices/2025/1001.txt") == text);
    CHECK(books.read("invoices/2025/1002.txt") == other_text);
    CHECK(render::Json::parse(json)["payer"] == "Familien A");
  }

  SUBCASE("--contract bills only the named contracts, and the run's month is recorded") {
    const invoicing::Outcome only_b = invoice(books.load(), "2025-12", "2026-01-01", false, {"2C-B"});
    CHECK(documents_text(render::run_json(only_b.run)) == "1001 invoice 2C-B 24000.00\n"); // November and December
    check_error([&] { invoice(books.load(), "2025-11", "2026-01-02"); }, diag::ErrorKind::data,
                "2025-11 is before 2025-12, the latest month already run: runs go forward (re-run 2025-12 to settle "
                "changes)");
    const invoicing::Outcome rest = invoice(books.load(), "2025-12", "2026-01-02");
    CHECK(documents_text(render::run_json(rest.run)) == "1002 invoice 2C-A 15750.00\n");
  }

  SUBCASE("an unknown --contract is a usage error") {
    const books::Books b = books.load();
    check_error([&] { invoice(b, "2025-11", "2025-12-01", false, {"2C-X"}); }, diag::ErrorKind::usage,
                "--contract 2C-X: no such contract in the books");
    CHECK_FALSE(books.exists("honorar.db"));
  }

  SUBCASE("a foreign SQLite file is a data error and left untouched") {
    {
      Connection c(books.path("honorar.db"), Connection::Mode::read_write_create, 1000);
      c.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');");
    }
    const std::string before = books.read("honorar.db");
    const books::Books b = books.load();
    const std::string message = "honorar.db is an SQLite file but not a honorar register";
    check_error([&] { invoice(b, "2025-11", "2025-12-01"); }, diag::ErrorKind::data, message);
    check_error([&] { invoice(b, "2025-11", "2025-12-01", true); }, diag::ErrorKind::data, message);
    CHECK(books.read("honorar.db") == before);
    CHECK_FALSE(books.exists("honorar.db-journal"));
    CHECK_FALSE(books.exists("invoices"));
  }

  SUBCASE("a file that is not SQLite at all is a data error and left untouched") {
    const std::string text = "honorar.db: my own notes, certainly not an invoice register.\n";
    books.write("honorar.db", text);
    const books::Books b = books.load();
    const std::string message =
        books.path("honorar.db").string() + " is not a valid honorar register (file left untouched)";
    check_error([&] { invoice(b, "2025-11", "2025-12-01"); }, diag::ErrorKind::data, message);
    check_error([&] { invoice(b, "2025-11", "2025-12-01", true); }, diag::ErrorKind::data, message);
    CHECK(books.read("honorar.db") == text);
    CHECK_FALSE(books.exists("honorar.db-journal"));
    CHECK_FALSE(books.exists("invoices"));
  }
}
