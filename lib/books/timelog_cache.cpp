// The time-log cache (see timelog_cache.hpp): file format, reading, writing, location.
//
// File layout (native byte order; the fingerprint pins the build, hence the machine):
//   "HNRCACHE" u32:format u32:n fingerprint[n]
//   records:   u32:path_len path u64:size i64:mtime_ns i64:ctime_ns u64:inode u8:settled
//              u64:content_hash u32:entries u64:blob_len u64:blob_hash blob
//   trailer:   u32:0xFFFFFFFF u32:record_count "HNRCEND!"
// blob (one time-log file, self-contained):
//   u32:n_ids (u16:len id)*                  contract ids named by this file
//   u32:n_entries  (u32:id i32:date Rational:hours u8:status u8:flags i16:from i16:to
//                   u32:line u32:column [text])*
//                  flags: 1 = has from/to, 2 = has text; text as TextArena stores it
//                  (u32:staff_len u32:note_len staff note), so restored entries point at it
//   u32:n_expenses (u32:id i32:date i64:amount u8:outlay u32:line u32:column u16:text_len text)*
#include "books/timelog_cache.hpp"

#include "books/entry_rules.hpp"
#include "util/file.hpp"

#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <type_traits>
#include <unordered_map>

namespace books {
namespace fs = std::filesystem;
namespace {

constexpr char k_magic[8] = {'H', 'N', 'R', 'C', 'A', 'C', 'H', 'E'};
constexpr char k_end_magic[8] = {'H', 'N', 'R', 'C', 'E', 'N', 'D', '!'};
constexpr std::uint32_t k_format = 4; // 4: an expense's outlay flag
constexpr std::uint8_t k_has_times = 1;
constexpr std::uint8_t k_has_text = 2;
constexpr std::uint32_t k_end_of_records = 0xFFFFFFFF;

// ---------------------------------------------------------------------------------------------
// Hashing

__extension__ typedef unsigned __int128 u128; // GCC and Clang; -Wpedantic accepts it so marked

inline std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
  const u128 r = static_cast<u128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

constexpr std::uint64_t k_p0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t k_p1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t k_p2 = 0x8ebc6af09c88c6e3ULL;
constexpr std::uint64_t k_p3 = 0x589965cc75374cc3ULL;

// ---------------------------------------------------------------------------------------------
// The build's fingerprint: its GNU build-id (changes with every change to the code).

int find_build_id(dl_phdr_info* info, std::size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    const auto* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note;
      std::memcpy(&note, p, sizeof note);
      const auto* name = p + sizeof note;
      const auto* desc = name + ((note.n_namesz + 3) & ~3U);
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
          desc + note.n_descsz <= end) {
        out->assign(reinterpret_cast<const char*>(desc), note.n_descsz);
        return 1;
      }
      p = desc + ((note.n_descsz + 3) & ~3U);
    }
  }
  return 1; // only the first object: the executable itself
}

const std::string& fingerprint() {
  static const std::string value = [] {
    std::string id;
    dl_iterate_phdr(find_build_id, &id);
    if (id.empty()) return std::string(); // no build-id: no cache
    return "honorar " HONORAR_VERSION " " + id + " entry=" + std::to_string(sizeof(Entry));
  }();
  return value;
}

// ---------------------------------------------------------------------------------------------
// Bytes in and out

// Values are stored as their bytes; only trivially copyable types qualify.
class Out {
public:
  explicit Out(std::string& s) : m_s(s) {}
  template <class T> void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_s.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void bytes(std::string_view b) { m_s.append(b); }

private:
  std::string& m_s;
};

class In {
public:
  explicit In(std::string_view s) : m_p(s.data()), m_end(s.data() + s.size()) {}
  template <class T> bool get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<std::size_t>(m_end - m_p) < sizeof v) return fail();
    std::memcpy(&v, m_p, sizeof v);
    m_p += sizeof v;
    return true;
  }
  bool bytes(std::size_t n, std::string_view& out) {
    if (static_cast<std::size_t>(m_end - m_p) < n) return fail();
    out = std::string_view(m_p, n);
    m_p += n;
    return true;
  }
  bool at_end() const { return m_p == m_end; }
  bool ok() const { return m_ok; }
  const char* here() const { return m_p; }
  std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_p); }

