// bookkeeping::journal: the posting rules of SPEC 10.1, the journal's formats, and the property
// that every voucher balances, over random registers.
#include "bookkeeping/journal.hpp"
#include "bookkeeping/journal_format.hpp"
#include "bookkeeping/sources.hpp"
#include "billing/run.hpp"
#include "register/register.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using bookkeeping::Account;
using bookkeeping::Posting;
using money::Money;
using testutil::day;
using testutil::month;

namespace {

using testutil::env_number;

render::IssuedDocument golden(const std::string& name) {
  std::ifstream in(fs::path(HONORAR_SOURCE_DIR) / "tests" / "golden" / "ubl" / (name + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  return render::document_from_json(render::Json::parse(text.str()));
}

Money m(const char* text) { return *Money::parse(text); }

bookkeeping::Sources of(std::vector<render::IssuedDocument> documents, std::vector<bookkeeping::Reminder> reminders = {},
                        std::vector<bookkeeping::Payment> payments = {}) {
  bookkeeping::Sources s;
  s.documents = std::move(documents);
  s.reminders = std::move(reminders);
  s.payments = std::move(payments);
  return s;
}

books::Accounts chart() {
  books::Accounts a;
  a.debtors = "5600";
  a.sales_exempt = "1010";
  a.sales_vat = "1020";
  a.output_vat = "7200";
  a.outlays = "1030";
  a.bank = "5820";
  a.reminder_fees = "1040";
  a.interest = "8010";
  a.compensation = "1050";
  return a;
}

// "debtors -> sales_exempt 18870.00" for each posting, to compare in one CHECK.
std::string summary(const std::vector<Posting>& postings) {
  std::string out;
  for (const Posting& p : postings)
    out += fmt::format("{} {} {} | {} -> {} {}\n", p.date.to_string(), p.voucher, p.text, bookkeeping::key_of(p.debit),
                       bookkeeping::key_of(p.credit), p.amount.to_string());
  return out;
}

} // namespace

TEST_CASE("bookkeeping::document_postings") {
  SUBCASE("an exempt invoice: debtors to sales_exempt, its total") {
    CHECK(summary(bookkeeping::document_postings(golden("exempt-invoice"))) ==
          "2025-12-01 1 Faktura 1 Aarhus Kommune | debtors -> sales_exempt 18870.00\n");
  }

  SUBCASE("a VAT invoice with an outlay: sales less the outlay, the outlay, the VAT") {
    const render::IssuedDocument doc = golden("outlay-vat");
    const auto postings = bookkeeping::document_postings(doc);
    CHECK(summary(postings) == "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> sales_vat 4022.50\n"
                               "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> outlays 24.00\n"
                               "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> output_vat 1005.63\n");
    Money debtors;
    for (const Posting& p : postings) debtors += p.amount;
    CHECK(debtors == doc.total);
  }

  SUBCASE("a credit note posts negative amounts, as Kreditnota") {
    CHECK(summary(bookkeeping::document_postings(golden("credit-note"))) ==
          "2026-01-04 3 Kreditnota 3 Aarhus Kommune | debtors -> sales_exempt -22455.00\n");
  }

  SUBCASE("a VAT document whose VAT rounds to 0.00 still posts to sales_vat, without a VAT posting") {
    render::IssuedDocument doc = golden("outlay-vat");
    doc.lines.resize(1);
    doc.lines[0].amount = m("0.01");
    billing::Document figures;
    figures.lines = doc.lines;
    billing::settle_document(figures, books::Vat{money::Percent::parse("25")});
    doc.net = figures.net;
    doc.vat = figures.vat;
    doc.total = figures.total;
    REQUIRE(doc.vat.is_zero());
    CHECK(summary(bookkeeping::document_postings(doc)) ==
          "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> sales_vat 0.01\n");
  }

  SUBCASE("0.00 postings are left out: an invoice of outlays only") {
    render::IssuedDocument doc = golden("outlay-vat");
    doc.lines.erase(doc.lines.begin(), doc.lines.begin() + 2);
    doc.net = m("24.00");
    doc.vat = Money();
    doc.total = m("24.00");
    CHECK(summary(bookkeeping::document_postings(doc)) ==
          "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> outlays 24.00\n");
  }
}

TEST_CASE("bookkeeping::payment_postings") {
  SUBCASE("a payment: bank to debtors, voucher B<id>") {
    CHECK(summary(bookkeeping::payment_postings({7, 1001, "Køge Kommune", day("2026-01-20"), m("22770.00")})) ==
          "2026-01-20 B7 Indbetaling faktura 1001 Køge Kommune | bank -> debtors 22770.00\n");
  }
  SUBCASE("a refund: negative") {
    CHECK(summary(bookkeeping::payment_postings({8, 1003, "Familien Dahl", day("2026-02-02"), m("-500.00")})) ==
          "2026-02-02 B8 Indbetaling faktura 1003 Familien Dahl | bank -> debtors -500.00\n");
  }
}

TEST_CASE("bookkeeping::reminder_postings") {
  SUBCASE("fee, interest and compensation, each to its account") {
    CHECK(summary(bookkeeping::reminder_postings(
              {1, 1001, "Køge Kommune", day("2026-01-15"), m("100.00"), m("87.49"), m("310.00")})) ==
          "2026-01-15 R1 Rykker R1 faktura 1001 Køge Kommune | debtors -> reminder_fees 100.00\n"
          "2026-01-15 R1 Rykker R1 faktura 1001 Køge Kommune | debtors -> interest 87.49\n"
          "2026-01-15 R1 Rykker R1 faktura 1001 Køge Kommune | debtors -> compensation 310.00\n");
  }
  SUBCASE("0.00 charges are left out; a reminder that charged nothing has no postings") {
    CHECK(summary(bookkeeping::reminder_postings({2, 1003, "Familien Dahl", day("2026-01-26"), m("100.00"), Money(), Money()})) ==
          "2026-01-26 R2 Rykker R2 faktura 1003 Familien Dahl | debtors -> reminder_fees 100.00\n");
    CHECK(bookkeeping::reminder_postings({3, 1003, "Familien Dahl", day("2026-01-26"), Money(), Money(), Money()}).empty());
  }
}

TEST_CASE("bookkeeping::journal") {
  SUBCASE("one day: documents, then reminders, then payments, each by number") {
    render::IssuedDocument doc = golden("exempt-invoice");
    doc.number = 1009;
    doc.issue_date = day("2026-01-15");
    const auto postings = bookkeeping::journal(
        of({doc},
           {{2, 1001, "Køge Kommune", day("2026-01-15"), m("100.00"), Money(), Money()},
            {1, 1001, "Køge Kommune", day("2026-01-14"), m("100.00"), Money(), Money()}},
           {{5, 1002, "Roskilde Kommune", day("2026-01-15"), m("10.00")},
            {4, 1002, "Roskilde Kommune", day("2026-01-15"), m("20.00")}}));
    CHECK(summary(postings) == "2026-01-14 R1 Rykker R1 faktura 1001 Køge Kommune | debtors -> reminder_fees 100.00\n"
                               "2026-01-15 1009 Faktura 1009 Aarhus Kommune | debtors -> sales_exempt 18870.00\n"
                               "2026-01-15 R2 Rykker R2 faktura 1001 Køge Kommune | debtors -> reminder_fees 100.00\n"
                               "2026-01-15 B4 Indbetaling faktura 1002 Roskilde Kommune | bank -> debtors 20.00\n"
                               "2026-01-15 B5 Indbetaling faktura 1002 Roskilde Kommune | bank -> debtors 10.00\n");
  }

  SUBCASE("by date, then by number, a voucher's postings in their rule's order") {
    render::IssuedDocument late = golden("exempt-invoice");
    late.number = 7;
    late.issue_date = day("2026-01-05");
    render::IssuedDocument b = golden("outlay-vat"); // 1004, 2025-12-01
    render::IssuedDocument a = golden("exempt-invoice");
    a.number = 1003;                                  // same day, lower number
    const bookkeeping::Sources sources = of({late, b, a});
    CHECK(summary(bookkeeping::journal(sources)) ==
          "2025-12-01 1003 Faktura 1003 Aarhus Kommune | debtors -> sales_exempt 18870.00\n"
          "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> sales_vat 4022.50\n"
          "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> outlays 24.00\n"
          "2025-12-01 1004 Faktura 1004 Aarhus Kommune | debtors -> output_vat 1005.63\n"
          "2026-01-05 7 Faktura 7 Aarhus Kommune | debtors -> sales_exempt 18870.00\n");
  }

  SUBCASE("nothing dated in the period: no postings") {
    CHECK(bookkeeping::journal(of({})).empty());
  }
}

TEST_CASE("bookkeeping::missing_accounts") {
  const auto postings = bookkeeping::journal(of({golden("outlay-vat"), golden("exempt-invoice")}));
  SUBCASE("every account the postings use, in [accounts] order") {
    const std::vector<std::string_view> want{"debtors", "sales_exempt", "sales_vat", "output_vat", "outlays"};
    CHECK(bookkeeping::missing_accounts(postings, {}) == want);
  }
  SUBCASE("accounts not used are not asked for") {
    books::Accounts a;
    a.debtors = "5600";
    a.sales_exempt = "1010";
    CHECK(bookkeeping::missing_accounts(bookkeeping::journal(of({golden("exempt-invoice")})), a).empty());
    const std::vector<std::string_view> want{"sales_vat", "output_vat", "outlays"};
    CHECK(bookkeeping::missing_accounts(postings, a) == want);
  }
  SUBCASE("a complete chart") { CHECK(bookkeeping::missing_accounts(postings, chart()).empty()); }
}

TEST_CASE("bookkeeping::journal_csv") {
  render::IssuedDocument doc = golden("outlay-vat");
  doc.payer = "Familien Ibsen; \"Ib\"";
  const auto postings = bookkeeping::journal(of({doc, golden("credit-note")}));
  SUBCASE("Danish: BOM, semicolons, DD-MM-YYYY, decimal comma, empty Momskode") {
    CHECK(bookkeeping::journal_csv(postings, chart(), render::CsvLocale::da) ==
          "\xEF\xBB\xBF"
          "Dato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode\r\n"
          "01-12-2025;1004;\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\";5600;1020;4022,50;\r\n"
          "01-12-2025;1004;\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\";5600;1030;24,00;\r\n"
          "01-12-2025;1004;\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\";5600;7200;1005,63;\r\n"
          "04-01-2026;3;Kreditnota 3 Aarhus Kommune;5600;1010;-22455,00;\r\n");
  }
  SUBCASE("for machines: commas, ISO dates, decimal point") {
    CHECK(bookkeeping::journal_csv(postings, chart(), render::CsvLocale::c) ==
          "date,voucher,text,account,contra_account,amount,vat_code\r\n"
          "2025-12-01,1004,\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\",5600,1020,4022.50,\r\n"
          "2025-12-01,1004,\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\",5600,1030,24.00,\r\n"
          "2025-12-01,1004,\"Faktura 1004 Familien Ibsen; \"\"Ib\"\"\",5600,7200,1005.63,\r\n"
          "2026-01-04,3,Kreditnota 3 Aarhus Kommune,5600,1010,-22455.00,\r\n");
  }
  SUBCASE("no postings: the header alone") {
    CHECK(bookkeeping::journal_csv({}, {}, render::CsvLocale::c) ==
          "date,voucher,text,account,contra_account,amount,vat_code\r\n");
  }
}

TEST_CASE("bookkeeping::journal_json") {
  const auto postings = bookkeeping::journal(of({golden("credit-note")}));
  CHECK(render::dump(bookkeeping::journal_json(month("2026-01"), month("2026-02"), postings, chart())) ==
        R"({
  "from": "2026-01",
  "to": "2026-02",
  "postings": [
    {
      "date": "2026-01-04",
      "voucher": "3",
      "text": "Kreditnota 3 Aarhus Kommune",
      "account": "5600",
      "contra_account": "1010",
      "amount": "-22455.00",
      "vat_code": ""
    }
  ]
}
)");
  CHECK(render::dump(bookkeeping::journal_json(month("2026-01"), month("2026-01"), {}, {})) ==
        "{\n  \"from\": \"2026-01\",\n  \"to\": \"2026-01\",\n  \"postings\": []\n}\n");
}

namespace {

// A random document made from a golden one: random lines (weeks, regulations, expenses,
// outlays; either sign), exempt or under a random VAT rate, its figures settled by the rule the
// monthly run uses (billing::settle_document).
render::IssuedDocument random_document(std::mt19937_64& rng, std::int64_t number, calendar::Date issued) {
  auto between = [&rng](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  render::IssuedDocument doc = golden(between(0, 1) ? "outlay-vat" : "exempt-invoice");
  const billing::Line week = doc.lines.front();
  const billing::Line expense = doc.lines.back();
  doc.lines.clear();
  for (std::int64_t i = between(1, 8); i > 0; --i) {
    billing::Line line = between(0, 2) ? week : expense;
    if (line.type == billing::Line::Type::expense) line.outlay = between(0, 2) == 0;
    line.amount = Money::from_hundredths(between(-500'000, 1'500'000) * (between(0, 9) ? 1 : 0));
    doc.lines.push_back(line);
  }
  std::optional<money::Percent> rate;
  if (between(0, 1)) rate = money::Percent::from_hundredths(between(1, 10'000));
  billing::Document figures;
  figures.lines = doc.lines;
  billing::settle_document(figures, books::Vat{rate});
  doc.vat_rate = rate;
  doc.vat_exemption_note = rate ? std::nullopt : std::optional<std::string>("Momsfritaget");
  doc.kind = figures.kind;
  doc.net = figures.net;
  doc.vat = figures.vat;
  doc.total = figures.total;
  doc.number = number;
  doc.issue_date = issued;
  doc.due_date = issued + 30;
  return doc;
}

} // namespace

TEST_CASE("property: every voucher of the journal balances, over random registers") {
  const std::uint64_t base = env_number("HONORAR_PROPERTY_SEED", 20251206);
  const std::uint64_t cases = 20 * env_number("HONORAR_PROPERTY_CASES", 1);
  for (std::uint64_t n = 0; n < cases; ++n) {
    const std::uint64_t seed = base * 17 + n;
    CAPTURE(seed);
    std::mt19937_64 rng(seed);
    auto between = [&rng](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    // A register of random documents over a few months, recorded as a run records them, and
    // random payments and refunds on them, recorded as `pay` records them.
    testutil::TempDir dir;
    std::map<std::int64_t, render::IssuedDocument> issued;
    std::map<std::int64_t, invoice_register::PaymentRow> paid;
    {
      auto reg = invoice_register::Register::open_for_run(dir.path(), 5000);
      std::vector<invoice_register::StoredDocument> stored;
      calendar::Date date = day("2025-11-01");
      for (std::int64_t number = 1001, count = between(0, 40); number < 1001 + count; ++number) {
        date = date + static_cast<int>(between(0, 9));
        render::IssuedDocument doc = random_document(rng, number, date);
        stored.push_back({number, doc.credit_note() ? "credit-note" : "invoice", doc.contract,
                          calendar::Month::of(date).to_string(), date.to_string(), doc.total.to_string(),
                          render::to_json(doc).dump()});
        issued.emplace(number, std::move(doc));
      }
      billing::Run run;
      run.month = month("2025-11");
      reg->record_run(run, stored, "2025-12-01", "2025-11", {});
      for (std::int64_t i = issued.empty() ? 0 : between(0, 30); i > 0; --i) {
        const auto& [number, doc] = *std::next(issued.begin(), between(0, static_cast<std::int64_t>(issued.size()) - 1));
        invoice_register::PaymentRow p{0, number, doc.contract, (doc.issue_date + static_cast<int>(between(0, 60))).to_string(),
                                       between(-100'000, 2'000'000) * (between(0, 9) ? 1 : 0), "random", "2026-03-01"};
        p.id = reg->record_payment(p);
        paid.emplace(p.id, p);
      }
      reg->commit();
    }
    const calendar::Month from = month("2025-11") + static_cast<int>(between(0, 3));
    const calendar::Month to = from + static_cast<int>(between(0, 3));
    auto reg = invoice_register::Register::open_read_only(dir.path(), 5000);
    REQUIRE(reg);
    bookkeeping::Sources sources = bookkeeping::read_sources(reg.get(), from, to);
    // Reminders (their rows come from the reminders run): random charges, any of them 0.00.
    for (std::int64_t r = 1, count = issued.empty() ? 0 : between(0, 10); r <= count; ++r)
      sources.reminders.push_back({r, issued.begin()->first, "Betaler", from.first_day() + static_cast<int>(between(0, 27)),
                                   Money::from_hundredths(between(0, 1) * 10'000), Money::from_hundredths(between(0, 50'000)),
                                   Money::from_hundredths(between(0, 1) * 31'000)});
    const std::vector<Posting> postings = bookkeeping::journal(sources);

    // Per voucher: Σ debits = Σ credits (each account's balance summed is 0.00); a document's
    // debtors are debited with exactly its total, a payment's bank with its amount, a reminder's
    // debtors with what it charged.
    std::map<std::string, std::map<Account, Money>> balance;
    for (const Posting& p : postings) {
      CHECK_FALSE(p.amount.is_zero());
      balance[p.voucher][p.debit] += p.amount;
      balance[p.voucher][p.credit] -= p.amount;
    }
    auto on = [&balance](const std::string& voucher, Account account) {
      const auto& accounts = balance[voucher];
      const auto it = accounts.find(account);
      return it == accounts.end() ? Money() : it->second;
    };
    for (const auto& [voucher, accounts] : balance) {
      CAPTURE(voucher);
      Money sum;
      for (const auto& [account, amount] : accounts) sum += amount;
      CHECK(sum.is_zero());
    }
    auto in_period = [&](calendar::Date d) { return d >= from.first_day() && d <= to.last_day(); };
    std::size_t documents = 0;
    for (const auto& [number, doc] : issued) {
      CAPTURE(number);
      if (!in_period(doc.issue_date)) {
        CHECK_FALSE(balance.contains(std::to_string(number)));
        continue;
      }
      ++documents;
      CHECK(on(std::to_string(number), Account::debtors) == doc.total);
      CHECK_FALSE(balance[std::to_string(number)].contains(doc.exempt() ? Account::sales_vat : Account::sales_exempt));
    }
    CHECK(sources.documents.size() == documents);
    std::size_t payments = 0;
    for (const auto& [id, p] : paid) {
      const std::string voucher = "B" + std::to_string(id);
      CAPTURE(voucher);
      if (!in_period(*calendar::parse_date(p.date))) {
        CHECK_FALSE(balance.contains(voucher));
        continue;
      }
      ++payments;
      CHECK(on(voucher, Account::bank) == Money::from_hundredths(p.amount));
      CHECK(on(voucher, Account::debtors) == -Money::from_hundredths(p.amount));
    }
    CHECK(sources.payments.size() == payments);
    for (const bookkeeping::Reminder& r : sources.reminders)
      CHECK(on("R" + std::to_string(r.number), Account::debtors) == r.fee + r.interest + r.compensation);
    // The order: by date, then documents, reminders, payments, each by number.
    for (std::size_t i = 1; i < postings.size(); ++i)
      CHECK(std::tie(postings[i - 1].date, postings[i - 1].source, postings[i - 1].number) <=
            std::tie(postings[i].date, postings[i].source, postings[i].number));
  }
}

TEST_CASE("bookkeeping::read_sources") {
  // More documents than one thread parses (they are parsed in parts on several threads).
  testutil::TempDir dir;
  const render::IssuedDocument model = golden("exempt-invoice");
  auto record = [&dir, &model](std::int64_t first, std::int64_t count, const std::string& issued, std::int64_t damaged) {
    auto reg = invoice_register::Register::open_for_run(dir.path(), 5000);
    std::vector<invoice_register::StoredDocument> stored;
    for (std::int64_t n = first; n < first + count; ++n) {
      render::IssuedDocument doc = model;
      doc.number = n;
      doc.issue_date = *calendar::parse_date(issued);
      stored.push_back({n, "invoice", doc.contract, issued.substr(0, 7), issued, doc.total.to_string(),
                        n == damaged ? std::string("{\"kind\": ") : render::to_json(doc).dump()});
    }
    billing::Run run;
    run.month = month(issued.substr(0, 7)) - 1;
    reg->record_run(run, stored, issued, "2025-11", {});
    reg->commit();
  };
  record(1, 4100, "2025-12-01", 0);
  record(4101, 10, "2026-01-01", 0);
  auto reg = invoice_register::Register::open_read_only(dir.path(), 5000);
  REQUIRE(reg);

  SUBCASE("every document of the period, in number order") {
    const bookkeeping::Sources sources = bookkeeping::read_sources(reg.get(), month("2025-12"), month("2025-12"));
    REQUIRE(sources.documents.size() == 4100);
    for (std::size_t i = 0; i < sources.documents.size(); ++i)
      CHECK(sources.documents[i].number == static_cast<std::int64_t>(i + 1));
    CHECK(bookkeeping::read_sources(reg.get(), month("2026-01"), month("2026-02")).documents.size() == 10);
    CHECK(bookkeeping::read_sources(reg.get(), month("2025-10"), month("2025-11")).documents.empty());
  }
  SUBCASE("no register: nothing") {
    CHECK(bookkeeping::read_sources(nullptr, month("2025-12"), month("2025-12")).documents.empty());
  }
  SUBCASE("a damaged document in any part: a data error naming it") {
    reg.reset();
    record(4111, 3000, "2026-02-01", 6000);
    reg = invoice_register::Register::open_read_only(dir.path(), 5000);
    try {
      (void)bookkeeping::read_sources(reg.get(), month("2026-02"), month("2026-02"));
      FAIL("no error");
    } catch (const diag::Error& e) {
      CHECK(e.kind() == diag::ErrorKind::data);
      CHECK(std::string(e.what()).find("document 6000") != std::string::npos);
    }
  }
}
