// Property tests of the billing rules and the run diff (SPEC §2, §3) on random contracts and logs.
//
// Reproducible: every case draws from std::mt19937_64 seeded with a fixed seed plus the case's
// number; a failure names the seed (CAPTURE). HONORAR_PROPERTY_SEED=N runs with another base
// seed, HONORAR_PROPERTY_CASES=N with more cases, to explore; the defaults keep the suite quick.
//
//   * a week's parts: Σ B_p = B exactly, and Σ of the rounded part hours = B within the rounding
//     (½ hundredth per part);
//   * B ≤ A; B = A when there is no staff absence and absence is billed; O = max(0, D − A_n);
//   * the register never drifts: after any sequence of log edits (entries added, removed,
//     changed; expenses added and removed; retroactive rate changes) and runs (forward, re-runs of
//     the latest month), the lines of all runs add up, per (week, rate), to exactly the current
//     rounded billable hours of every invoiced week, and the expenses to exactly the current
//     expenses; with whole-krone rates the documents' totals add up to exactly the current
//     billable amounts (with øre rates each regulation line may round its amount on its own: the
//     sum then stays within ½ øre per line, SPEC 2.7);
//   * through invoicing::invoice_month on books on disk: numbers are gapless from first_number,
//     and the register's documents add up to the current billable amounts.
#include "billing/run.hpp"
#include "billing/week.hpp"
#include "books/load.hpp"
#include "invoicing/monthly_run.hpp"
#include "register/register.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using billing::BilledExpenseKey;
using billing::BilledState;
using billing::BilledWeekKey;
using books::EntryStatus;
using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using money::Hours;
using money::Money;
using money::Rational;
using testutil::day;

namespace {

using testutil::env_number;
using testutil::Random;

const std::uint64_t k_base_seed = env_number("HONORAR_PROPERTY_SEED", 20251123);
const std::uint64_t k_cases = env_number("HONORAR_PROPERTY_CASES", 1);

// A rate: whole kroner (amounts exact) or with øre (amounts may round per line).
Money random_rate(Random& r, bool whole_kroner) {
  const std::int64_t kroner = r.between(300, 900);
  return Money::from_hundredths(kroner * 100 + (whole_kroner ? 0 : r.between(0, 99)));
}

Hours random_weekly_hours(Random& r) {
  // Mostly ordinary courses, sometimes odd ones (an hour a week, 2 decimals, 168).
  if (r.chance(10)) return Hours::from_hundredths(r.between(1, 16800));
  return Hours::from_hundredths(r.between(1, 40) * 25);
}

books::Contract random_contract(Random& r, std::string id, Date earliest, bool whole_kroner) {
  books::Contract c;
  c.id = std::move(id);
  c.citizen = "AB";
  c.service = "Støtte- og kontaktpersonsforløb";
  c.start = earliest + static_cast<int>(r.between(0, 60));
  if (r.chance(40)) c.end = c.start + static_cast<int>(r.between(0, 200));
  c.absence_billed = r.chance(70);
  c.notice = *calendar::NoticeRule::parse("løbende måned + 1");
  c.terms.push_back({c.start, random_weekly_hours(r), random_rate(r, whole_kroner)});
  Date from = c.start;
  for (int changes = static_cast<int>(r.between(0, 3)); changes > 0; --changes) {
    from = from + static_cast<int>(r.between(1, 60));
    books::Terms t = c.terms.back();
    t.from = from;
    if (r.chance(60)) t.rate = random_rate(r, whole_kroner);
    else t.hours_per_week = random_weekly_hours(r);
    c.terms.push_back(t);
  }
  Date after = c.start;
  for (int n = static_cast<int>(r.between(0, 2)); n > 0; --n) {
    const Date s_from = after + static_cast<int>(r.between(0, 40));
    const Date s_to = s_from + static_cast<int>(r.between(0, 20));
    c.suspensions.push_back({s_from, s_to, r.chance(40)});
    after = s_to + 1;
  }
  if (r.chance(20)) c.termination = books::Termination{c.start + static_cast<int>(r.between(10, 150)), std::nullopt};
  c.payer.kind = books::PayerKind::private_payer;
  c.payer.name = "Familien " + c.id;
  c.payer.address = {"Skolevej 1", "4000 Roskilde"};
  c.expenses_agreed = true;
  return c;
}

books::Entry random_entry(Random& r, std::uint32_t contract, Date around) {
  books::Entry e;
  e.contract = contract;
  e.date = around + static_cast<int>(r.between(-10, 120));
  if (r.chance(25)) {
    const int from = static_cast<int>(r.between(0, 22 * 60));
    const int to = from + static_cast<int>(r.between(1, 24 * 60 - 1 - from));
    e.from_minute = from;
    e.to_minute = to;
    e.hours = Rational(to - from, 60);
  } else {
    e.hours = Rational(r.between(1, 800), 100);
  }
  const auto s = r.between(0, 9);
  e.status = s < 6 ? EntryStatus::delivered : s < 8 ? EntryStatus::citizen_absent : EntryStatus::staff_absent;
  return e;
}

books::Books random_books(Random& r, int contracts, bool whole_kroner, Month from) {
  books::Books b;
  b.settings.invoicing.from = from;
  b.settings.invoicing.first_number = r.between(1, 5000);
  b.settings.invoicing.payment_terms = *calendar::PaymentTerms::parse("30 dage");
  b.settings.invoicing.vat_exemption_note = "Momsfritaget";
  for (int i = 0; i < contracts; ++i)
    b.contracts.push_back(random_contract(r, fmt::format("K-{:02}", i), from.first_day() - 30, whole_kroner));
  for (std::uint32_t i = 0; i < b.contracts.size(); ++i)
    for (int n = static_cast<int>(r.between(0, 40)); n > 0; --n)
      b.entries.push_back(random_entry(r, i, b.contracts[i].start));
  return b;
}

Rational hundredths(std::int64_t h) { return Rational(h, 100); }

} // namespace