private:
  bool fail() {
    m_ok = false;
    m_p = m_end;
    return false;
  }
  const char* m_p;
  const char* m_end;
  bool m_ok = true;
};

} // namespace

const std::string& cache_fingerprint() { return fingerprint(); }

void add_stamp_to_digest(std::string& bytes, const std::string& rel, const FileStamp& stamp) {
  bytes += rel;
  bytes += '\0';
  Out out(bytes);
  out.put(stamp.size);
  out.put(stamp.mtime_ns);
  out.put(stamp.ctime_ns);
  out.put(stamp.inode);
  out.put(stamp.hash);
  out.put(static_cast<std::uint8_t>(stamp.settled ? 1 : 0));
}

std::uint64_t content_hash(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  std::uint64_t seed = k_p0 ^ mum(n ^ k_p1, k_p0);
  std::uint64_t see1 = seed;
  std::uint64_t see2 = seed;
  while (n >= 48) { // three independent lanes keep the multiplier busy
    seed = mum(load64(p) ^ k_p1, load64(p + 8) ^ seed);
    see1 = mum(load64(p + 16) ^ k_p2, load64(p + 24) ^ see1);
    see2 = mum(load64(p + 32) ^ k_p3, load64(p + 40) ^ see2);
    p += 48;
    n -= 48;
  }
  seed ^= see1 ^ see2;
  while (n >= 16) {
    seed = mum(load64(p) ^ k_p1, load64(p + 8) ^ seed);
    p += 16;
    n -= 16;
  }
  unsigned char tail[16] = {};
  std::memcpy(tail, p, n);
  seed = mum(load64(tail) ^ k_p1, load64(tail + 8) ^ seed ^ n);
  return mum(seed ^ k_p2, static_cast<std::uint64_t>(bytes.size()) ^ k_p3);
}

// ---------------------------------------------------------------------------------------------
// Serialising one file

std::string serialize_timelog(std::span<const Entry> entries, std::span<const Expense> expenses,
                              const std::vector<Contract>& contracts) {
  constexpr auto k_max16 = std::numeric_limits<std::uint16_t>::max();
  std::string blob;
  blob.reserve(64 + entries.size() * 40 + expenses.size() * 48);
  // Contract ids named by the file, each once.
  std::unordered_map<std::size_t, std::uint32_t> ref_of;
  std::vector<std::size_t> ids;
  auto ref = [&](std::size_t contract) {
    auto [it, inserted] = ref_of.emplace(contract, static_cast<std::uint32_t>(ids.size()));
    if (inserted) ids.push_back(contract);
    return it->second;
  };
  for (const Entry& e : entries) ref(e.contract);
  for (const Expense& x : expenses) ref(x.contract);
  Out out(blob);
  out.put(static_cast<std::uint32_t>(ids.size()));
  for (std::size_t c : ids) {
    if (c >= contracts.size() || contracts[c].id.size() > k_max16) return {};
    out.put(static_cast<std::uint16_t>(contracts[c].id.size()));
    out.bytes(contracts[c].id);
  }
  out.put(static_cast<std::uint32_t>(entries.size()));
  for (const Entry& e : entries) {
    if (e.where.line < 0 || e.where.column < 0 || e.from_minute.has_value() != e.to_minute.has_value()) return {};
    const bool times = e.from_minute.has_value();
    if (times && (*e.from_minute < 0 || *e.from_minute > k_minutes_per_day || *e.to_minute < 0 ||
                  *e.to_minute > k_minutes_per_day))
      return {};
    out.put(ref_of.at(e.contract));
    out.put(static_cast<std::int32_t>(e.date.days_since_epoch()));
    out.put(e.hours); // its bytes: restored without re-normalising (same build, see fingerprint())
    out.put(static_cast<std::uint8_t>(e.status));
    out.put(static_cast<std::uint8_t>((times ? k_has_times : 0) | (e.text ? k_has_text : 0)));
    out.put(static_cast<std::int16_t>(times ? *e.from_minute : 0));
    out.put(static_cast<std::int16_t>(times ? *e.to_minute : 0));
    out.put(static_cast<std::uint32_t>(e.where.line));
    out.put(static_cast<std::uint32_t>(e.where.column));
    if (e.text) {
      const std::string_view staff = e.staff(), note = e.note();
      out.bytes(std::string_view(e.text, k_entry_text_header + staff.size() + note.size()));
    }
  }
  out.put(static_cast<std::uint32_t>(expenses.size()));
  for (const Expense& x : expenses) {
    if (x.text.size() > k_max16 || x.where.line < 0 || x.where.column < 0) return {};
    out.put(ref_of.at(x.contract));
    out.put(static_cast<std::int32_t>(x.date.days_since_epoch()));
    out.put(static_cast<std::int64_t>(x.amount.hundredths()));
    out.put(static_cast<std::uint8_t>(x.outlay ? 1 : 0));
    out.put(static_cast<std::uint32_t>(x.where.line));
    out.put(static_cast<std::uint32_t>(x.where.column));
    out.put(static_cast<std::uint16_t>(x.text.size()));
    out.bytes(x.text);
  }
  return blob;
}

