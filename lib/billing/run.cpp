#include "billing/run.hpp"

#include "billing/week.hpp"
#include "billing/week_table.hpp"

#include <algorithm>
#include <span>

namespace billing {
namespace {

Line week_line(const BilledWeekKey& key, const PartSummary& part) {
  Line l;
  l.type = Line::Type::week;
  l.week = key.week;
  l.from = part.first;
  l.to = part.last;
  l.hours = part.billable;
  l.rate = key.rate;
  l.why = part.why;
  l.amount = money::line_amount(part.billable, key.rate);
  return l;
}

// The amount now due for the part less the amount billed for it (SPEC 3.2), so that all a week
// part was ever billed adds up to exactly what billing it once would give.
// `days`: the part's first and last active day, when it still exists.
Line regulation_line(const BilledWeekKey& key, Hours before, Hours now, std::optional<std::pair<Date, Date>> days) {
  Line l;
  l.type = Line::Type::regulation;
  l.week = key.week;
  l.has_days = days.has_value();
  if (days) l.from = days->first, l.to = days->second;
  l.before = before;
  l.now = now;
  l.hours = now - before;
  l.rate = key.rate;
  l.amount = money::line_amount(now, key.rate) - money::line_amount(before, key.rate);
  return l;
}

Line expense_line(const BilledExpenseKey& key, Money amount) {
  Line l;
  l.type = Line::Type::expense;
  l.date = key.date;
  l.text = key.text;
  l.amount = amount;
  return l;
}

// The week parts billable now (weeks whose month lies in [from, M]) against the register's
// (week, rate) parts, in one walk: the table's weeks and the billed parts both ascend by week.
void bill_weeks(const books::Books& books, std::size_t index, const WeekTable& table, const EntryIndex* entries,
                Month from, Month month, const BilledContract& billed, ContractRun& out) {
  const ContractWeeks& cw = table.contracts().at(index);
  std::vector<std::pair<std::tuple<IsoWeek, Date>, Line>> weeks;
  // Regulations sort by week, then changed parts by first day before vanished parts by rate.
  std::vector<std::pair<std::tuple<IsoWeek, int, Date, Money>, Line>> regulations;

  // A billed part that is not billable now (vanished, its week before `from` or after M now):
  // `now` is its week as it is now (nullopt: no active day).
  auto not_current = [&](const BilledWeekKey& key, Hours hours, const WeekSummary* now, std::span<const PartSummary> parts) {
    if (now && now->month > month) return; // left for that month's run
    Hours now_hours;
    std::optional<Date> first; // set when the part still exists (with other hours)
    std::optional<std::pair<Date, Date>> days;
    if (now)
      for (const PartSummary& p : parts)
        if (p.rate == key.rate) {
          now_hours = p.billable;
          first = p.first;
          days = std::pair{p.first, p.last};
        }
    if (now_hours == hours) return;
    regulations.push_back({{key.week, first ? 0 : 1, first.value_or(Date{}), first ? Money() : key.rate},
                           regulation_line(key, hours, now_hours, days)});
    out.weeks[key] = now_hours;
  };
  auto looked_up = [&](const BilledWeekKey& key, Hours hours) {
    const std::optional<OwnedWeek> now = table.week(books, index, key.week, entries);
    not_current(key, hours, now ? &now->week : nullptr, now ? std::span<const PartSummary>(now->parts)
                                                            : std::span<const PartSummary>());
  };

  auto it = billed.weeks.begin();
  const auto end = billed.weeks.end();
  std::vector<bool> matched;
  for (const WeekSummary& w : cw.weeks) {
    for (; it != end && it->first.week < w.week; ++it) looked_up(it->first, it->second);
    const auto parts = cw.parts_of(w);
    const bool current = w.active && w.month >= from && w.month <= month;
    matched.assign(parts.size(), false);
    for (; it != end && it->first.week == w.week; ++it) {
      const BilledWeekKey& key = it->first;
      std::size_t p = parts.size();
      if (current)
        for (std::size_t k = 0; k < parts.size(); ++k)
          if (parts[k].rate == key.rate) p = k;
      if (p == parts.size()) {
        not_current(key, it->second, w.active ? &w : nullptr, parts);
        continue;
      }
      matched[p] = true;
      const PartSummary& part = parts[p];
      if (it->second != part.billable) {
        regulations.push_back({{key.week, 0, part.first, Money()},
                               regulation_line(key, it->second, part.billable, std::pair{part.first, part.last})});
        out.weeks[key] = part.billable;
      }
    }
    if (!current) continue;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (matched[k]) continue;
      const BilledWeekKey key{w.week, parts[k].rate};
      weeks.push_back({{key.week, parts[k].first}, week_line(key, parts[k])});
      out.weeks[key] = parts[k].billable;
    }
  }
  for (; it != end; ++it) looked_up(it->first, it->second);
  // Every sort key is unique (a part's first day, a vanished part's rate): the order is the rules'.
  std::stable_sort(weeks.begin(), weeks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::stable_sort(regulations.begin(), regulations.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, line] : weeks) out.lines.push_back(std::move(line));
  for (auto& [order, line] : regulations)
    if (!line.hours.is_zero()) out.lines.push_back(std::move(line));
}

// `expenses`: the contract's expenses, in log order.
void bill_expenses(const std::vector<const books::Expense*>& expenses, Month from, Month month,
                   const BilledContract& billed, ContractRun& out) {
  std::multiset<BilledExpenseKey> unmatched = billed.expenses;
  // New expenses by date in log order, before credited ones by (text, amount) on the same date.
  std::vector<std::pair<std::tuple<Date, int, std::size_t, std::string, Money>, Line>> lines;
  std::size_t sequence = 0;
  for (const books::Expense* expense : expenses) {
    const books::Expense& x = *expense;
    const Month m = Month::of(x.date);
    if (m < from || m > month) continue;
    BilledExpenseKey key{x.date, x.text, x.amount, x.outlay};
    if (auto it = unmatched.find(key); it != unmatched.end()) {
      unmatched.erase(it);
      continue;
    }
    Line line = expense_line(key, x.amount);
    line.outlay = x.outlay;
    lines.push_back({{x.date, 0, sequence++, std::string(), Money()}, std::move(line)});
    out.expenses_added.push_back(std::move(key));
  }
  for (const BilledExpenseKey& key : unmatched) {
    Line line = expense_line(key, -key.amount);
    line.outlay = key.outlay; // credited as it was billed: an outlay's credit carries no VAT either
    lines.push_back({{key.date, 1, 0, key.text, key.amount}, std::move(line)});
    out.expenses_removed.push_back(key);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, line] : lines) out.lines.push_back(std::move(line));
}

} // namespace

