#pragma once
// Every week's figures as a run and the checks use them -- rounded (SPEC 2.7), per contract --
// computed once per command and shared by both, and kept between runs by the books cache
// (billing/books_cache.hpp) so that a monthly run costs what changed, not what happened
// (issue 19; ARCHITECTURE.md "The monthly run costs what changed").
//
// The figures come from billing::week_figures, the one place of the §8 rules; the table only
// keeps what the run and the checks read of them, and the digests that say when a week must be
// computed again: the contract's terms (terms_digest) and the week's entries (entry digest).

#include "billing/run.hpp"
#include "billing/week.hpp"

#include <cstdint>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace billing {

// One rate part of a week, rounded: the hours it bills, its days, what explains it (SPEC 8).
struct PartSummary {
  Money rate;
  Date first;
  Date last;
  Hours billable; // B_p rounded
  WeekExplanation why;
};

struct WeekSummary {
  IsoWeek week;
  Month month;      // of the last active day (SPEC 2.6); set when active
  Date last_active;
  Hours billable;       // B rounded
  Hours over_delivered; // O rounded
  std::uint32_t first_part = 0; // into ContractWeeks::parts
  std::uint8_t part_count = 0;
  bool active = false;  // the week has an active day; nothing else is set otherwise
  bool unlogged = true; // no entries on its active days
  bool over = false;     // O > 0 (exactly: it may round to 0.00)
};

// The summary of one week with its own parts (for lookups outside a table's walk).
struct OwnedWeek {
  WeekSummary week;
  std::vector<PartSummary> parts;
};

// Every week of one contract from `first` on, in order, active or not.
struct ContractWeeks {
  std::string id;
  std::uint64_t terms = 0; // terms_digest of the contract the weeks were computed for
  IsoWeek first;
  std::vector<WeekSummary> weeks;
  std::vector<PartSummary> parts;
  std::vector<std::uint64_t> entry_digests; // per week: entry_digest of its entries (0: none)

  std::span<const PartSummary> parts_of(const WeekSummary& w) const {
    return {parts.data() + w.first_part, w.part_count};
  }
};

// A digest of everything week_figures reads of a contract: start, last day, terms, suspensions,
// absence_billed. Equal digests: every week has the same active days, agreed hours and rates.
std::uint64_t terms_digest(const books::Contract& c);

// Thrown when a week before a table is asked for and the entries are not at hand (a table from
// the books cache): the caller loads the entries and computes again.
struct NeedsEntries : std::exception {
  const char* what() const noexcept override { return "the week table needs the entries"; }
};

class WeekTable {
public:
  WeekTable() = default;

  // The weeks of every contract from the week of max(start, invoicing.from's first day) through
  // `last` or the week of its latest entry, whichever is later, from the entries. A week of
  // `previous` (a table of these books from an earlier run) is taken as it is when the contract's
  // terms digest, the table's first week and the week's entry digest are the same.
  static WeekTable build(const books::Books& books, const EntryIndex& entries, IsoWeek last,
                         const WeekTable* previous = nullptr);

  // Computes weeks after the table through `last` (they have no entries: see `last()`).
  void extend_to(const books::Books& books, IsoWeek last);

  // Every contract's weeks run at least through this week, and none of its entries lies after
  // its weeks.
  IsoWeek last() const { return m_last; }
  calendar::Month from() const { return m_from; }
  const std::vector<ContractWeeks>& contracts() const { return m_contracts; }

  // Week w of contract c (an index into books.contracts): from the table, or computed -- after the
  // contract's weeks without entries (there are none), before them from `entries` (throws
  // NeedsEntries when null). nullopt: the week has no active day.
  std::optional<OwnedWeek> week(const books::Books& books, std::size_t c, IsoWeek w, const EntryIndex* entries) const;

  // For the books cache (books_cache.cpp).
  static WeekTable from_parts(calendar::Month from, IsoWeek last, std::vector<ContractWeeks> contracts) {
    WeekTable t;
    t.m_from = from;
    t.m_last = last;
    t.m_contracts = std::move(contracts);
    return t;
  }

private:
  calendar::Month m_from;
  IsoWeek m_last;
  std::vector<ContractWeeks> m_contracts; // as books.contracts
};

// The summary of a week's figures (nullopt figures: a week without active day).
void append_week(ContractWeeks& to, IsoWeek week, const std::optional<WeekFigures>& figures, bool absence_billed,
                 std::uint64_t entries);

} // namespace billing