// ---------------------------------------------------------------------------------------------
// Reading

TimelogCache TimelogCache::open(const fs::path& file) {
  TimelogCache cache;
  if (fingerprint().empty()) return cache;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cache;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 32) {
    ::close(fd);
    return cache;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return cache;
  cache.m_map = std::shared_ptr<const void>(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });

  In in(std::string_view(static_cast<const char*>(map), size));
  std::string_view magic;
  std::uint32_t format = 0;
  std::uint32_t fp_len = 0;
  std::string_view fp;
  if (!in.bytes(8, magic) || magic != std::string_view(k_magic, 8) || !in.get(format) || format != k_format ||
      !in.get(fp_len) || !in.bytes(fp_len, fp) || fp != fingerprint())
    return TimelogCache{}; // (the mapping goes with `cache`)
  std::unordered_map<std::string_view, Record> records;
  std::uint32_t count = 0;
  while (true) {
    std::uint32_t path_len = 0;
    if (!in.get(path_len)) return TimelogCache{};
    if (path_len == k_end_of_records) break;
    std::string_view path;
    Record r;
    std::uint64_t blob_len = 0;
    std::uint8_t settled = 0;
    if (!in.bytes(path_len, path) || !in.get(r.stamp.size) || !in.get(r.stamp.mtime_ns) || !in.get(r.stamp.ctime_ns) ||
        !in.get(r.stamp.inode) || !in.get(settled) || settled > 1 || !in.get(r.stamp.hash) ||
        !in.get(r.entries) || !in.get(blob_len) || !in.get(r.blob_hash) || !in.bytes(blob_len, r.blob))
      return TimelogCache{};
    r.stamp.settled = settled == 1;
    if (!records.emplace(path, r).second) return TimelogCache{}; // a path twice: not ours
    ++count;
  }
  std::uint32_t stored_count = 0;
  std::string_view end_magic;
  if (!in.get(stored_count) || stored_count != count || !in.bytes(8, end_magic) ||
      end_magic != std::string_view(k_end_magic, 8) || !in.at_end())
    return TimelogCache{};
  cache.m_records = std::move(records);
  return cache;
}

std::size_t TimelogCache::entry_count(const std::string& rel) const {
  auto it = m_records.find(rel);
  return it == m_records.end() ? 0 : it->second.entries;
}

std::optional<TimelogCache::Found> TimelogCache::find_unchanged(const std::string& rel, const FileStamp& stat) const {
  auto it = m_records.find(rel);
  if (it == m_records.end()) return std::nullopt;
  const Record& r = it->second;
  if (!r.stamp.settled || !r.stamp.same_stat(stat) || content_hash(r.blob) != r.blob_hash) return std::nullopt;
  return Found{r.blob, r.stamp};
}

std::optional<FileStamp> TimelogCache::unchanged_stamp(const std::string& rel, const FileStamp& stat) const {
  auto it = m_records.find(rel);
  if (it == m_records.end() || !it->second.stamp.settled || !it->second.stamp.same_stat(stat)) return std::nullopt;
  return it->second.stamp;
}