TEST_CASE("property: a week's parts add up to B; B <= A; B = A without staff absence when absence is billed") {
  for (std::uint64_t n = 0; n < 40 * k_cases; ++n) {
    const std::uint64_t seed = k_base_seed + n;
    CAPTURE(seed);
    Random r(seed);
    const books::Books b = random_books(r, 1, r.chance(50), Month::of(day(2025, 1, 1)));
    const books::Contract& c = b.contracts[0];
    const billing::EntryIndex index(b);
    const Month first = Month::of(c.start);
    const std::vector<billing::WeekFigures> weeks = billing::weeks_in_months(c, 0, index, first, first + 10);
    for (const billing::WeekFigures& w : weeks) {
      CAPTURE(w.week.to_string());
      Rational sum_exact;
      Rational sum_agreed;
      std::int64_t sum_rounded = 0;
      for (const billing::RatePart& p : w.parts) {
        sum_exact += p.billable;
        sum_agreed += p.agreed;
        sum_rounded += Hours::round(p.billable).hundredths();
        CHECK(p.first <= p.last);
      }
      CHECK(sum_exact == w.billable);
      CHECK(sum_agreed == w.agreed);
      // Σ of rounded parts = B within the rounding: each part is off by at most ½ hundredth.
      const Rational off = hundredths(sum_rounded) - w.billable;
      CHECK(money::max(off, -off) <= Rational(static_cast<std::int64_t>(w.parts.size()), 200));
      CHECK(w.billable <= w.agreed);
      CHECK(w.billable >= Rational(0));
      CHECK(w.over_delivered == money::max(Rational(0), w.delivered - (w.agreed - w.agreed_in_billed_suspension)));
      if (w.staff_absent.is_zero() && c.absence_billed) CHECK(w.billable == w.agreed);
      if (!c.absence_billed)
        CHECK(w.billable == w.agreed_in_billed_suspension +
                                money::min(w.agreed - w.agreed_in_billed_suspension, w.delivered));
      CHECK(w.month == Month::of(w.last_active));
    }
  }
}

namespace {

// What every run billed so far, line by line, and the register's memory (the BilledState).
struct Ledger {
  BilledState state;
  std::map<std::string, std::map<BilledWeekKey, std::int64_t>> line_hours; // Σ line hours
  std::map<std::string, std::int64_t> amounts;                             // Σ line amounts
  std::map<std::string, std::int64_t> lines;                               // line count
  std::int64_t documents_net = 0;                                          // Σ document nets

