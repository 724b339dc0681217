// The books cache (books_cache.hpp). File layout (native byte order, this build only):
//   "HNRWEEKS" u32:format u32:n fingerprint[n]
//   u64:settings_digest u64:timelog_digest u64:static_warnings
//   i32:from_year u32:from_month i32:last_monday (day number)
//   u32:n_contracts (u16:len id)*                                 the books' contracts, in order
//   u32:n_expenses (u32:contract i32:date i64:amount u8:outlay i32:line i32:column
//                   u32:path_len path u32:text_len text)*
//   per contract: u64:terms i32:first_monday u32:n_weeks WeekSummary[n] u64:entry_digest[n]
//                 u32:n_parts PartSummary[n]
//   u64:content_hash of all before  "HNRWEND!"
#include "billing/books_cache.hpp"

#include "books/timelog_cache.hpp"
#include "util/file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace billing {
namespace fs = std::filesystem;
namespace {

constexpr char k_magic[8] = {'H', 'N', 'R', 'W', 'E', 'E', 'K', 'S'};
constexpr char k_end[8] = {'H', 'N', 'R', 'W', 'E', 'N', 'D', '!'};
constexpr std::uint32_t k_format = 2; // 2: entry digests summed (order-free)

static_assert(std::is_trivially_copyable_v<WeekSummary>);
static_assert(std::is_trivially_copyable_v<PartSummary>);

class Out {
public:
  explicit Out(std::string& s) : m_s(s) {}
  template <class T> void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_s.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T> void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_s.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void text(std::string_view t) {
    put(static_cast<std::uint32_t>(t.size()));
    m_s.append(t);
  }

private:
  std::string& m_s;
};

class In {
public:
  explicit In(std::string_view s) : m_p(s.data()), m_end(s.data() + s.size()) {}
  template <class T> bool get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<std::size_t>(m_end - m_p) < sizeof v) return false;
    std::memcpy(&v, m_p, sizeof v);
    m_p += sizeof v;
    return true;
  }
  template <class T> bool array(std::vector<T>& v, std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<std::size_t>(m_end - m_p) / sizeof(T) < n) return false;
    v.resize(n);
    std::memcpy(v.data(), m_p, n * sizeof(T));
    m_p += n * sizeof(T);
    return true;
  }
  bool bytes(std::size_t n, std::string_view& out) {
    if (static_cast<std::size_t>(m_end - m_p) < n) return false;
    out = std::string_view(m_p, n);
    m_p += n;
    return true;
  }
  bool text(std::string_view& out) {
    std::uint32_t n = 0;
    return get(n) && bytes(n, out);
  }

private:
  const char* m_p;
  const char* m_end;
};

struct Mapping {
  void* data = MAP_FAILED;
  std::size_t size = 0;
  ~Mapping() {
    if (data != MAP_FAILED) ::munmap(data, size);
  }
};

} // namespace

fs::path books_cache_file(const fs::path& timelog_cache_file) {
  fs::path p = timelog_cache_file;
  p += ".weeks";
  return p;
}