std::optional<TimelogCache::Found> TimelogCache::find(const std::string& rel, const FileStamp& stamp) const {
  auto it = m_records.find(rel);
  if (it == m_records.end()) return std::nullopt;
  const Record& r = it->second;
  if (r.stamp.size != stamp.size || r.stamp.hash != stamp.hash || content_hash(r.blob) != r.blob_hash)
    return std::nullopt;
  return Found{r.blob, r.stamp};
}

bool TimelogCache::restore(std::string_view blob, const std::string& rel, const ContractIndex& contracts,
                           std::vector<Entry>& entries, std::vector<Expense>& expenses) const {
  const std::size_t entries_before = entries.size();
  const std::size_t expenses_before = expenses.size();
  auto give_up = [&] {
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(entries_before), entries.end());
    expenses.erase(expenses.begin() + static_cast<std::ptrdiff_t>(expenses_before), expenses.end());
    return false;
  };
  const std::string* path = intern_path(rel);
  constexpr auto k_max_int = static_cast<std::uint32_t>(std::numeric_limits<int>::max());
  In in(blob);
  std::uint32_t n_ids = 0;
  if (!in.get(n_ids)) return give_up();
  std::vector<std::uint32_t> index_of;
  index_of.reserve(n_ids);
  for (std::uint32_t i = 0; i < n_ids; ++i) {
    std::uint16_t len = 0;
    std::string_view id;
    if (!in.get(len) || !in.bytes(len, id)) return give_up();
    auto found = contracts.find(id);
    if (!found) return give_up(); // the contract is gone: parse, and report as a fresh run would
    index_of.push_back(static_cast<std::uint32_t>(*found));
  }
  std::uint32_t n_entries = 0;
  // The fixed part of a stored entry: a count beyond what the bytes can hold is damage.
  constexpr std::size_t k_entry_bytes = 4 + 4 + sizeof(money::Rational) + 1 + 1 + 2 + 2 + 4 + 4;
  if (!in.get(n_entries) || n_entries > in.remaining() / k_entry_bytes) return give_up();
  if (entries.capacity() < entries_before + n_entries)
    entries.reserve(std::max(entries_before + n_entries, 2 * entries.capacity()));
  for (std::uint32_t i = 0; i < n_entries; ++i) {
    std::uint32_t ref = 0;
    std::int32_t date = 0;
    money::Rational hours;
    std::uint8_t status = 0, flags = 0;
    std::int16_t from = 0, to = 0;
    std::uint32_t line = 0, column = 0;
    if (!in.get(ref) || !in.get(date) || !in.get(hours) || !in.get(status) || !in.get(flags) || !in.get(from) ||
        !in.get(to) || !in.get(line) || !in.get(column))
      return give_up();
    if (ref >= index_of.size() || hours.den() <= 0 || status >= k_entry_status_names.size() ||
        flags > (k_has_times | k_has_text) || line > k_max_int || column > k_max_int)
      return give_up();
    const char* text = nullptr;
    if (flags & k_has_text) {
      text = in.here();
      std::uint32_t staff_len = 0, note_len = 0;
      std::string_view staff_and_note;
      if (!in.get(staff_len) || !in.get(note_len) ||
          !in.bytes(std::size_t{staff_len} + note_len, staff_and_note) || staff_and_note.empty())
        return give_up();
    }
    Entry& e = entries.emplace_back();
    e.contract = index_of[ref];
    e.date = calendar::Date::from_days(date);
    e.hours = hours;
    e.status = static_cast<EntryStatus>(status);
    if (flags & k_has_times) {
      e.from_minute = from;
      e.to_minute = to;
    }
    e.text = text;
    e.where = SourceRef{path, static_cast<int>(line), static_cast<int>(column)};
  }
  std::uint32_t n_expenses = 0;
  if (!in.get(n_expenses)) return give_up();
  for (std::uint32_t i = 0; i < n_expenses; ++i) {
    std::uint32_t ref = 0;
    std::int32_t date = 0;
    std::int64_t amount = 0;
    std::uint8_t outlay = 0;
    std::uint32_t line = 0, column = 0;
    std::uint16_t text_len = 0;
    std::string_view text;
    if (!in.get(ref) || !in.get(date) || !in.get(amount) || !in.get(outlay) || !in.get(line) || !in.get(column) ||
        !in.get(text_len) || !in.bytes(text_len, text))
      return give_up();
    if (ref >= index_of.size() || !contracts.at(index_of[ref]).expenses_agreed || outlay > 1) return give_up();
    Expense& x = expenses.emplace_back();
    x.contract = index_of[ref];
    x.date = calendar::Date::from_days(date);
    x.amount = money::Money::from_hundredths(amount);
    x.outlay = outlay == 1;
    x.text.assign(text);
    x.where = diag::Location{rel, static_cast<int>(line), static_cast<int>(column)};
  }
  if (!in.ok() || !in.at_end()) return give_up();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writing

