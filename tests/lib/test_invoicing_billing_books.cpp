// The monthly run from the caches (invoicing::load_billing_books: the time-log cache, the books
// cache of week figures, the register summary) must bill and warn exactly as a run from scratch
// (books::load_books, billing::check_books, invoicing::invoice_month with nothing cached). Issue 19:
// a property test that changes one random input at a time -- an entry, a term, a suspension, a
// late expense -- and compares, on books written to disk with a register made by real runs.
#include "billing/books_cache.hpp"
#include "billing/checks.hpp"
#include "books/load.hpp"
#include "invoicing/billing_books.hpp"
#include "invoicing/monthly_run.hpp"
#include "invoicing/register_checks.hpp"
#include "render/json.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using testutil::day;

namespace {

using testutil::env_number;
using testutil::Random;

constexpr std::string_view k_settings = R"([provider]
name = "2nd Chance 2020"
cvr = "38291742"
address = ["Ringstedvej 12", "4000 Roskilde"]
bank = { reg = "5301", account = "4382917" }

[invoicing]
from = "2025-02"
first_number = 100
vat = "exempt"
vat_exemption_note = "Momsfritaget"

[documents]
municipality = []
private = []
)";

struct Term {
  Date from;
  std::int64_t hours; // hundredths per week
  std::int64_t rate;  // øre
};
struct Suspension {
  Date from;
  Date to;
  bool billed;
};
struct ContractSpec {
  std::string id;
  Date start;
  bool absence_billed = true;
  std::vector<Term> terms;
  std::vector<Suspension> suspensions;
};
struct EntrySpec {
  int contract;
  Date date;
  std::int64_t hours; // hundredths
  int status;         // 0 delivered, 1 citizen-absent, 2 staff-absent
};
struct ExpenseSpec {
  int contract;
  Date date;
  std::int64_t amount;
  std::string text;
};

std::string fixed2(std::int64_t h) { return fmt::format("{}.{:02}", h / 100, h % 100); }

std::string contract_toml(const ContractSpec& c) {
  std::string t = fmt::format("id = \"{}\"\ncitizen = \"AB\"\nservice = \"Støtte\"\nstart = {}\n"
                              "hours_per_week = {}\nrate = {}\nabsence_billed = {}\n\n"
                              "[payer]\nkind = \"private\"\nname = \"Familien {}\"\naddress = [\"Skolevej 1\", \"4000 Roskilde\"]\n",
                              c.id, c.start.to_string(), fixed2(c.terms[0].hours), fixed2(c.terms[0].rate),
                              c.absence_billed ? "true" : "false", c.id);
  for (std::size_t i = 1; i < c.terms.size(); ++i)
    t += fmt::format("\n[[terms]]\nfrom = {}\nhours_per_week = {}\nrate = {}\n", c.terms[i].from.to_string(),
                     fixed2(c.terms[i].hours), fixed2(c.terms[i].rate));
  for (const Suspension& s : c.suspensions)
    t += fmt::format("\n[[suspension]]\nfrom = {}\nto = {}\nbilled = {}\n", s.from.to_string(), s.to.to_string(),
                     s.billed ? "true" : "false");
  t += "\n[expenses]\nagreed = true\n";
  return t;
}

const char* const k_status[] = {"delivered", "citizen-absent", "staff-absent"};

struct Books {
  std::vector<ContractSpec> contracts;
  std::vector<EntrySpec> entries;
  std::vector<ExpenseSpec> expenses;

  // The time log of one month: entries and expenses dated in it, in the order they were added.
  std::string month_toml(Month m) const {
    std::string t = "# " + m.to_string() + "\n";
    for (const EntrySpec& e : entries)
      if (Month::of(e.date) == m)
        t += fmt::format("\n[[entry]]\ncontract = \"{}\"\ndate = {}\nhours = {}\nstatus = \"{}\"\n",
                         contracts[static_cast<std::size_t>(e.contract)].id, e.date.to_string(), fixed2(e.hours),
                         k_status[e.status]);
    for (const ExpenseSpec& x : expenses)
      if (Month::of(x.date) == m)
        t += fmt::format("\n[[expense]]\ncontract = \"{}\"\ndate = {}\namount = {}\ntext = \"{}\"\n",
                         contracts[static_cast<std::size_t>(x.contract)].id, x.date.to_string(), fixed2(x.amount), x.text);
    return t;
  }

