#pragma once
// Loading and validating a books directory (SPEC §1, §5).

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

namespace books {

// The largest file the books may hold (honorar.toml, a contract, a time-log file). A larger one
// is an error found before it is read (exit 65), so that a runaway or hostile file cannot
// exhaust memory; a five-year history of 800 courses in one TOML file is about 95 MiB.
inline constexpr std::uint64_t k_max_books_file_bytes = std::uint64_t{128} << 20;

inline constexpr std::int64_t k_default_settle_ns = 2'000'000'000;

// How load_books reads the time logs. The defaults: no cache, the fast path, threads by core
// count. The library reads no environment: the CLI fills these in (cli/environment.cpp).
struct LoadOptions {
  // The time-log cache (lib/books/timelog_cache.hpp): its file, or none for no cache.
  std::optional<std::filesystem::path> cache_file;
  // A cache is written only when the time logs hold at least this many bytes.
  std::uint64_t cache_min_bytes = 0;
  // Threads that read and parse time-log files; 0: one per core, at most 4.
  unsigned threads = 0;
  // Whether flat TOML time logs may be read by the fast path (lib/books/fast_timelog.hpp).
  bool fast_path = true;
  // A cached time-log file whose last change (mtime and ctime) lay this long before it was read
  // is "settled": while its size, mtime, ctime and inode stay the same, it is not read again.
  // Any other is read and its content hash compared (timelog_cache.hpp). The margin covers
  // coarse file-system clocks; tests set 0.
  std::int64_t settle_ns = k_default_settle_ns;
  // What happened to the time-log files, for tests and benchmarks (may be null).
  struct Stats {
    std::size_t files = 0;      // time-log files
    std::size_t from_cache = 0; // restored from the cache
    std::size_t fast = 0;       // parsed by the fast path
    std::size_t full = 0;       // parsed by toml++ or the CSV reader
    std::size_t rehashed = 0;   // recorded in the cache, but read to compare the content hash
    bool cache_written = false;
  };
  Stats* stats = nullptr;
  // When every time-log file is recorded in the cache and unchanged (settled, same stat), read
  // none of them: Books::timelogs_deferred (for a command that can bill from the books cache).
  bool defer_unchanged_timelogs = false;
  // When set, a changed time-log cache is not written by load_books but left here, to be called
  // later (on another thread: the caller's; it holds what it needs).
  std::function<void()>* deferred_cache_write = nullptr;
};
// The cache_min_bytes the CLI sets for its default cache directory.
inline constexpr std::uint64_t k_default_cache_min_bytes = 1 << 20;

// Reads honorar.toml, contracts/*.toml and timelog/**/*.{toml,csv}, reporting every problem of
// the whole directory to `diags` (structural errors; the billing warnings come from
// billing::check_books). Throws diag::Error(missing) when the books or honorar.toml are absent.
// When diags.has_errors() afterwards, the returned Books must not be billed.
Books load_books(const std::filesystem::path& root, diag::Diagnostics& diags, const LoadOptions& options = {});

// Loads the time logs that load_books deferred (Books::timelogs_deferred), with their checks, as
// load_books would have: afterwards the books are as load_books without deferring gives them.
void load_deferred_timelogs(Books& books, diag::Diagnostics& diags, const LoadOptions& options);

} // namespace books
