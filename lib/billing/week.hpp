#pragma once
// The §8 week rules (SPEC 2.1-2.6): active days, agreed, logged and billable hours of a week,
// its rate parts and the month it belongs to.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "money/rational.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace billing {

using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using money::Rational;

// What a day is for a contract (SPEC 2.1-2.2): the one place that decides it.
enum class DayKind {
  inactive,          // before the start, after the last day, or in a suspension with billed = false
  active,            // agreed hours accrue; entries count
  billed_suspension, // active, inside a suspension with billed = true: billed in full, entries not counted
};

// Classifies days of one contract; the contract's last day is computed once, so a caller that
// asks about many days (a week, a history of entries) pays for it once. Keep the contract alive.
class DayClassifier {
public:
  explicit DayClassifier(const books::Contract& c) : m_contract(&c), m_last(c.last_day()) {}
  DayKind operator()(Date d) const;

private:
  const books::Contract* m_contract;
  std::optional<Date> m_last;
};

inline DayKind classify_day(const books::Contract& c, Date d) { return DayClassifier(c)(d); }
// A day is active when it lies in start..last day and not in a suspension with billed = false.
inline bool is_active(const books::Contract& c, Date d) { return classify_day(c, d) != DayKind::inactive; }
// An active day inside a suspension with billed = true: billed in full, entries not counted.
inline bool is_billed_suspension(const books::Contract& c, Date d) {
  return classify_day(c, d) == DayKind::billed_suspension;
}

// B_n (SPEC 2.4) from the week's agreed hours outside billed suspensions (A_n) and the
// delivered (D), citizen-absent (C) and staff-absent (S) hours.
Rational billable_hours(const Rational& agreed_n, const Rational& delivered, const Rational& citizen_absent,
                        const Rational& staff_absent, bool absence_billed);
// O = max(0, D - A_n): never billed, never carried over.
Rational over_delivery(const Rational& agreed_n, const Rational& delivered);

// One distinct rate in force on a week's active days (SPEC 2.5).
struct RatePart {
  money::Money rate;
  Date first; // first and last active day at this rate
  Date last;
  Rational agreed;   // A_p
  Rational billable; // B_p = B x A_p / A
  // What explains the part on its document (SPEC 8): its share of A in billed suspensions, and
  // the entries on its days (outside billed suspensions).
  Rational agreed_in_billed_suspension;
  Rational delivered;
  Rational citizen_absent;
  Rational staff_absent;
};

struct WeekFigures {
  IsoWeek week;
  Month month;      // the month of its last active day (SPEC 2.6)
  Date last_active;
  Rational agreed;  // A
  Rational agreed_in_billed_suspension; // A_s
  Rational delivered;      // D
  Rational citizen_absent; // C
  Rational staff_absent;   // S
  Rational billable;       // B
  Rational over_delivered; // O
  bool unlogged = true;    // no entries of any status on its active days
  std::vector<RatePart> parts; // by first day
};

// A contract's entries by ISO week, for quick week lookups. Points into books.entries: build it
// after the books are loaded, and keep the books as long as it lives.
class EntryIndex {
public:
  explicit EntryIndex(const books::Books& books);
  std::span<const books::Entry* const> of(std::size_t contract, IsoWeek week) const;
  // Every (contract, week) with entries, by contract and then week: the entries in log order.
  std::size_t group_count() const { return m_groups.size() - 1; }
  std::span<const books::Entry* const> group(std::size_t g) const {
    return {m_entries.data() + m_groups[g].begin, m_groups[g + 1].begin - m_groups[g].begin};
  }
  // The digest of a contract's entries of a week (billing::entry_digest of them), 0 when none.
  std::uint64_t digest_of(std::size_t contract, IsoWeek week) const;

private:
  // Flat arrays (a history has hundreds of thousands of entries): the entries grouped by
  // contract, then week, in log order within a group; one Group per (contract, week), sorted
  // the same way; contract c's groups are [m_first_group[c], m_first_group[c + 1]).
  struct Group {
    int monday;          // day number of the week's Monday
    std::uint32_t begin; // into m_entries; the group ends where the next one begins
  };
  std::vector<const books::Entry*> m_entries;
  std::vector<Group> m_groups; // plus one sentinel at the end
  std::vector<std::uint32_t> m_first_group;
  std::vector<std::uint64_t> m_digests; // per group
  const Group* find(std::size_t contract, IsoWeek week) const;
};

// A digest of a week's entries: of each entry what week_figures reads of it (date, status,
// hours), summed, so that it does not depend on their order (nor do the figures); never 0 for
// entries, 0 for none.
std::uint64_t entry_digest(std::span<const books::Entry* const> entries);
std::uint64_t entry_hash(const books::Entry& e);

// The week's figures, or nullopt when the week has no active day for the contract.
std::optional<WeekFigures> week_figures(const books::Contract& c, IsoWeek week,
                                        std::span<const books::Entry* const> entries);

// Every week of the contract with an active day whose month lies in [from, to], ascending.
std::vector<WeekFigures> weeks_in_months(const books::Contract& c, std::size_t contract_index,
                                         const EntryIndex& entries, Month from, Month to);

} // namespace billing