  // Writes what differs from the disk (so that unchanged files stay settled, as in real use).
  void write(const fs::path& root) const {
    auto put = [](const fs::path& p, const std::string& text) {
      std::error_code ec;
      if (fs::exists(p, ec)) {
        std::ifstream in(p, std::ios::binary);
        const std::string now{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (now == text) return;
      }
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    };
    put(root / "honorar.toml", std::string(k_settings));
    for (const ContractSpec& c : contracts) put(root / "contracts" / (c.id + ".toml"), contract_toml(c));
    for (Month m = Month::of(day(2025, 1, 1)); m <= Month::of(day(2025, 12, 1)); m = m + 1)
      put(root / "timelog" / fmt::format("2025/{:02}.toml", m.month()), month_toml(m));
  }
};

// The hours of a contract's entries on a day (books keep them within 24, SPEC 5).
std::int64_t day_total(const Books& b, int contract, Date date) {
  std::int64_t sum = 0;
  for (const EntrySpec& e : b.entries)
    if (e.contract == contract && e.date == date) sum += e.hours;
  return sum;
}

void add_entry(Books& b, const EntrySpec& e) {
  if (day_total(b, e.contract, e.date) + e.hours <= 2400) b.entries.push_back(e);
}

Books random_books(Random& r) {
  Books b;
  const int n = static_cast<int>(r.between(2, 5));
  for (int i = 0; i < n; ++i) {
    ContractSpec c;
    c.id = fmt::format("K-{:02}", i);
    c.start = day(2025, 1, 6) + static_cast<int>(r.between(0, 60));
    c.absence_billed = r.chance(70);
    c.terms.push_back({c.start, r.between(2, 30) * 25, r.between(400, 600) * 100 + (r.chance(30) ? r.between(1, 99) : 0)});
    if (r.chance(40)) c.terms.push_back({c.start + static_cast<int>(r.between(20, 150)), c.terms[0].hours, c.terms[0].rate + 1500});
    if (r.chance(40)) {
      const Date from = c.start + static_cast<int>(r.between(10, 150));
      c.suspensions.push_back({from, from + static_cast<int>(r.between(0, 20)), r.chance(40)});
    }
    b.contracts.push_back(c);
  }
  for (int i = 0; i < n; ++i)
    for (int k = static_cast<int>(r.between(20, 120)); k > 0; --k)
      add_entry(b, {i, b.contracts[static_cast<std::size_t>(i)].start + static_cast<int>(r.between(0, 280)),
                    r.between(1, 40) * 25, static_cast<int>(r.chance(80) ? 0 : r.between(1, 2))});
  for (int k = static_cast<int>(r.between(0, 8)); k > 0; --k) {
    const int i = static_cast<int>(r.between(0, n - 1));
    b.expenses.push_back({i, b.contracts[static_cast<std::size_t>(i)].start + static_cast<int>(r.between(0, 250)),
                          r.between(100, 30000), "Bus"});
  }
  return b;
}

// One random change of one input, as a provider makes them: an entry (its hours, a late one, one
// removed), a term (a retroactive rate, a new term), a suspension, a late expense.
std::string random_edit(Random& r, Books& b) {
  const auto ci = static_cast<int>(r.between(0, static_cast<std::int64_t>(b.contracts.size()) - 1));
  ContractSpec& c = b.contracts[static_cast<std::size_t>(ci)];
  switch (r.between(0, 6)) {
  case 0: {
    EntrySpec& e = b.entries[static_cast<std::size_t>(r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1))];
    const std::int64_t hours = r.between(1, 40) * 25;
    if (day_total(b, e.contract, e.date) - e.hours + hours <= 2400) e.hours = hours;
    e.status = static_cast<int>(r.between(0, 2));
    return "entry changed";
  }
  case 1:
    add_entry(b, {ci, c.start + static_cast<int>(r.between(0, 250)), r.between(1, 20) * 25,
                  static_cast<int>(r.between(0, 2))});
    return "late entry";
  case 2:
    if (b.entries.size() > 1)
      b.entries.erase(b.entries.begin() + r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1));
    return "entry removed";
  case 3:
    c.terms.back().rate += r.between(1, 30) * 100;
    return "rate changed";
  case 4: {
    const Date from = c.terms.back().from + static_cast<int>(r.between(1, 100));
    c.terms.push_back({from, r.between(2, 30) * 25, c.terms.back().rate});
    return "new term";
  }
  case 5:
    if (c.suspensions.empty()) {
      const Date from = c.start + static_cast<int>(r.between(10, 200));
      c.suspensions.push_back({from, from + static_cast<int>(r.between(0, 25)), r.chance(50)});
    } else {
      c.suspensions.back().to = c.suspensions.back().to + static_cast<int>(r.between(1, 10));
      c.suspensions.back().billed = !c.suspensions.back().billed;
    }
    return "suspension";
  default:
    b.expenses.push_back({ci, c.start + static_cast<int>(r.between(0, 200)), r.between(100, 30000), "Café"});
    return "late expense";
  }
}