  void apply(const billing::Run& run) {
    for (const billing::ContractRun& cr : run.contracts) {
      update_state(cr);
      for (const billing::Line& l : cr.lines) {
        if (l.type != billing::Line::Type::expense) line_hours[cr.contract][{l.week, l.rate}] += l.hours.hundredths();
        amounts[cr.contract] += l.amount.hundredths();
        lines[cr.contract] += 1;
      }
    }
    for (const billing::Document& d : run.documents) documents_net += d.net.hundredths();
  }

private:
  void update_state(const billing::ContractRun& cr) {
    billing::BilledContract& bc = state[cr.contract];
    for (const auto& [key, h] : cr.weeks) bc.weeks[key] = h;
    for (const BilledExpenseKey& x : cr.expenses_added) bc.expenses.insert(x);
    for (const BilledExpenseKey& x : cr.expenses_removed) {
      auto it = bc.expenses.find(x);
      REQUIRE(it != bc.expenses.end());
      bc.expenses.erase(it);
    }
  }
};

// The truth of the current books up to month m: rounded billable hours per (week, rate) of every
// week in [from, m], and the expenses dated in those months.
struct Truth {
  std::map<BilledWeekKey, std::int64_t> hours;
  std::multiset<BilledExpenseKey> expenses;
  std::int64_t amount = 0; // Σ line_amount(hours, rate) + Σ expenses
};

Truth truth(const books::Books& b, std::size_t ci, Month m) {
  Truth t;
  const billing::EntryIndex index(b);
  const books::Contract& c = b.contracts[ci];
  for (const billing::WeekFigures& w : billing::weeks_in_months(c, ci, index, b.settings.invoicing.from, m))
    for (const billing::RatePart& p : w.parts) {
      const Hours h = Hours::round(p.billable);
      t.hours[{w.week, p.rate}] += h.hundredths();
      t.amount += money::line_amount(h, p.rate).hundredths();
    }
  for (const books::Expense& x : b.expenses)
    if (x.contract == ci && Month::of(x.date) >= b.settings.invoicing.from && Month::of(x.date) <= m) {
      t.expenses.insert({x.date, x.text, x.amount});
      t.amount += x.amount.hundredths();
    }
  return t;
}

// One random edit of the time log (or, sometimes, a retroactive rate change).
void random_edit(Random& r, books::Books& b, bool whole_kroner) {
  const auto ci = static_cast<std::uint32_t>(r.between(0, static_cast<std::int64_t>(b.contracts.size()) - 1));
  books::Contract& c = b.contracts[ci];
  const auto kind = r.between(0, 9);
  if (kind <= 3 || b.entries.empty()) {
    b.entries.push_back(random_entry(r, ci, c.start));
  } else if (kind <= 5) {
    b.entries.erase(b.entries.begin() + r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1));
  } else if (kind == 6) {
    books::Entry& e = b.entries[static_cast<std::size_t>(r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1))];
    e.hours = Rational(r.between(1, 800), 100);
    e.from_minute.reset();
    e.to_minute.reset();
    e.status = static_cast<EntryStatus>(r.between(0, 2));
  } else if (kind == 7) {
    const char* texts[] = {"Biograf", "Bus", "Café"};
    b.expenses.push_back({ci, c.start + static_cast<int>(r.between(0, 150)), false,
                          Money::from_hundredths(r.between(1, 50000)), texts[r.between(0, 2)], {}});
  } else if (kind == 8 && !b.expenses.empty()) {
    b.expenses.erase(b.expenses.begin() + r.between(0, static_cast<std::int64_t>(b.expenses.size()) - 1));
  } else {
    books::Terms& t = c.terms[static_cast<std::size_t>(r.between(0, static_cast<std::int64_t>(c.terms.size()) - 1))];
    t.rate = random_rate(r, whole_kroner);
  }
}

} // namespace

