#pragma once
// The time-log cache: the entries and expenses of every time-log file as the loader read them,
// so that a run re-parses only the files that changed (bench/README.md, ARCHITECTURE.md).
// Internal to books/, but for cache_file_for (the CLI names the cache file with it).
//
// One file per books directory, outside the books (a `check` or a dry run writes nothing into
// the books), in the directory the CLI chooses (cli/environment.cpp: $HONORAR_CACHE, else
// $XDG_CACHE_HOME/honorar, else ~/.cache/honorar). A record is keyed by the time-log file's
// path and the size and content hash of its bytes. It is used only when the file still has those
// bytes, when the cache was written by this very build of honorar (its GNU build-id), when the
// record's own checksum holds, and when every contract id it names still resolves (and still has
// an expense agreement, for expenses). Whether the file still has those bytes is decided, as git
// and make do, by its stat when that is safe: a file that was settled when it was recorded (its
// last change lay LoadOptions::settle_ns before it was read) and still has the recorded size,
// mtime, ctime and inode is not read again -- every write moves the ctime, and no program can
// set it. Any other recorded file (touched, edited, or changed just before it was recorded) is
// read and its content hash compared; if the bytes are the same, the record is used and
// re-stamped. Only files that loaded without any diagnostic are recorded, so a cached file adds
// no diagnostic, like a fresh parse. Anything else -- a missing, foreign, truncated or damaged
// cache -- is a miss: the file is parsed.

#include "books/contract_index.hpp"
#include "books/model.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace books {

// A fast 64-bit hash of file contents (wyhash-style multiply-fold; not cryptographic).
std::uint64_t content_hash(std::string_view bytes);

// What pins a cache to the build that wrote it (its GNU build-id); empty when there is none, and
// then nothing is cached.
const std::string& cache_fingerprint();


// What is known of a time-log file's bytes: its stat, and the content hash of the bytes read.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0; // the inode's change time: every write moves it; no one can set it
  std::uint64_t inode = 0;
  std::uint64_t hash = 0; // content_hash of the bytes
  // The file's last change (mtime and ctime) lay well before its bytes were read (LoadOptions::
  // settle_ns): any later write gives a later ctime, so an equal stat means equal bytes. Not
  // settled ("racy", as git says): only the content hash tells.
  bool settled = false;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
  // The same size, times and inode (the hash and `settled` aside).
  bool same_stat(const FileStamp& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
};

// The digest of time-log stamps that Books::timelog_digest holds: each file's path and stamp.
void add_stamp_to_digest(std::string& bytes, const std::string& rel, const FileStamp& stamp);

// A read-only view of a cache file (memory-mapped while the object lives).
class TimelogCache {
public:
  TimelogCache() = default;
  // An absent, unreadable, foreign or damaged file gives an empty cache.
  static TimelogCache open(const std::filesystem::path& file);

  std::size_t file_count() const { return m_records.size(); }
  bool contains(const std::string& rel) const { return m_records.contains(rel); }
  // The number of entries recorded for rel (a hint for reserving), 0 when none.
  std::size_t entry_count(const std::string& rel) const;
  // A record whose stored bytes pass their checksum, and the stamp it was recorded with.
  struct Found {
    std::string_view blob;
    FileStamp stamp;
  };
  // rel's record when it is settled and `stat` (a FileStamp without hash) has the same stat:
  // the file is unchanged and need not be read.
  std::optional<Found> find_unchanged(const std::string& rel, const FileStamp& stat) const;
  // The recorded stamp of rel when it is settled and `stat` has the same stat (the record's bytes
  // are not checked: for a digest of the recorded stamps, not for restoring).
  std::optional<FileStamp> unchanged_stamp(const std::string& rel, const FileStamp& stat) const;
  // rel's record when its bytes had this size and content hash (whatever the times say).
  std::optional<Found> find(const std::string& rel, const FileStamp& stamp) const;
  // Appends the entries and expenses of `blob` (from find(rel, ...)) and returns true, or appends
  // nothing and returns false when a contract it names is gone (or has lost its expense
  // agreement) or the bytes do not decode. The entries' texts point into the mapping: keep
  // mapping() alive as long as they live.
  bool restore(std::string_view blob, const std::string& rel, const ContractIndex& contracts, std::vector<Entry>& entries,
               std::vector<Expense>& expenses) const;
  // The memory-mapped cache file (null when the cache is empty).
  const std::shared_ptr<const void>& mapping() const { return m_map; }

private:
  struct Record {
    FileStamp stamp;
    std::uint32_t entries = 0;
    std::string_view blob; // the serialised entries and expenses
    std::uint64_t blob_hash = 0;
  };
  std::shared_ptr<const void> m_map; // unmaps when the last holder lets go
  std::unordered_map<std::string_view, Record> m_records;
};

// The stored form of one file's entries and expenses; empty when they cannot be stored (a field
// too large for the format), in which case the file is simply not cached.
std::string serialize_timelog(std::span<const Entry> entries, std::span<const Expense> expenses,
                              const std::vector<Contract>& contracts);

// Writes a cache file record by record to a temporary name and renames it into place. Every
// failure is silent: the cache is never needed.
class TimelogCacheWriter {
public:
  explicit TimelogCacheWriter(std::filesystem::path file);
  TimelogCacheWriter(const TimelogCacheWriter&) = delete;
  TimelogCacheWriter& operator=(const TimelogCacheWriter&) = delete;
  ~TimelogCacheWriter();
  void add(const std::string& rel, const FileStamp& stamp, std::uint32_t entries, std::string_view blob);
  // Whether the cache file is now in place.
  bool commit();

private:
  bool write(std::string_view bytes);
  bool flush(std::string_view bytes);
  std::filesystem::path m_file;
  std::string m_tmp;
  int m_fd = -1;
  std::uint32_t m_count = 0;
  std::string m_buffer;
};

// The cache file of the books at `root` in the cache directory `dir` (for LoadOptions::
// cache_file): one file per books directory, named by a hash of its absolute path; nullopt when
// that path cannot be found. Which directory is the caller's choice (cli/environment.cpp reads
// it from the environment).
std::optional<std::filesystem::path> cache_file_for(const std::filesystem::path& dir, const std::filesystem::path& root);

} // namespace books