std::string errors(diag::Diagnostics& diags) {
  diags.sort();
  std::string out;
  for (const diag::Diagnostic& d : diags.items())
    if (d.severity == diag::Severity::error) out += d.to_string() + "\n";
  return out;
}

struct Outcome {
  std::string json;
  std::size_t warnings = 0;
  bool from_books_cache = false;
  bool unsettled_only = false; // from the unsettled part's cache (invoicing/unsettled.hpp)
};

// The run as the CLI makes it from the caches (cmd_invoice.cpp, cli::with_billing_books).
Outcome cached_run(const fs::path& root, const fs::path& cache, Month month, Date today, bool real = false) {
  const IsoWeek horizon = std::max(IsoWeek::of(month.last_day()), IsoWeek::of(Month::of(today).last_day()));
  for (bool use_books_cache : {true, false}) {
    diag::Diagnostics diags;
    invoicing::BillingLoadOptions options;
    options.load.cache_file = cache;
    options.load.settle_ns = 0;
    options.load.threads = 1;
    options.use_books_cache = use_books_cache;
    options.unsettled_suffices = use_books_cache && !real; // as cli::with_billing_books
    options.busy_timeout_ms = 1000;
    options.horizon = horizon;
    auto b = invoicing::load_billing_books(root, diags, options);
    REQUIRE_MESSAGE(!diags.has_errors(), errors(diags));
    std::size_t static_warnings = 0;
    const std::size_t warnings = diags.warning_count() + invoicing::count_check_warnings(*b, today, static_warnings);
    invoicing::Request request{month, today, {}, !real, 1000, b->from_books_cache ? nullptr : &b->entries, &b->weeks,
                               b->register_summary};
    try {
      const invoicing::Outcome out = invoicing::invoice_month(b->books, request);
      invoicing::finish_caches(*b, static_warnings);
      return {render::dump(render::run_json(out.run)), warnings, b->from_books_cache, b->unsettled_only};
    } catch (const billing::NeedsEntries&) {
      REQUIRE(use_books_cache);
    }
  }
  FAIL("unreachable");
  return {};
}

// The run from scratch: nothing cached, every week computed from the entries.
Outcome scratch_run(const fs::path& root, Month month, Date today, bool real = false) {
  diag::Diagnostics diags;
  books::LoadOptions options;
  options.threads = 1;
  const books::Books b = books::load_books(root, diags, options);
  if (!diags.has_errors()) invoicing::check_billed_contracts(b, 1000, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), errors(diags));
  const auto billed = invoicing::registered_billed_state(root, 1000);
  billing::check_books(b, today, diags, {billed ? &*billed : nullptr, false});
  const invoicing::Outcome out = invoicing::invoice_month(b, {month, today, {}, !real, 1000});
  return {render::dump(render::run_json(out.run)), diags.warning_count(), false};
}

} // namespace

