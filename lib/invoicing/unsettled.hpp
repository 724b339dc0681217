#pragma once
// The unsettled part of the books and the register: what a dry run and the checks can still act
// on, kept between runs so that a warm run reads that part only -- the last weeks, not years of
// billed history (issue 19; ARCHITECTURE.md "The monthly run costs what changed").
//
// A week of a contract is *settled* when the register holds exactly its parts, each with the
// hours it has now (an inactive week: no part billed), and its month is from invoicing.from on.
// Such a week gives no line in a run of any month (billing::compute_run: a current part billed
// with its hours is not billed again; a part of a later month is left for that month's run) and no
// warning (billing::check_weeks skips it). Likewise an expense billed and still in the books gives
// no line. The unsettled part keeps, per contract, the weeks from its first unsettled one on (the
// settled ones before it, and their billed parts, are left out), the expenses not matched by a
// billed one and the billed expenses not matched by one in the books, so that compute_run and the
// checks on it give exactly what they give on the whole.
//
// Kept in two files beside the books cache and the register summary, each in their format, under
// the keys of both the books (settings and time-log digests) and the register (its identity): it
// is a part of this very state of both and of nothing else. A real run never uses it (it reads
// the register inside its own transaction, which may hold more than the part was made from).

#include "billing/week_table.hpp"
#include "books/model.hpp"
#include "invoicing/register_summary.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace invoicing {

struct UnsettledPart {
  billing::WeekTable weeks;             // per contract: its weeks from the first unsettled one on
  std::vector<books::Expense> expenses; // the books' expenses not billed as they are, in log order
  RegisterSummary summary;              // billed: only what lies in `weeks`, the expenses unmatched
  std::uint64_t static_warnings = 0;    // as the books cache keeps it
};

// The unsettled part of `books` (their expenses: `expenses`) with the week table `weeks` (the
// whole) against the register's `summary` (the whole).
UnsettledPart unsettled_part(const books::Books& books, const std::vector<books::Expense>& expenses,
                             const billing::WeekTable& weeks, const RegisterSummary& summary,
                             std::uint64_t static_warnings);

// The part kept beside the time-log cache file `cache_file` for these books (their time logs
// deferred: Books::timelog_digest set) and the books' register as it is now (opened here; its read
// lock is held while its identity is taken and the files are read), if both are those it was
// made from; nullopt otherwise (and when there is no register).
std::optional<UnsettledPart> read_unsettled_part(const std::filesystem::path& cache_file, const books::Books& books,
                                                 int busy_timeout_ms, std::int64_t settle_ns);

// Keeps `part` of `books` and the register with identity `register_key`; silently gives up on any
// failure: the cache is never needed.
void write_unsettled_part(const std::filesystem::path& cache_file, const books::Books& books,
                          const std::string& register_key, const UnsettledPart& part);

} // namespace invoicing