TEST_CASE("property: re-running months after random log edits never drifts from the current books") {
  for (std::uint64_t n = 0; n < 30 * k_cases; ++n) {
    const std::uint64_t seed = k_base_seed * 7 + n;
    CAPTURE(seed);
    Random r(seed);
    const bool whole_kroner = n % 3 != 2;
    CAPTURE(whole_kroner);
    const Month from = Month::of(day(2025, 3, 1));
    books::Books b = random_books(r, static_cast<int>(r.between(1, 3)), whole_kroner, from);
    Ledger ledger;
    Month m = from;
    for (int step = 0; step < 10; ++step) {
      for (int edits = static_cast<int>(r.between(0, 6)); edits > 0; --edits) random_edit(r, b, whole_kroner);
      if (step > 0 && r.chance(60)) m = m + static_cast<int>(r.between(1, 2)); // else: re-run the latest month
      CAPTURE(step);
      CAPTURE(m.to_string());
      const billing::Run run = billing::compute_run(b, ledger.state, {m, (m + 1).first_day(), {}});
      ledger.apply(run);

      // A second run of the same month with no edits bills nothing.
      const billing::Run again = billing::compute_run(b, ledger.state, {m, (m + 1).first_day(), {}});
      CHECK(again.documents.empty());

      std::int64_t all_truth = 0;
      for (std::size_t ci = 0; ci < b.contracts.size(); ++ci) {
        const std::string& id = b.contracts[ci].id;
        CAPTURE(id);
        const Truth t = truth(b, ci, m);
        all_truth += t.amount;
        // Hours: per (week, rate), the lines of all runs add up to the current rounded hours, and
        // so does the register's memory; a (week, rate) that is gone adds up to zero.
        std::map<BilledWeekKey, std::int64_t> billed = ledger.line_hours[id];
        for (const auto& [key, h] : t.hours) {
          CHECK(billed[key] == h);
          const auto& weeks = ledger.state[id].weeks;
          auto it = weeks.find(key);
          CHECK((it == weeks.end() ? 0 : it->second.hundredths()) == h);
        }
        for (const auto& [key, h] : billed)
          if (!t.hours.count(key)) {
            // Left for a later month's run, or settled to zero.
            const billing::EntryIndex index(b);
            auto w = billing::week_figures(b.contracts[ci], key.week, index.of(ci, key.week));
            if (!w || w->month <= m) CHECK(h == 0);
          }
        CHECK(ledger.state[id].expenses == t.expenses);
        // Amounts: exact with whole-krone rates; within ½ øre a line otherwise.
        const std::int64_t drift = ledger.amounts[id] - t.amount;
        if (whole_kroner) CHECK(drift == 0);
        else CHECK(std::abs(drift) * 2 <= ledger.lines[id]);
      }
      if (whole_kroner) CHECK(ledger.documents_net == all_truth);
    }
  }
}

namespace {

// Books on disk for invoicing::invoice_month, written from a model.
class DiskBooks {
public:
  explicit DiskBooks(std::uint64_t seed) : m_dir(fmt::format("honorar-property-{}", seed)) {
    fs::create_directories(root() / "contracts");
    fs::create_directories(root() / "timelog");
  }
  const fs::path& root() const { return m_dir.path(); }

  void write(const books::Books& b) const {
    put("honorar.toml", fmt::format(R"([provider]
name    = "Testhjælp ApS"
cvr     = "12345674"
address = ["Hovedgaden 1", "4000 Roskilde"]
bank    = {{ reg = "1234", account = "1234567890" }}

[invoicing]
from          = "{}"
first_number  = {}
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
)",
                                    b.settings.invoicing.from.to_string(), b.settings.invoicing.first_number));
    for (const books::Contract& c : b.contracts) {
      std::string t = fmt::format("id = \"{}\"\ncitizen = \"AB\"\nservice = \"Forløb\"\nstart = {}\n"
                                  "absence_billed = {}\nhandleplan = {}\n",
                                  c.id, c.start.to_string(), c.absence_billed ? "true" : "false", c.start.to_string());
      if (c.end) t += fmt::format("end = {}\n", c.end->to_string());
      t += "\n[payer]\nkind = \"private\"\nname = \"Familien\"\naddress = [\"Skolevej 1\"]\n\n[expenses]\nagreed = true\n";
      for (const books::Terms& terms : c.terms)
        t += fmt::format("\n[[terms]]\nfrom = {}\nhours_per_week = {}\nrate = {}\n", terms.from.to_string(),
                         terms.hours_per_week.to_string(), terms.rate.to_string());
      for (const books::Suspension& s : c.suspensions)
        t += fmt::format("\n[[suspension]]\nfrom = {}\nto = {}\nbilled = {}\n", s.from.to_string(), s.to.to_string(),
                         s.billed ? "true" : "false");
      if (c.termination) t += fmt::format("\n[termination]\ngiven = {}\n", c.termination->given.to_string());
      put("contracts/" + c.id + ".toml", t);
    }
    std::string csv = "contract,date,hours,status\n";
    for (const books::Entry& e : b.entries)
      csv += fmt::format("{},{},{},{}\n", b.contracts[e.contract].id, e.date.to_string(),
                         Hours::round(e.hours).to_string(),
                         e.status == EntryStatus::delivered        ? "delivered"
                         : e.status == EntryStatus::citizen_absent ? "citizen-absent"
                                                                   : "staff-absent");
    put("timelog/log.csv", csv);
    std::string toml;
    for (const books::Expense& x : b.expenses)
      toml += fmt::format("[[expense]]\ncontract = \"{}\"\ndate = {}\namount = {}\ntext = \"{}\"\n\n",
                          b.contracts[x.contract].id, x.date.to_string(), x.amount.to_string(), x.text);
    put("timelog/expenses.toml", toml);
  }

private:
  void put(const std::string& rel, const std::string& text) const { m_dir.write(rel, text); }
  testutil::TempDir m_dir;
};

