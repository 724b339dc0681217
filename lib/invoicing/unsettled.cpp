#include "invoicing/unsettled.hpp"

#include "billing/books_cache.hpp"
#include "register/register.hpp"

#include <algorithm>

namespace invoicing {
namespace fs = std::filesystem;
namespace {

using billing::BilledContract;
using billing::ContractWeeks;
using billing::WeekSummary;
using calendar::Month;

// How many of the contract's first weeks are settled (unsettled.hpp), and where its billed parts
// after them begin.
using BilledWeeks = std::map<billing::BilledWeekKey, money::Hours>;
std::pair<std::size_t, BilledWeeks::const_iterator> settled_weeks(const ContractWeeks& cw, const BilledWeeks& billed,
                                                                  Month from) {
  auto it = billed.begin();
  const auto end = billed.end();
  if (it != end && it->first.week < cw.first) return {0, it}; // billed before the table: looked up by the run
  std::size_t k = 0;
  for (; k < cw.weeks.size(); ++k) {
    const WeekSummary& w = cw.weeks[k];
    auto next = it;
    std::size_t n = 0;
    for (; next != end && next->first.week == w.week; ++next) ++n;
    const auto parts = cw.parts_of(w);
    bool settled = w.active ? w.month >= from && n == parts.size() : n == 0;
    for (std::size_t p = 0; settled && p < parts.size(); ++p)
      settled = std::any_of(it, next, [&](const auto& billed_part) {
        return billed_part.first.rate == parts[p].rate && billed_part.second == parts[p].billable;
      });
    if (!settled) break;
    it = next;
  }
  return {k, it};
}

// The contract's weeks from week `k` on.
ContractWeeks weeks_from(const ContractWeeks& cw, std::size_t k) {
  ContractWeeks out;
  out.id = cw.id;
  out.terms = cw.terms;
  out.first = calendar::IsoWeek::of(cw.first.monday() + static_cast<int>(7 * k));
  if (k == 0) {
    out.weeks = cw.weeks;
    out.parts = cw.parts;
    out.entry_digests = cw.entry_digests;
    return out;
  }
  std::uint32_t base = 0; // the parts of the weeks left out come first
  for (std::size_t i = 0; i < k; ++i) base = std::max(base, cw.weeks[i].first_part + cw.weeks[i].part_count);
  out.weeks.assign(cw.weeks.begin() + static_cast<std::ptrdiff_t>(k), cw.weeks.end());
  for (WeekSummary& w : out.weeks) w.first_part = w.part_count == 0 ? 0 : w.first_part - base;
  out.parts.assign(cw.parts.begin() + base, cw.parts.end());
  out.entry_digests.assign(cw.entry_digests.begin() + static_cast<std::ptrdiff_t>(k), cw.entry_digests.end());
  return out;
}

std::string books_salt(const std::string& register_key) { return "|unsettled|" + register_key; }

std::string summary_key(const std::string& register_key, const books::Books& books) {
  std::string key = register_key + "|unsettled|";
  key.append(reinterpret_cast<const char*>(&books.settings_digest), sizeof books.settings_digest);
  key.append(reinterpret_cast<const char*>(&*books.timelog_digest), sizeof *books.timelog_digest);
  return key;
}

fs::path weeks_file(const fs::path& cache_file) {
  fs::path p = billing::books_cache_file(cache_file);
  p += ".unsettled";
  return p;
}

fs::path summary_file(const fs::path& cache_file) {
  fs::path p = register_cache_file(cache_file);
  p += ".unsettled";
  return p;
}

} // namespace

UnsettledPart unsettled_part(const books::Books& books, const std::vector<books::Expense>& expenses,
                             const billing::WeekTable& weeks, const RegisterSummary& summary,
                             std::uint64_t static_warnings) {
  UnsettledPart part;
  part.static_warnings = static_warnings;
  RegisterSummary& kept = part.summary;
  kept.invoicing_from = summary.invoicing_from;
  kept.latest_month = summary.latest_month;
  kept.key = summary.key;
  // The contracts billed, for the check that each is still in the books (not the numbers: the
  // books and the register are those that passed it).
  for (const auto& [id, numbers] : summary.billed_contracts) kept.billed_contracts[id];
  const Month from = books.settings.invoicing.from;
  const bool tabled = weeks.contracts().size() == books.contracts.size();
  std::vector<std::size_t> settled(weeks.contracts().size(), 0);
  std::vector<bool> billed_any(weeks.contracts().size(), false);
  for (const auto& [id, billed] : summary.billed) {
    BilledContract& out = kept.billed[id];
    out.expenses = billed.expenses; // (those matched are taken out below)
    const books::Contract* c = tabled ? books.find_contract(id) : nullptr;
    if (!c) { // (not in the books: the run refuses them)
      out.weeks = billed.weeks;
      continue;
    }
    const auto index = static_cast<std::size_t>(c - books.contracts.data());
    const auto [k, after] = settled_weeks(weeks.contracts()[index], billed.weeks, from);
    settled[index] = k;
    billed_any[index] = true;
    out.weeks.insert(after, billed.weeks.end());
  }
  static const BilledWeeks k_nothing_billed;
  std::vector<ContractWeeks> contracts;
  contracts.reserve(weeks.contracts().size());
  for (std::size_t i = 0; i < weeks.contracts().size(); ++i) {
    const ContractWeeks& cw = weeks.contracts()[i];
    const std::size_t k = billed_any[i] ? settled[i] : settled_weeks(cw, k_nothing_billed, from).first;
    contracts.push_back(weeks_from(cw, k));
  }
  part.weeks = billing::WeekTable::from_parts(weeks.from(), weeks.last(), std::move(contracts));

  // Expenses: one in the books and one billed alike (date, text, amount) match, in log order as
  // billing::compute_run matches them; both are left out. Only up to the latest month run (a
  // billed expense lies there) and from invoicing.from (the run bills none before). A contract
  // with billed expenses alike but for their outlay keeps all (which of them a run matches first
  // would depend on the multiset's shape).
  std::vector<std::vector<std::size_t>> of_contract(books.contracts.size()); // in log order
  for (std::size_t i = 0; i < expenses.size(); ++i)
    if (expenses[i].contract < of_contract.size()) of_contract[expenses[i].contract].push_back(i);
  std::vector<bool> keep(expenses.size(), true);
  for (auto& [id, billed] : kept.billed) {
    const books::Contract* c = books.find_contract(id);
    if (!c || billed.expenses.empty() || !kept.latest_month) continue;
    bool mixed = false;
    for (auto a = billed.expenses.begin(), b = std::next(a); b != billed.expenses.end(); ++a, ++b)
      mixed = mixed || (*a == *b && a->outlay != b->outlay);
    if (mixed) continue;
    for (const std::size_t i : of_contract[static_cast<std::size_t>(c - books.contracts.data())]) {
      const books::Expense& x = expenses[i];
      if (Month::of(x.date) < from || Month::of(x.date) > *kept.latest_month) continue;
      if (auto it = billed.expenses.find({x.date, x.text, x.amount, x.outlay}); it != billed.expenses.end()) {
        billed.expenses.erase(it);
        keep[i] = false;
      }
    }
  }
  for (std::size_t i = 0; i < expenses.size(); ++i)
    if (keep[i] && Month::of(expenses[i].date) >= from) part.expenses.push_back(expenses[i]);
  return part;
}

std::optional<UnsettledPart> read_unsettled_part(const fs::path& cache_file, const books::Books& books,
                                                 int busy_timeout_ms, std::int64_t settle_ns) {
  if (!books.timelog_digest) return std::nullopt;
  const auto reg = invoice_register::Register::open_read_only(books.root, busy_timeout_ms);
  if (!reg) return std::nullopt;
  // The read lock is held from here on: no run commits until `reg` goes.
  const std::optional<std::string> key = register_key(books.root, settle_ns);
  if (!key) return std::nullopt;
  auto snapshot = billing::read_books_cache(weeks_file(cache_file), books, books_salt(*key));
  if (!snapshot || snapshot->settings_digest != books.settings_digest || snapshot->timelog_digest != *books.timelog_digest)
    return std::nullopt;
  auto summary = read_register_summary_file(summary_file(cache_file), summary_key(*key, books));
  if (!summary) return std::nullopt;
  summary->key = key;
  return UnsettledPart{std::move(snapshot->weeks), std::move(snapshot->expenses), std::move(*summary),
                       snapshot->static_warnings};
}

void write_unsettled_part(const fs::path& cache_file, const books::Books& books, const std::string& register_key,
                          const UnsettledPart& part) {
  if (!books.timelog_digest) return;
  billing::write_books_cache(weeks_file(cache_file), books, part.weeks, part.expenses, part.static_warnings,
                             books_salt(register_key));
  write_register_summary_file(summary_file(cache_file), summary_key(register_key, books), part.summary);
}

} // namespace invoicing
