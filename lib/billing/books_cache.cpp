// The books cache (books_cache.hpp). File layout (native byte order, this build only):
//   "HNRWEEKS" u32:format u64:head_len head u64:hash(head)
//   head: text:fingerprint+salt u64:settings_digest u64:timelog_digest u64:static_warnings
//         i32:from_year u32:from_month i32:last_monday (day number)
//         u32:n_contracts text:id*                                the books' contracts, in order
//         u32:n_expenses (u32:contract i32:date i64:amount u8:outlay i32:line i32:column
//                         text:path text:text)*
//   per contract: u64:terms i32:first_monday u32:n_weeks u32:n_parts u32:0 u64:hash(those 24)
//                 WeekSummary[n_weeks] u64:hash  u64:entry_digest[n_weeks] u64:hash
//                 PartSummary[n_parts] u64:hash
//   "HNRWEND!"                                              (text: u32 length, bytes)
#include "billing/books_cache.hpp"

#include "books/timelog_cache.hpp"
#include "util/binary_io.hpp"
#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <type_traits>

namespace billing {
namespace fs = std::filesystem;
namespace {

constexpr char k_magic[8] = {'H', 'N', 'R', 'W', 'E', 'E', 'K', 'S'};
constexpr char k_end[8] = {'H', 'N', 'R', 'W', 'E', 'N', 'D', '!'};
constexpr std::uint32_t k_format = 3; // 3: read and written piece by piece, each piece hashed

static_assert(std::is_trivially_copyable_v<WeekSummary>);
static_assert(std::is_trivially_copyable_v<PartSummary>);

using Out = util::BinaryOut;
using In = util::BinaryIn;

} // namespace

fs::path books_cache_file(const fs::path& timelog_cache_file) {
  fs::path p = timelog_cache_file;
  p += ".weeks";
  return p;
}

namespace {

// Reads exactly n bytes; false at the end of the file or on an error.
bool read_exact(std::FILE* f, void* to, std::size_t n) { return n == 0 || std::fread(to, 1, n, f) == n; }

// An array of n values followed by the content hash of its bytes, read straight into `v`.
template <class T> bool read_array(std::FILE* f, std::vector<T>& v, std::size_t n, std::uint64_t bytes_left) {
  if (n > bytes_left / sizeof(T)) return false; // damage: more than the file holds
  v.resize(n);
  std::uint64_t hash = 0;
  const std::size_t bytes = n * sizeof(T);
  return read_exact(f, v.data(), bytes) && read_exact(f, &hash, sizeof hash) &&
         books::content_hash(std::string_view(reinterpret_cast<const char*>(v.data()), bytes)) == hash;
}

struct File {
  std::FILE* f = nullptr;
  ~File() {
    if (f) std::fclose(f);
  }
};

} // namespace

std::optional<BooksSnapshot> read_books_cache(const fs::path& file, const books::Books& books, std::string_view salt) {
  if (books::cache_fingerprint().empty()) return std::nullopt;
  const std::string fingerprint = books::cache_fingerprint() + std::string(salt);
  // Read piece by piece into the values (no copy of the whole file in memory: a long history's
  // table is tens of MB), each piece checked against its stored hash.
  File in_file;
  in_file.f = std::fopen(file.c_str(), "rbe");
  if (!in_file.f) return std::nullopt;
  std::FILE* f = in_file.f;
  struct stat st {};
  if (::fstat(::fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  char magic[8];
  std::uint32_t format = 0;
  std::uint64_t head_len = 0, head_hash = 0;
  if (!read_exact(f, magic, 8) || std::memcmp(magic, k_magic, 8) != 0 || !read_exact(f, &format, 4) ||
      format != k_format || !read_exact(f, &head_len, 8) || head_len > file_size)
    return std::nullopt;
  std::string head(head_len, '\0');
  if (!read_exact(f, head.data(), head.size()) || !read_exact(f, &head_hash, 8) || books::content_hash(head) != head_hash)
    return std::nullopt;
  In in(head);

  std::string_view fp;
  std::uint32_t fp_len = 0;
  if (!in.get(fp_len) || !in.bytes(fp_len, fp) || fp != fingerprint) return std::nullopt;
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
  s.expenses.reserve(std::min<std::size_t>(n_expenses, head.size() / 32));
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
    struct {
      std::uint64_t terms;
      std::int32_t first_monday;
      std::uint32_t n_weeks;
      std::uint32_t n_parts;
      std::uint32_t zero;
      std::uint64_t hash;
    } meta{};
    static_assert(sizeof meta == 32);
    if (!read_exact(f, &meta, sizeof meta) ||
        books::content_hash(std::string_view(reinterpret_cast<const char*>(&meta), 24)) != meta.hash || meta.zero != 0)
      return std::nullopt;
    cw.terms = meta.terms;
    cw.first = calendar::IsoWeek::of(calendar::Date::from_days(meta.first_monday));
    if (!read_array(f, cw.weeks, meta.n_weeks, file_size) || !read_array(f, cw.entry_digests, meta.n_weeks, file_size) ||
        !read_array(f, cw.parts, meta.n_parts, file_size))
      return std::nullopt;
    for (const WeekSummary& w : cw.weeks)
      if (std::size_t{w.first_part} + w.part_count > meta.n_parts) return std::nullopt;
  }
  char end[8];
  if (!read_exact(f, end, 8) || std::memcmp(end, k_end, 8) != 0 || std::fgetc(f) != EOF) return std::nullopt;
  s.weeks = WeekTable::from_parts(*from, calendar::IsoWeek::of(calendar::Date::from_days(last_monday)), std::move(contracts));
  return s;
}

void write_books_cache(const fs::path& file, const books::Books& books, const WeekTable& weeks,
                       std::uint64_t static_warnings) {
  if (books.timelogs_deferred) return;
  write_books_cache(file, books, weeks, books.expenses, static_warnings, {});
}

void write_books_cache(const fs::path& file, const books::Books& books, const WeekTable& weeks,
                       const std::vector<books::Expense>& expenses, std::uint64_t static_warnings,
                       std::string_view salt) {
  if (books::cache_fingerprint().empty() || !books.timelog_digest || weeks.contracts().size() != books.contracts.size())
    return;
  const std::string fingerprint = books::cache_fingerprint() + std::string(salt);
  std::string head;
  Out out(head);
  out.text(fingerprint);
  out.put(books.settings_digest);
  out.put(*books.timelog_digest);
  out.put(static_warnings);
  out.put(static_cast<std::int32_t>(weeks.from().year()));
  out.put(static_cast<std::uint32_t>(weeks.from().month()));
  out.put(static_cast<std::int32_t>(weeks.last().monday().days_since_epoch()));
  out.put(static_cast<std::uint32_t>(books.contracts.size()));
  for (const books::Contract& c : books.contracts) out.text(c.id);
  out.put(static_cast<std::uint32_t>(expenses.size()));
  for (const books::Expense& x : expenses) {
    out.put(static_cast<std::uint32_t>(x.contract));
    out.put(static_cast<std::int32_t>(x.date.days_since_epoch()));
    out.put(static_cast<std::int64_t>(x.amount.hundredths()));
    out.put(static_cast<std::uint8_t>(x.outlay ? 1 : 0));
    out.put(static_cast<std::int32_t>(x.where.line));
    out.put(static_cast<std::int32_t>(x.where.column));
    out.text(x.where.path);
    out.text(x.text);
  }

  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return;
  const std::string tmp = file.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  // Small pieces gathered, the arrays written from where they lie (no copy of the table).
  std::string pending(k_magic, 8);
  Out p(pending);
  p.put(k_format);
  p.put(static_cast<std::uint64_t>(head.size()));
  pending += head;
  p.put(books::content_hash(head));
  bool ok = true;
  auto flush = [&] {
    ok = ok && util::write_all(fd, pending) == 0;
    pending.clear();
  };
  auto array = [&](const auto& v) {
    const std::string_view bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
    if (bytes.size() > (1U << 16)) {
      flush();
      ok = ok && util::write_all(fd, bytes) == 0;
    } else {
      pending.append(bytes);
    }
    p.put(books::content_hash(bytes));
  };
  for (const ContractWeeks& cw : weeks.contracts()) {
    struct {
      std::uint64_t terms;
      std::int32_t first_monday;
      std::uint32_t n_weeks;
      std::uint32_t n_parts;
      std::uint32_t zero;
      std::uint64_t hash;
    } meta{cw.terms, cw.first.monday().days_since_epoch(), static_cast<std::uint32_t>(cw.weeks.size()),
           static_cast<std::uint32_t>(cw.parts.size()), 0, 0};
    meta.hash = books::content_hash(std::string_view(reinterpret_cast<const char*>(&meta), 24));
    p.put(meta);
    array(cw.weeks);
    array(cw.entry_digests);
    array(cw.parts);
    if (pending.size() > (1U << 16)) flush();
  }
  pending.append(k_end, 8);
  flush();
  if (::close(fd) != 0 || !ok || ::rename(tmp.c_str(), file.c_str()) != 0) ::unlink(tmp.c_str());
}

} // namespace billing