// Entries as the CSV writes them: hours rounded to hundredths, no from/to; and as valid books
// have them: an entry that would take its contract's day over 24 hours (SPEC 5) is dropped.
void round_entries(books::Books& b) {
  for (books::Entry& e : b.entries) {
    e.hours = Hours::round(e.hours).exact();
    if (e.hours.is_zero()) e.hours = Rational(1, 100);
    e.from_minute.reset();
    e.to_minute.reset();
  }
  std::map<std::pair<std::uint32_t, Date>, Rational> days;
  std::erase_if(b.entries, [&](const books::Entry& e) {
    Rational& day_hours = days[{e.contract, e.date}];
    if (day_hours + e.hours > Rational(24)) return true;
    day_hours += e.hours;
    return false;
  });
}

} // namespace

TEST_CASE("property: through the register, numbers stay gapless and documents add up to the current books") {
  for (std::uint64_t n = 0; n < 3 * k_cases; ++n) {
    const std::uint64_t seed = k_base_seed * 13 + n;
    CAPTURE(seed);
    Random r(seed);
    const Month from = Month::of(day(2025, 3, 1));
    books::Books model = random_books(r, static_cast<int>(r.between(1, 3)), true, from);
    round_entries(model);
    DiskBooks disk(seed);
    Month m = from;
    std::int64_t issued = 0;
    for (int step = 0; step < 6; ++step) {
      for (int edits = static_cast<int>(r.between(0, 5)); edits > 0; --edits) random_edit(r, model, true);
      round_entries(model);
      if (step > 0 && r.chance(60)) m = m + 1;
      CAPTURE(step);
      CAPTURE(m.to_string());
      disk.write(model);
      diag::Diagnostics diags;
      const books::Books loaded = books::load_books(disk.root(), diags);
      for (const auto& d : diags.items())
        if (d.severity == diag::Severity::error) FAIL_CHECK(d.to_string());
      REQUIRE_FALSE(diags.has_errors());
      invoicing::Request request{m, (m + 1).first_day(), {}, false, 5000};
      const invoicing::Outcome outcome = invoicing::invoice_month(loaded, request);
      issued += static_cast<std::int64_t>(outcome.documents);

      auto reg = invoice_register::Register::open_read_only(disk.root(), 5000);
      REQUIRE(reg);
      const auto docs = reg->documents();
      REQUIRE(static_cast<std::int64_t>(docs.size()) == issued);
      std::int64_t total = 0;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        CHECK(docs[i].number == loaded.settings.invoicing.first_number + static_cast<std::int64_t>(i));
        total += *money::parse_hundredths(docs[i].total);
        CHECK(fs::exists(disk.root() / "invoices" / docs[i].issue_date.substr(0, 4) / (std::to_string(docs[i].number) + ".json")));
      }
      std::int64_t truth_total = 0;
      for (std::size_t ci = 0; ci < loaded.contracts.size(); ++ci) truth_total += truth(loaded, ci, m).amount;
      CHECK(total == truth_total);
    }
  }
}