std::optional<BooksSnapshot> read_books_cache(const fs::path& file, const books::Books& books) {
  const std::string& fingerprint = books::cache_fingerprint();
  if (fingerprint.empty()) return std::nullopt;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  Mapping map;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 64) {
    map.size = static_cast<std::size_t>(st.st_size);
    map.data = ::mmap(nullptr, map.size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  }
  ::close(fd);
  if (map.data == MAP_FAILED) return std::nullopt;
  const std::string_view all(static_cast<const char*>(map.data), map.size);
  // The trailer: the checksum of everything before it.
  std::uint64_t stored_hash = 0;
  std::memcpy(&stored_hash, all.data() + all.size() - 16, 8);
  if (std::memcmp(all.data() + all.size() - 8, k_end, 8) != 0 ||
      books::content_hash(all.substr(0, all.size() - 16)) != stored_hash)
    return std::nullopt;
  In in(all.substr(0, all.size() - 16));

  std::string_view magic, fp;
  std::uint32_t format = 0, fp_len = 0;
  if (!in.bytes(8, magic) || magic != std::string_view(k_magic, 8) || !in.get(format) || format != k_format ||
      !in.get(fp_len) || !in.bytes(fp_len, fp) || fp != fingerprint)
    return std::nullopt;
  BooksSnapshot s;
  std::int32_t from_year = 0, last_monday = 0;
  std::uint32_t from_month = 0;
  if (!in.get(s.settings_digest) || !in.get(s.timelog_digest) || !in.get(s.static_warnings) || !in.get(from_year) ||
      !in.get(from_month) || !in.get(last_monday))
    return std::nullopt;
  const auto from = calendar::Month::from_ym(from_year, from_month);
  if (!from || *from != books.settings.invoicing.from) return std::nullopt;
  std::uint32_t n_contracts = 0;
  if (!in.get(n_contracts) || n_contracts != books.contracts.size()) return std::nullopt;
  for (const books::Contract& c : books.contracts) {
    std::string_view id;
    if (!in.text(id) || id != c.id) return std::nullopt;
  }
  std::uint32_t n_expenses = 0;
  if (!in.get(n_expenses)) return std::nullopt;
  s.expenses.reserve(std::min<std::size_t>(n_expenses, map.size / 32));
  for (std::uint32_t i = 0; i < n_expenses; ++i) {
    std::uint32_t contract = 0;
    std::int32_t date = 0, line = 0, column = 0;
    std::int64_t amount = 0;
    std::uint8_t outlay = 0;
    std::string_view path, text;
    if (!in.get(contract) || !in.get(date) || !in.get(amount) || !in.get(outlay) || !in.get(line) || !in.get(column) ||
        !in.text(path) || !in.text(text) || contract >= n_contracts || outlay > 1)
      return std::nullopt;
    books::Expense& x = s.expenses.emplace_back();
    x.contract = contract;
    x.date = calendar::Date::from_days(date);
    x.amount = money::Money::from_hundredths(amount);
    x.outlay = outlay == 1;
    x.text.assign(text);
    x.where = diag::Location{std::string(path), line, column};
  }
  std::vector<ContractWeeks> contracts(n_contracts);
  for (std::size_t i = 0; i < n_contracts; ++i) {
    ContractWeeks& cw = contracts[i];
    cw.id = books.contracts[i].id;
    std::int32_t first_monday = 0;
    std::uint32_t n_weeks = 0, n_parts = 0;
    if (!in.get(cw.terms) || !in.get(first_monday) || !in.get(n_weeks) || !in.array(cw.weeks, n_weeks) ||
        !in.array(cw.entry_digests, n_weeks) || !in.get(n_parts) || !in.array(cw.parts, n_parts))
      return std::nullopt;
    cw.first = calendar::IsoWeek::of(calendar::Date::from_days(first_monday));
    for (const WeekSummary& w : cw.weeks)
      if (std::size_t{w.first_part} + w.part_count > n_parts) return std::nullopt;
  }
  s.weeks = WeekTable::from_parts(*from, calendar::IsoWeek::of(calendar::Date::from_days(last_monday)), std::move(contracts));
  return s;
}

void write_books_cache(const fs::path& file, const books::Books& books, const WeekTable& weeks,
                       std::uint64_t static_warnings) {
  const std::string& fingerprint = books::cache_fingerprint();
  if (fingerprint.empty() || !books.timelog_digest || books.timelogs_deferred ||
      weeks.contracts().size() != books.contracts.size())
    return;
  std::string bytes;
  Out out(bytes);
  bytes.append(k_magic, 8);
  out.put(k_format);
  out.text(fingerprint);
  out.put(books.settings_digest);
  out.put(*books.timelog_digest);
  out.put(static_warnings);
  out.put(static_cast<std::int32_t>(weeks.from().year()));
  out.put(static_cast<std::uint32_t>(weeks.from().month()));
  out.put(static_cast<std::int32_t>(weeks.last().monday().days_since_epoch()));
  out.put(static_cast<std::uint32_t>(books.contracts.size()));
  for (const books::Contract& c : books.contracts) out.text(c.id);
  out.put(static_cast<std::uint32_t>(books.expenses.size()));
  for (const books::Expense& x : books.expenses) {
    out.put(static_cast<std::uint32_t>(x.contract));
    out.put(static_cast<std::int32_t>(x.date.days_since_epoch()));
    out.put(static_cast<std::int64_t>(x.amount.hundredths()));
    out.put(static_cast<std::uint8_t>(x.outlay ? 1 : 0));
    out.put(static_cast<std::int32_t>(x.where.line));
    out.put(static_cast<std::int32_t>(x.where.column));
    out.text(x.where.path);
    out.text(x.text);
  }
  for (const ContractWeeks& cw : weeks.contracts()) {
    out.put(cw.terms);
    out.put(static_cast<std::int32_t>(cw.first.monday().days_since_epoch()));
    out.put(static_cast<std::uint32_t>(cw.weeks.size()));
    out.array(cw.weeks);
    out.array(cw.entry_digests);
    out.put(static_cast<std::uint32_t>(cw.parts.size()));
    out.array(cw.parts);
  }
  out.put(books::content_hash(bytes));
  bytes.append(k_end, 8);

  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return;
  const std::string tmp = file.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const bool ok = util::write_all(fd, bytes) == 0;
  if (::close(fd) != 0 || !ok || ::rename(tmp.c_str(), file.c_str()) != 0) ::unlink(tmp.c_str());
}

} // namespace billing