TEST_CASE("property: a run from the caches bills and warns exactly as a run from scratch, input by input") {
  const std::uint64_t base = env_number("HONORAR_PROPERTY_SEED", 20261206);
  const std::uint64_t cases = 8 * env_number("HONORAR_PROPERTY_CASES", 1);
  std::size_t from_cache = 0;
  std::size_t unsettled_only = 0;
  for (std::uint64_t n = 0; n < cases; ++n) {
    const std::uint64_t seed = base + n;
    CAPTURE(seed);
    Random r(seed);
    testutil::TempDir dir;
    const fs::path root = dir.path() / "books";
    const fs::path cache = dir.path() / "cache" / "books.cache";
    Books b = random_books(r);
    b.write(root);
    // The register: a real run of the months so far (a catch-up), as the warm runs will find it.
    const Outcome first = cached_run(root, cache, Month::of(day(2025, 6, 1)), day(2025, 7, 1), true);
    const Month month = Month::of(day(2025, 9, 1));
    const Date today = day(2025, 10, 2);
    for (int step = 0; step < 15; ++step) {
      const std::string edit = step == 0 ? "none" : random_edit(r, b);
      CAPTURE(step);
      CAPTURE(edit);
      b.write(root);
      const Outcome scratch = scratch_run(root, month, today);
      const Outcome warm = cached_run(root, cache, month, today);     // what changed computed again
      const Outcome warmer = cached_run(root, cache, month, today);   // nothing changed since
      CHECK(warm.json == scratch.json);
      CHECK(warm.warnings == scratch.warnings);
      CHECK(warmer.json == scratch.json);
      CHECK(warmer.warnings == scratch.warnings);
      from_cache += warmer.from_books_cache ? 1 : 0;
      // The third run finds the unsettled part the second kept: the part of the weeks and the
      // register that is not billed as it is now.
      const Outcome warmest = cached_run(root, cache, month, today);
      CHECK(warmest.json == scratch.json);
      CHECK(warmest.warnings == scratch.warnings);
      unsettled_only += warmest.unsettled_only ? 1 : 0;
      if (step % 5 == 4) { // the register moves on too: a real run of the month, then compared again
        const Outcome real_scratch = scratch_run(root, month, today);
        const Outcome real = cached_run(root, cache, month, today, true);
        CHECK(real.json.size() > 0);
        (void)real_scratch;
        CHECK(cached_run(root, cache, month, today).json == scratch_run(root, month, today).json);
      }
    }
    (void)first;
  }
  // The cases went through the books cache and the unsettled part, not only past them.
  CHECK(from_cache > cases * 6);
  CHECK(unsettled_only > cases * 6);
}

TEST_CASE("the books cache: damaged or foreign files are misses, a changed contract recomputes its weeks") {
  testutil::TempDir dir;
  const fs::path root = dir.path() / "books";
  const fs::path cache = dir.path() / "cache" / "books.cache";
  Random r(7);
  Books b = random_books(r);
  b.write(root);
  const Month month = Month::of(day(2025, 9, 1));
  const Date today = day(2025, 10, 2);
  const Outcome scratch = scratch_run(root, month, today);
  CHECK_FALSE(cached_run(root, cache, month, today).from_books_cache);
  CHECK(cached_run(root, cache, month, today).from_books_cache);
  const fs::path weeks = billing::books_cache_file(cache);
  REQUIRE(fs::exists(weeks));
  // One byte changed: the checksum fails, the run reads the time logs.
  {
    std::fstream f(weeks, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(weeks) / 2));
    f.put('\x5a');
  }
  const Outcome after_damage = cached_run(root, cache, month, today);
  CHECK_FALSE(after_damage.from_books_cache);
  CHECK(after_damage.json == scratch.json);
  // Truncated.
  fs::resize_file(weeks, fs::file_size(weeks) / 3);
  CHECK(cached_run(root, cache, month, today).json == scratch.json);
  CHECK(cached_run(root, cache, month, today).from_books_cache);
  // A contract changed: its weeks are computed again, the others reused.
  b.contracts[0].terms[0].rate += 100;
  b.write(root);
  const Outcome changed = cached_run(root, cache, month, today);
  CHECK_FALSE(changed.from_books_cache);
  CHECK(changed.json == scratch_run(root, month, today).json);
  CHECK(changed.json != scratch.json);
  // HONORAR_CACHE=off: no cache file at all.
  diag::Diagnostics diags;
  invoicing::BillingLoadOptions off;
  off.horizon = IsoWeek::of(month.last_day());
  auto nocache = invoicing::load_billing_books(root, diags, off);
  CHECK_FALSE(nocache->from_books_cache);
  CHECK_FALSE(nocache->books_cache_file.has_value());
}
