// Loading all time-log files (see timelog_files.hpp).
#include "books/timelog_files.hpp"

#include "books/entry_rules.hpp"
#include "books/fast_timelog.hpp"
#include "util/parallel.hpp"
#include "books/timelog_cache.hpp"
#include "books/timelog_csv.hpp"
#include "books/timelog_toml.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

namespace books {
namespace fs = std::filesystem;
namespace {

// Sizes of the smallest possible entries, for reserving (an over-estimate costs address space only).
constexpr std::size_t k_min_toml_entry_bytes = 40;
constexpr std::size_t k_min_csv_entry_bytes = 16;
constexpr std::size_t k_window = 4; // files read ahead of the merge

struct FileStat {
  bool ok = false;
  FileStamp stamp; // without hash; settled when its last change lies before `settled_before`
};

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

FileStat stat_file(const fs::path& path, std::int64_t settled_before) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  FileStat s;
  s.ok = true;
  s.stamp.size = static_cast<std::uint64_t>(st.st_size);
  s.stamp.mtime_ns = nanoseconds(st.st_mtim);
  s.stamp.ctime_ns = nanoseconds(st.st_ctim);
  s.stamp.inode = static_cast<std::uint64_t>(st.st_ino);
  s.stamp.settled = s.stamp.mtime_ns < settled_before && s.stamp.ctime_ns < settled_before;
  return s;
}

std::int64_t now_ns() {
  struct timespec t {};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return nanoseconds(t);
}

// The content hash of a file, read through a mapping (no copy), if its size is still `size`.
std::optional<std::uint64_t> hash_of_file(const fs::path& path, std::uint64_t size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size) {
    ::close(fd);
    return std::nullopt;
  }
  if (size == 0) {
    ::close(fd);
    return content_hash({});
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return std::nullopt;
  const std::uint64_t hash = content_hash(std::string_view(static_cast<const char*>(map), size));
  ::munmap(map, size);
  return hash;
}

// Asks the kernel for transparent huge pages under a large buffer about to be filled: a
// five-year history is ~100 MB of entries, and faulting it in 4 KiB pages costs more than
// filling it. Only advice: ignored where THP is off.
void advise_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t k_huge = 2 << 20;
  if (bytes < 4 * k_huge) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + k_huge - 1) & ~(k_huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(k_huge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

struct FileResult {
  std::vector<Entry> entries;
  std::vector<Expense> expenses;
  std::shared_ptr<TextArena> texts; // parsed now: the entries' texts
  diag::Diagnostics diags;
  FileStamp stamp;
  bool cached = false;    // unchanged since the cache recorded it: restore `kept`
  bool rehashed = false;  // recorded, but its stat changed or was never settled: hashed
  bool restamped = false; // cached, but the stamp to record differs from the recorded one
  bool hit = false;       // restored from the cache
  bool fast = false;      // parsed by the fast path
  std::string_view kept;  // cached: the cache's stored bytes
  std::string blob;       // parsed now and cacheable: the bytes to store
};

// The entries and expenses naming a contract whose file did not load, folded into one note per
// contract at the first of them (in log order) instead of an error each.
class SkippedRecords {
public:
  explicit SkippedRecords(std::span<const UnloadedContract> unloaded) : m_unloaded(unloaded), m_counts(unloaded.size()) {
    for (std::size_t i = 0; i < unloaded.size(); ++i) {
      m_by_message.emplace(entry_message::of_unloaded_contract("entry", unloaded[i].id, unloaded[i].path), Kind{i, false});
      m_by_message.emplace(entry_message::of_unloaded_contract("expense", unloaded[i].id, unloaded[i].path), Kind{i, true});
    }
  }

  // Appends `from` to `to`, keeping back the errors of skipped records.
  void append(diag::Diagnostics& to, const diag::Diagnostics& from) {
    if (m_by_message.empty()) return append_diagnostics(to, from);
    for (const diag::Diagnostic& d : from.items()) {
      auto it = d.severity == diag::Severity::error ? m_by_message.find(d.message) : m_by_message.end();
      if (it == m_by_message.end()) {
        if (d.severity == diag::Severity::error) to.error(d.where, d.message);
        else to.warning(d.where, d.message);
        continue;
      }
      Count& count = m_counts[it->second.contract];
      if (count.entries + count.expenses == 0) count.first = d.where;
      ++(it->second.expense ? count.expenses : count.entries);
    }
  }

  // The notes, one per contract with skipped records.
  void report(diag::Diagnostics& to) const {
    for (std::size_t i = 0; i < m_counts.size(); ++i)
      if (m_counts[i].entries + m_counts[i].expenses > 0)
        to.error(m_counts[i].first, entry_message::skipped_for_unloaded_contract(m_counts[i].entries, m_counts[i].expenses,
                                                                                 m_unloaded[i].id, m_unloaded[i].path));
  }

private:
  struct Kind {
    std::size_t contract;
    bool expense;
  };
  struct Count {
    std::size_t entries = 0;
    std::size_t expenses = 0;
    diag::Location first;
  };
  std::span<const UnloadedContract> m_unloaded;
  std::vector<Count> m_counts;
  std::unordered_map<std::string, Kind> m_by_message;
};

} // namespace

void append_diagnostics(diag::Diagnostics& to, const diag::Diagnostics& from) {
  for (const diag::Diagnostic& d : from.items()) {
    if (d.severity == diag::Severity::error) to.error(d.where, d.message);
    else to.warning(d.where, d.message);
  }
}

void load_timelog_files(const fs::path& root, const std::vector<std::string>& rels, Books& books,
                        diag::Diagnostics& diags, const LoadOptions& options, const ReadBooksFile& read,
                        std::span<const UnloadedContract> unloaded) {
  const ContractIndex index(books.contracts, unloaded);
  SkippedRecords skipped(unloaded);
  const std::size_t n = rels.size();

  // Stat first: a file that changes after its stat has a newer ctime than the one recorded with
  // its content, so it is hashed again next time. A file is settled when its last change lies
  // settle_ns before this moment, which is before any of its bytes are read.
  const std::int64_t settled_before = now_ns() - options.settle_ns;
  std::vector<FileStat> stats(n);
  std::uint64_t total_bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    stats[i] = stat_file(root / rels[i], settled_before);
    total_bytes += stats[i].stamp.size;
  }
  TimelogCache cache;
  if (options.cache_file) cache = TimelogCache::open(*options.cache_file);
  const bool write_cache = options.cache_file && total_bytes >= options.cache_min_bytes;

  // Every file recorded and unchanged: none is read; their digest names what the books cache may
  // know of them (Books::timelog_digest).
  if (options.defer_unchanged_timelogs && write_cache && unloaded.empty() && n == cache.file_count() && n > 0 &&
      !diags.has_errors()) {
    std::string digest;
    bool all = true;
    for (std::size_t i = 0; i < n && all; ++i) {
      const auto stamp = stats[i].ok ? cache.unchanged_stamp(rels[i], stats[i].stamp) : std::nullopt;
      if (stamp) add_stamp_to_digest(digest, rels[i], *stamp);
      all = stamp.has_value();
    }
    if (all) {
      books.timelogs_deferred = true;
      books.timelog_digest = content_hash(digest);
      if (options.stats) options.stats->files = n;
      return;
    }
  }
  // The same digest of what the cache records after this load, when it records every file.
  std::string digest;
  bool all_recorded = write_cache;

  std::size_t estimate = books.entries.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t cached = cache.entry_count(rels[i]);
    estimate += cached ? cached
                       : std::min(stats[i].stamp.size, k_max_books_file_bytes) / // a larger file is refused unread
                             (rels[i].ends_with(".csv") ? k_min_csv_entry_bytes : k_min_toml_entry_bytes) + 1;
  }

  auto parse = [&](std::size_t i) {
    const std::string& rel = rels[i];
    FileResult r;
    std::string text = read(root / rel, rel, r.diags);
    r.texts = std::make_shared<TextArena>();
    const bool stamped = stats[i].ok && r.diags.items().empty() && stats[i].stamp.size == text.size();
    r.stamp = stats[i].stamp;
    if (stamped) r.stamp.hash = content_hash(text);
    if (rel.ends_with(".csv")) {
      r.entries.reserve(text.size() / k_min_csv_entry_bytes + 1);
      load_timelog_csv(rel, text, index, r.entries, *r.texts, r.diags);
    } else {
      r.entries.reserve(text.size() / k_min_toml_entry_bytes + 1);
      r.fast = options.fast_path && fast_timelog_toml(rel, text, index, r.entries, r.expenses, *r.texts);
      if (!r.fast) load_timelog_toml(rel, std::move(text), index, r.entries, r.expenses, *r.texts, r.diags);
    }
    std::string().swap(text); // before serialising: a one-file history is tens of MB
    if (write_cache && stamped && r.diags.items().empty())
      r.blob = serialize_timelog(r.entries, r.expenses, books.contracts);
    return r;
  };

  // On the worker threads: a recorded file that is settled and has the recorded stat is not
  // read at all; any other recorded file is hashed where it lies (no copy) and its record used
  // if the content is the same. The entries are decoded in consume(), straight into
  // books.entries.
  auto work = [&](std::size_t i) {
    const std::string& rel = rels[i];
    if (stats[i].ok && cache.contains(rel)) {
      FileResult r;
      r.cached = true;
      if (auto found = cache.find_unchanged(rel, stats[i].stamp)) {
        r.kept = found->blob;
        r.stamp = found->stamp;
        return r;
      }
      r.rehashed = true;
      if (const auto hash = hash_of_file(root / rel, stats[i].stamp.size)) {
        r.stamp = stats[i].stamp;
        r.stamp.hash = *hash;
        if (auto found = cache.find(rel, r.stamp)) {
          r.kept = found->blob;
          r.restamped = !(found->stamp == r.stamp);
          return r;
        }
      }
      FileResult parsed = parse(i);
      parsed.rehashed = true;
      return parsed;
    }
    return parse(i);
  };

  // The new cache is written only when it would differ from the old one. Records parsed now are
  // written as they come (their bytes are freed); records restored as they were are written at
  // the end, from the old cache's mapping -- or later, on another thread, when the caller asks
  // (LoadOptions::deferred_cache_write): a changed month rewrites the whole cache.
  struct Kept {
    std::string rel;
    FileStamp stamp;
    std::uint32_t entries;
    std::string_view blob;
  };
  std::vector<Kept> kept;
  std::shared_ptr<TimelogCacheWriter> writer;
  bool changed = false;
  std::size_t hits = 0;

  bool restored = false;
  auto reserve_all = [&] {
    if (books.entries.capacity() >= estimate) return;
    books.entries.reserve(estimate);
    advise_huge_pages(books.entries.data(), estimate * sizeof(Entry));
  };
  auto consume = [&](std::size_t i, FileResult r) {
    const std::size_t entries_before = books.entries.size();
    if (r.cached) {
      reserve_all();
      r.hit = cache.restore(r.kept, rels[i], index, books.entries, books.expenses);
      if (!r.hit) { // a contract it names is gone: read it as a fresh run would, and report
        const bool rehashed = r.rehashed;
        r = parse(i);
        r.rehashed = rehashed;
      }
    }
    if (!r.hit && books.entries.empty()) {
      books.entries = std::move(r.entries); // no copy of a one-file history
      reserve_all();
    } else if (!r.hit) {
      books.entries.insert(books.entries.end(), r.entries.begin(), r.entries.end()); // trivially copyable
    }
    std::vector<Entry>().swap(r.entries);
    const auto entry_count = static_cast<std::uint32_t>(books.entries.size() - entries_before);
    restored = restored || r.hit;
    skipped.append(diags, r.diags);
    if (options.stats) {
      ++options.stats->files;
      ++(r.hit ? options.stats->from_cache : r.fast ? options.stats->fast : options.stats->full);
      if (r.rehashed) ++options.stats->rehashed;
    }
    if (r.texts) books.text_storage.push_back(std::move(r.texts));
    books.expenses.insert(books.expenses.end(), std::make_move_iterator(r.expenses.begin()),
                          std::make_move_iterator(r.expenses.end()));
    if (!write_cache) return;
    if (r.hit || !r.blob.empty()) add_stamp_to_digest(digest, rels[i], r.stamp);
    else all_recorded = false;
    if (r.hit) {
      ++hits;
      changed = changed || r.restamped;
      kept.push_back({rels[i], r.stamp, entry_count, r.kept});
    } else if (!r.blob.empty()) {
      if (!writer) writer = std::make_shared<TimelogCacheWriter>(*options.cache_file);
      writer->add(rels[i], r.stamp, entry_count, r.blob);
      changed = true;
    }
  };

  util::for_each_ordered(n, options.threads ? options.threads : util::worker_threads(), k_window, work, consume);
  skipped.report(diags);
  if (restored) books.text_storage.push_back(cache.mapping()); // restored texts point into it
  if (!write_cache) return;
  changed = changed || hits != cache.file_count(); // files went away
  bool recorded = true;
  if (changed) {
    auto finish = [writer = std::move(writer), kept = std::move(kept), mapping = cache.mapping(),
                   file = *options.cache_file, stats = options.stats]() mutable {
      if (!writer) writer = std::make_shared<TimelogCacheWriter>(file);
      for (const Kept& k : kept) writer->add(k.rel, k.stamp, k.entries, k.blob);
      const bool written = writer->commit();
      if (stats) stats->cache_written = written;
      return written;
    };
    if (options.deferred_cache_write) *options.deferred_cache_write = [finish = std::move(finish)]() mutable { finish(); };
    else recorded = finish();
  }
  // (A deferred write that fails leaves the old cache, whose stamps give another digest.)
  if (recorded && all_recorded) books.timelog_digest = content_hash(digest);
}

} // namespace books