TimelogCacheWriter::TimelogCacheWriter(fs::path file) : m_file(std::move(file)) {
  if (fingerprint().empty()) return;
  std::error_code ec;
  fs::create_directories(m_file.parent_path(), ec);
  if (ec) return;
  ::chmod(m_file.parent_path().c_str(), 0700);
  m_tmp = m_file.string() + ".tmp." + std::to_string(::getpid());
  m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (m_fd < 0) return;
  std::string header;
  Out out(header);
  out.bytes(std::string_view(k_magic, 8));
  out.put(k_format);
  out.put(static_cast<std::uint32_t>(fingerprint().size()));
  out.bytes(fingerprint());
  write(header);
}

TimelogCacheWriter::~TimelogCacheWriter() {
  if (m_fd >= 0) {
    ::close(m_fd);
    ::unlink(m_tmp.c_str());
  }
}

bool TimelogCacheWriter::flush(std::string_view bytes) {
  if (m_fd < 0) return false;
  if (util::write_all(m_fd, bytes) == 0) return true;
  ::close(m_fd);
  ::unlink(m_tmp.c_str());
  m_fd = -1;
  return false;
}

bool TimelogCacheWriter::write(std::string_view bytes) {
  if (m_fd < 0) return false;
  m_buffer.append(bytes);
  if (m_buffer.size() < (1U << 16)) return true;
  const bool ok = flush(m_buffer);
  m_buffer.clear();
  return ok;
}

void TimelogCacheWriter::add(const std::string& rel, const FileStamp& stamp, std::uint32_t entries, std::string_view blob) {
  if (m_fd < 0 || rel.size() >= k_end_of_records) return;
  std::string head;
  Out out(head);
  out.put(static_cast<std::uint32_t>(rel.size()));
  out.bytes(rel);
  out.put(stamp.size);
  out.put(stamp.mtime_ns);
  out.put(stamp.ctime_ns);
  out.put(stamp.inode);
  out.put(static_cast<std::uint8_t>(stamp.settled ? 1 : 0));
  out.put(stamp.hash);
  out.put(entries);
  out.put(static_cast<std::uint64_t>(blob.size()));
  out.put(content_hash(blob));
  if (write(head) && write(blob)) ++m_count;
}

bool TimelogCacheWriter::commit() {
  if (m_fd < 0) return false;
  std::string trailer;
  Out out(trailer);
  out.put(k_end_of_records);
  out.put(m_count);
  out.bytes(std::string_view(k_end_magic, 8));
  if (!write(trailer) || !flush(m_buffer)) return false; // the destructor removes the temporary file
  m_buffer.clear();
  if (::close(m_fd) != 0) {
    m_fd = -1;
    ::unlink(m_tmp.c_str());
    return false;
  }
  m_fd = -1;
  if (::rename(m_tmp.c_str(), m_file.c_str()) == 0) return true;
  ::unlink(m_tmp.c_str());
  return false;
}

// ---------------------------------------------------------------------------------------------
// Location

std::optional<fs::path> cache_file_for(const fs::path& dir, const fs::path& root) {
  std::error_code ec;
  const fs::path books = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return std::nullopt;
  const std::string key = books.string();
  char name[40];
  std::snprintf(name, sizeof name, "books-%016llx.cache", static_cast<unsigned long long>(content_hash(key)));
  return dir / name;
}

} // namespace books