Period days_of(const Line& l) {
  if (l.type == Line::Type::expense) return {l.date, l.date};
  if (l.has_days) return {l.from, l.to};
  return {l.week.monday(), l.week.sunday()};
}

Period period_of(const std::vector<Line>& lines) {
  std::optional<Period> p;
  for (const Line& l : lines) {
    const Period d = days_of(l);
    p = p ? Period{std::min(p->from, d.from), std::max(p->to, d.to)} : d;
  }
  return p.value_or(Period{});
}

void settle_document(Document& doc, const books::Vat& vat) {
  doc.net = Money();
  Money outlays;
  for (const Line& l : doc.lines) {
    doc.net += l.amount;
    if (l.outlay) outlays += l.amount;
  }
  doc.vat = vat.exempt() ? Money() : money::vat_amount(doc.net - outlays, *vat.percent);
  doc.total = doc.net + doc.vat;
  doc.kind = doc.net.is_negative() ? Document::Kind::credit_note : Document::Kind::invoice;
}

Run compute_run(const books::Books& books, const BilledState& billed, const RunOptions& options) {
  Run run;
  run.month = options.month;
  const Month from = books.settings.invoicing.from;
  const EntryIndex* entries = options.entries;
  std::optional<EntryIndex> built;
  if (!entries && !books.timelogs_deferred) entries = &built.emplace(books);
  std::optional<WeekTable> table;
  const WeekTable* weeks = options.weeks;
  const IsoWeek last = IsoWeek::of(options.month.last_day());
  if (!weeks) {
    if (!entries) throw NeedsEntries();
    table = WeekTable::build(books, *entries, last);
    weeks = &*table;
  } else if (weeks->last() < last) {
    table = *weeks;
    table->extend_to(books, last);
    weeks = &*table;
  }
  static const BilledContract k_nothing_billed;
  std::vector<std::vector<const books::Expense*>> expenses_of(books.contracts.size()); // in log order
  for (const books::Expense& x : books.expenses) expenses_of.at(x.contract).push_back(&x);
  for (std::size_t i = 0; i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    if (!options.only.empty() && !options.only.contains(c.id)) continue;
    auto was = billed.find(c.id);
    const BilledContract& before = was == billed.end() ? k_nothing_billed : was->second;
    ContractRun cr;
    cr.contract = c.id;
    bill_weeks(books, i, *weeks, entries, from, options.month, before, cr);
    bill_expenses(expenses_of[i], from, options.month, before, cr);
    const bool has_amount = std::any_of(cr.lines.begin(), cr.lines.end(), [](const Line& l) { return !l.amount.is_zero(); });
    if (has_amount) {
      Document doc;
      doc.contract = c.id;
      doc.month = options.month;
      doc.issue_date = options.today;
      doc.due_date = books.settings.invoicing.payment_terms.due_date(options.today);
      doc.lines = cr.lines;
      doc.period = period_of(doc.lines);
      settle_document(doc, books.vat_of(c));
      run.total += doc.total;
      cr.document = run.documents.size();
      run.documents.push_back(std::move(doc));
    }
    run.contracts.push_back(std::move(cr));
  }
  return run;
}

} // namespace billing
