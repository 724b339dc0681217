#pragma once
// The books cache: what a billing run needs of the time logs, kept between runs beside the
// time-log cache (books/timelog_cache.hpp), so that a monthly run over years of history reads
// none of it when nothing changed, and computes again only the weeks whose inputs changed
// (issue 19; ARCHITECTURE.md "The monthly run costs what changed").
//
// It holds the week table (billing/week_table.hpp), the expenses, and the number of warnings
// about the books alone (check_books_static), under a key: the digest of honorar.toml and the
// contract files, and the digest of the time-log files as the time-log cache records them
// (books::Books::settings_digest, timelog_digest). When the key is the books' key, the entries
// it was made from are byte for byte the entries of the books now, so all of it holds. When it
// is not, its weeks are still reused one by one: a week whose contract terms and entries have the
// digests they had is the same week (WeekTable::build). Written by the same build only (GNU
// build-id), checksummed, replaced whole (temporary file, rename); any damage is a miss.

#include "billing/week_table.hpp"
#include "books/model.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace billing {

struct BooksSnapshot {
  std::uint64_t settings_digest = 0;
  std::uint64_t timelog_digest = 0;
  std::uint64_t static_warnings = 0; // warnings check_books_static gives (its `all` = false)
  std::vector<books::Expense> expenses; // in log order, as the books held them
  WeekTable weeks;
};

// The cache file beside a time-log cache file (LoadOptions::cache_file).
std::filesystem::path books_cache_file(const std::filesystem::path& timelog_cache_file);

// The snapshot in `file`, if it was written by this build for books with these contracts (same
// ids, in order) and invoicing.from, with the same `salt`, and is undamaged; nullopt otherwise.
std::optional<BooksSnapshot> read_books_cache(const std::filesystem::path& file, const books::Books& books,
                                              std::string_view salt = {});

// Writes a snapshot of `books` (their digests and expenses) with `weeks` and the number of
// warnings check_books_static gives; silently gives up on any failure: the cache is never needed.
// Not for books whose time logs were deferred (their entries are not at hand to be digested).
void write_books_cache(const std::filesystem::path& file, const books::Books& books, const WeekTable& weeks,
                       std::uint64_t static_warnings);

// The same with other expenses and weeks than the books' own, under a `salt` that a reader must
// give too (invoicing/unsettled.hpp keeps a part of the books this way).
void write_books_cache(const std::filesystem::path& file, const books::Books& books, const WeekTable& weeks,
                       const std::vector<books::Expense>& expenses, std::uint64_t static_warnings,
                       std::string_view salt);

} // namespace billing
