// The register summary and its cache (register_summary.hpp). Cache file layout (native byte
// order, this build only):
//   "HNRREGST" u32:format u32:n fingerprint[n] key[key_size]
//   u8:has_from [text] u8:has_latest [i32 year u32 month]
//   u32:n_contracts per contract: text:id u32:n_weeks (i32:monday i64:rate i64:hours)*
//                                 u32:n_expenses (i32:date i64:amount u8:outlay text)*
//   u32:n_billed per billed contract: text:id u32:n (i64:number)*
//   u64:content_hash of all before  "HNRREND!"
// (text: u32 length, bytes.)
#include "invoicing/register_summary.hpp"

#include "books/timelog_cache.hpp"
#include "register/register.hpp"
#include "util/binary_io.hpp"
#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <ctime>

namespace invoicing {
namespace fs = std::filesystem;
namespace {

constexpr char k_magic[8] = {'H', 'N', 'R', 'R', 'E', 'G', 'S', 'T'};
constexpr char k_end[8] = {'H', 'N', 'R', 'R', 'E', 'N', 'D', '!'};
constexpr std::uint32_t k_format = 1;

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

} // namespace

std::optional<std::string> register_key(const fs::path& books_dir, std::int64_t settle_ns) {
  const fs::path db = books_dir / invoice_register::k_file_name;
  std::error_code ec;
  if (fs::exists(db.string() + "-journal", ec) || fs::exists(db.string() + "-wal", ec)) return std::nullopt;
  const int fd = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  char header[100];
  const bool ok = ::fstat(fd, &st) == 0 && ::pread(fd, header, sizeof header, 0) == static_cast<ssize_t>(sizeof header);
  ::close(fd);
  if (!ok) return std::nullopt;
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const std::int64_t settled_before = nanoseconds(now) - settle_ns;
  const std::int64_t mtime = nanoseconds(st.st_mtim), ctime = nanoseconds(st.st_ctim);
  if (mtime >= settled_before || ctime >= settled_before) return std::nullopt;
  std::string key;
  auto put = [&](const auto& v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<std::uint64_t>(st.st_size));
  put(mtime);
  put(ctime);
  put(static_cast<std::uint64_t>(st.st_ino));
  put(static_cast<std::uint64_t>(st.st_dev));
  key.append(header, sizeof header);
  return key;
}

namespace {

using Out = util::BinaryOut;
using In = util::BinaryIn;

std::string header_of(const std::string& key) {
  std::string bytes(k_magic, 8);
  Out out(bytes);
  out.put(k_format);
  out.text(books::cache_fingerprint());
  out.text(key);
  return bytes;
}

} // namespace

std::optional<RegisterSummary> read_register_summary_file(const fs::path& file, const std::string& key) {
  const util::FileContent content = util::read_file(file, std::uint64_t{1} << 30);
  if (content.status != util::FileContent::Status::ok) return std::nullopt;
  const std::string_view all = content.text;
  const std::string header = header_of(key);
  if (all.size() < header.size() + 16 || all.substr(0, header.size()) != header ||
      all.substr(all.size() - 8) != std::string_view(k_end, 8))
    return std::nullopt;
  std::uint64_t hash = 0;
  std::memcpy(&hash, all.data() + all.size() - 16, 8);
  if (books::content_hash(all.substr(0, all.size() - 16)) != hash) return std::nullopt;
  In in(all.substr(header.size(), all.size() - 16 - header.size()));
  RegisterSummary s;
  std::uint8_t has_from = 0, has_latest = 0;
  std::string_view text;
  if (!in.get(has_from) || has_from > 1 || (has_from && !in.text(text))) return std::nullopt;
  if (has_from) s.invoicing_from = std::string(text);
  std::int32_t year = 0;
  std::uint32_t month = 0;
  if (!in.get(has_latest) || has_latest > 1 || (has_latest && (!in.get(year) || !in.get(month)))) return std::nullopt;
  if (has_latest) {
    s.latest_month = calendar::Month::from_ym(year, month);
    if (!s.latest_month) return std::nullopt;
  }
  std::uint32_t n_contracts = 0;
  if (!in.get(n_contracts)) return std::nullopt;
  for (std::uint32_t c = 0; c < n_contracts; ++c) {
    std::string_view id;
    std::uint32_t n_weeks = 0, n_expenses = 0;
    if (!in.text(id) || !in.get(n_weeks)) return std::nullopt;
    billing::BilledContract& bc = s.billed[std::string(id)];
    for (std::uint32_t i = 0; i < n_weeks; ++i) {
      std::int32_t monday = 0;
      std::int64_t rate = 0, hours = 0;
      if (!in.get(monday) || !in.get(rate) || !in.get(hours)) return std::nullopt;
      bc.weeks.emplace_hint(bc.weeks.end(),
                            billing::BilledWeekKey{calendar::IsoWeek::of(calendar::Date::from_days(monday)),
                                                   money::Money::from_hundredths(rate)},
                            money::Hours::from_hundredths(hours));
    }
    if (!in.get(n_expenses)) return std::nullopt;
    for (std::uint32_t i = 0; i < n_expenses; ++i) {
      std::int32_t date = 0;
      std::int64_t amount = 0;
      std::uint8_t outlay = 0;
      std::string_view t;
      if (!in.get(date) || !in.get(amount) || !in.get(outlay) || !in.text(t)) return std::nullopt;
      bc.expenses.emplace_hint(bc.expenses.end(), billing::BilledExpenseKey{calendar::Date::from_days(date), std::string(t),
                                                                            money::Money::from_hundredths(amount), outlay != 0});
    }
  }
  std::uint32_t n_billed = 0;
  if (!in.get(n_billed)) return std::nullopt;
  for (std::uint32_t c = 0; c < n_billed; ++c) {
    std::string_view id;
    std::uint32_t n = 0;
    if (!in.text(id) || !in.get(n)) return std::nullopt;
    auto& numbers = s.billed_contracts[std::string(id)];
    for (std::uint32_t i = 0; i < n; ++i) {
      std::int64_t number = 0;
      if (!in.get(number)) return std::nullopt;
      numbers.push_back(number);
    }
  }
  if (!in.at_end()) return std::nullopt;
  return s;
}

void write_register_summary_file(const fs::path& file, const std::string& key, const RegisterSummary& s) {
  if (books::cache_fingerprint().empty()) return;
  std::string bytes = header_of(key);
  Out out(bytes);
  out.put(static_cast<std::uint8_t>(s.invoicing_from ? 1 : 0));
  if (s.invoicing_from) out.text(*s.invoicing_from);
  out.put(static_cast<std::uint8_t>(s.latest_month ? 1 : 0));
  if (s.latest_month) {
    out.put(static_cast<std::int32_t>(s.latest_month->year()));
    out.put(static_cast<std::uint32_t>(s.latest_month->month()));
  }
  out.put(static_cast<std::uint32_t>(s.billed.size()));
  for (const auto& [id, bc] : s.billed) {
    out.text(id);
    out.put(static_cast<std::uint32_t>(bc.weeks.size()));
    for (const auto& [key_, hours] : bc.weeks) {
      out.put(static_cast<std::int32_t>(key_.week.monday().days_since_epoch()));
      out.put(static_cast<std::int64_t>(key_.rate.hundredths()));
      out.put(static_cast<std::int64_t>(hours.hundredths()));
    }
    out.put(static_cast<std::uint32_t>(bc.expenses.size()));
    for (const billing::BilledExpenseKey& x : bc.expenses) {
      out.put(static_cast<std::int32_t>(x.date.days_since_epoch()));
      out.put(static_cast<std::int64_t>(x.amount.hundredths()));
      out.put(static_cast<std::uint8_t>(x.outlay ? 1 : 0));
      out.text(x.text);
    }
  }
  out.put(static_cast<std::uint32_t>(s.billed_contracts.size()));
  for (const auto& [id, numbers] : s.billed_contracts) {
    out.text(id);
    out.put(static_cast<std::uint32_t>(numbers.size()));
    for (std::int64_t n : numbers) out.put(n);
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

RegisterSummary summarise_register(const invoice_register::Register& reg) {
  RegisterSummary s;
  s.billed = reg.billed_state();
  s.billed_contracts = reg.billed_contracts();
  s.invoicing_from = reg.invoicing_from();
  s.latest_month = reg.latest_month();
  return s;
}

fs::path register_cache_file(const fs::path& timelog_cache_file) {
  fs::path p = timelog_cache_file;
  p += ".register";
  return p;
}

std::shared_ptr<const RegisterSummary> read_register_summary(const fs::path& books_dir, int busy_timeout_ms,
                                                             const std::optional<fs::path>& cache_file,
                                                             std::int64_t settle_ns) {
  auto reg = invoice_register::Register::open_read_only(books_dir, busy_timeout_ms);
  if (!reg) return nullptr;
  // The read lock is held from here on: no run commits until `reg` goes.
  const std::optional<std::string> key = cache_file ? register_key(books_dir, settle_ns) : std::nullopt;
  if (key)
    if (auto cached = read_register_summary_file(*cache_file, *key)) {
      cached->key = key;
      return std::make_shared<const RegisterSummary>(std::move(*cached));
    }
  RegisterSummary summary = summarise_register(*reg);
  if (key) write_register_summary_file(*cache_file, *key, summary);
  summary.key = key;
  return std::make_shared<const RegisterSummary>(std::move(summary));
}

} // namespace invoicing
