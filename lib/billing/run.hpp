#pragma once
// What a monthly invoice run bills (SPEC §3): the differences between what is billable up to
// month M and what the register says was billed, as one document per contract.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace billing {

class EntryIndex; // billing/week.hpp
class WeekTable;  // billing/week_table.hpp

using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using money::Hours;
using money::Money;

// Why a week line costs what it costs (SPEC 8): its part's figures, each rounded as hours are.
struct WeekExplanation {
  Hours agreed;            // A_p
  Hours delivered;         // the part's D, C and S
  Hours citizen_absent;
  Hours staff_absent;
  Hours billed_suspension; // the part of A_p on days of a billed suspension (billed in full)
  bool absence_billed = true;
  auto operator<=>(const WeekExplanation&) const = default;
};

struct Line {
  enum class Type { week, regulation, expense };
  Type type = Type::week;
  IsoWeek week;     // week, regulation
  Date from;        // week: the part's first and last active day; regulation: the same, when
  Date to;          // the part still exists (has_days)
  bool has_days = true;             // false for a regulation of a part that no longer exists
  std::optional<WeekExplanation> why; // week lines
  Hours hours;      // week, regulation (for a regulation: now - before)
  Money rate;       // week, regulation
  Hours before;     // regulation: the hours billed before, and now
  Hours now;
  Date date;        // expense
  std::string text; // expense
  bool outlay = false; // expense: an udlæg (SPEC 2.8), outside VAT whatever its sign
  Money amount;

  bool has_hours() const { return type != Type::expense; }
  // An expense billed before and credited now (SPEC 2.8): the one thing its sign decides.
  bool credits_expense() const { return type == Type::expense && amount.is_negative(); }
  // A line that corrects an earlier document: a regulation, or a credited expense.
  bool corrects_earlier() const { return type == Type::regulation || credits_expense(); }
};

// The first and last day a document's lines cover: week parts, regulated parts (their week when
// the part is gone), expense dates (SPEC 8).
struct Period {
  Date from;
  Date to;
  auto operator<=>(const Period&) const = default;
};
// The days of one line: its part's (the whole week for a regulated part that no longer exists), or
// the expense's date.
Period days_of(const Line& line);
Period period_of(const std::vector<Line>& lines);

struct Document {
  enum class Kind { invoice, credit_note };
  Kind kind = Kind::invoice;
  std::optional<std::int64_t> number; // null in a dry run
  std::string contract;
  Month month;
  Date issue_date;
  Date due_date;
  std::vector<Line> lines;
  Period period;
  Money net;
  Money vat;
  Money total;
};

// The register's memory of one contract: hours billed per (week, rate), and the billed
// expenses as a multiset of (date, text, amount).
struct BilledWeekKey {
  IsoWeek week;
  Money rate;
  auto operator<=>(const BilledWeekKey&) const = default;
};
struct BilledExpenseKey {
  Date date;
  std::string text;
  Money amount;
  bool outlay = false; // how it was billed (SPEC 2.8): its credit is an outlay too; not its identity

  friend auto operator<=>(const BilledExpenseKey& a, const BilledExpenseKey& b) {
    return std::tie(a.date, a.text, a.amount) <=> std::tie(b.date, b.text, b.amount);
  }
  friend bool operator==(const BilledExpenseKey& a, const BilledExpenseKey& b) {
    return std::tie(a.date, a.text, a.amount) == std::tie(b.date, b.text, b.amount);
  }
};
struct BilledContract {
  std::map<BilledWeekKey, Hours> weeks;
  std::multiset<BilledExpenseKey> expenses;
};
using BilledState = std::map<std::string, BilledContract>; // by contract id

// What one contract's part of a run changes in the register.
struct ContractRun {
  std::string contract;
  std::vector<Line> lines;              // every line, 0.00 ones included
  std::map<BilledWeekKey, Hours> weeks; // the new billed hours of every (week, rate) it touched
  std::vector<BilledExpenseKey> expenses_added;
  std::vector<BilledExpenseKey> expenses_removed;
  std::optional<std::size_t> document;  // index into Run::documents
};

struct Run {
  Month month;
  std::vector<Document> documents; // in contract-id order, numbers unset
  std::vector<ContractRun> contracts;
  Money total;
};

struct RunOptions {
  Month month;
  Date today;                    // the issue date
  std::set<std::string> only;    // --contract: empty = every contract
  const EntryIndex* entries = nullptr; // the books' entry index, if already built
  // Every week's figures through M's last week, if already computed (else built here). A table
  // from the books cache comes without entries (`entries` null, books.entries empty); a week it
  // lacks and cannot compute throws NeedsEntries (billing/week_table.hpp).
  const WeekTable* weeks = nullptr;
};

// Computes a run against `billed`. Pure: reads the books and the register state only.
Run compute_run(const books::Books& books, const BilledState& billed, const RunOptions& options);

// Sets net, VAT and total of a document from its lines and the contract's VAT treatment,
// and its kind (a negative net makes a credit note). VAT is on the net less the outlay lines
// (SPEC 2.7).
void settle_document(Document& doc, const books::Vat& vat);

} // namespace billing
