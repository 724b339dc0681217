// The time-log cache: a load that uses it must give exactly what a load without it gives --
// entries, expenses and every diagnostic -- whatever happened to the books or the cache file
// in between (lib/books/timelog_cache.hpp). Also the loader's threads and fast path.
#include "books/load.hpp"
#include "books/timelog_cache.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

// A copy of examples/books (TOML and CSV time logs, expenses) to change at will, in `dir`
// (the tests put their cache files next to it).
fs::path example_books(const testutil::TempDir& dir) {
  fs::copy(fs::path(HONORAR_SOURCE_DIR) / "examples" / "books", dir.path() / "books", fs::copy_options::recursive);
  return dir.path() / "books";
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Everything a load gives, as text: entries, expenses, contracts, diagnostics in check's order.
std::string snapshot(const fs::path& root, const books::LoadOptions& options) {
  diag::Diagnostics diags;
  const books::Books b = books::load_books(root, diags, options);
  std::string out;
  for (const auto& c : b.contracts) out += "contract " + c.id + "\n";
  for (const auto& e : b.entries)
    out += fmt::format("entry {} {} {}/{} {} {} {} [{}] [{}] {}\n", b.contracts.at(e.contract).id, e.date.to_string(),
                       e.hours.num(), e.hours.den(), static_cast<int>(e.status), e.from_minute.value_or(-1),
                       e.to_minute.value_or(-1), e.staff(), e.note(), e.where.to_string());
  for (const auto& x : b.expenses)
    out += fmt::format("expense {} {} {} [{}]{} {}\n", b.contracts.at(x.contract).id, x.date.to_string(),
                       x.amount.to_string(), x.text, x.outlay ? " outlay" : "", x.where.to_string());
  diags.sort();
  for (const auto& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

books::LoadOptions without_cache() {
  books::LoadOptions o;
  o.threads = 1;
  o.fast_path = false; // the reference: toml++ for every TOML file, one thread
  return o;
}

// The test books were written a moment ago: with the default margin (2 s) no file would be
// settled. The tests use 50 ms, and wait that long where they need settled files.
constexpr std::int64_t k_test_settle_ns = 50'000'000;
void wait_until_settled() { std::this_thread::sleep_for(std::chrono::nanoseconds(k_test_settle_ns + 20'000'000)); }

books::LoadOptions with_cache(const fs::path& file, books::LoadOptions::Stats* stats,
                              std::int64_t settle_ns = k_test_settle_ns) {
  books::LoadOptions o;
  o.cache_file = file;
  o.cache_min_bytes = 0;
  o.stats = stats;
  o.settle_ns = settle_ns;
  return o;
}

// Sets a file's modification time back to `when` (an edit that keeps size and time stamp).
void keep_mtime(const fs::path& p, fs::file_time_type when) { fs::last_write_time(p, when); }

// Replaces the character at offset `skip` after `anchor` in file f by `by`, keeping the size and
// the mtime: an edit only the ctime and the content show.
void edit_keeping_size_and_mtime(const fs::path& f, std::string_view anchor, std::size_t skip, char by) {
  const auto when = fs::last_write_time(f);
  std::string text = read(f);
  const auto at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  text[at + skip] = by;
  write(f, text);
  keep_mtime(f, when);
}

} // namespace

TEST_CASE("time-log cache: a warm load gives exactly what a cold one gives") {
  const testutil::TempDir dir("honorar-cache-test-warm");
  const fs::path root = example_books(dir);
  const fs::path cache = root.parent_path() / "cache" / "books.cache";
  const std::string reference = snapshot(root, without_cache());
  wait_until_settled();
  REQUIRE(reference.find("entry ") != std::string::npos);
  REQUIRE(reference.find("expense ") != std::string::npos);

  books::LoadOptions::Stats cold;
  CHECK(snapshot(root, with_cache(cache, &cold)) == reference);
  CHECK(cold.files > 20);
  CHECK(cold.from_cache == 0);
  CHECK(cold.fast + cold.full == cold.files);
  CHECK(cold.fast > 0);
  CHECK(cold.cache_written);
  CHECK(fs::exists(cache));

  books::LoadOptions::Stats warm;
  CHECK(snapshot(root, with_cache(cache, &warm)) == reference);
  CHECK(warm.from_cache == warm.files);
  CHECK(warm.rehashed == 0); // settled and unchanged: not one time-log file read
  CHECK_FALSE(warm.cache_written); // nothing changed: nothing written

  SUBCASE("one file touched: it is read, found unchanged by its hash, reused and re-stamped") {
    const fs::path f = root / "timelog" / "2026" / "03.toml";
    // (Back, not forward: a time stamp in the future is never settled.)
    fs::last_write_time(f, fs::last_write_time(f) - std::chrono::seconds(5));
    wait_until_settled(); // so that the new stamp is settled too
    books::LoadOptions::Stats touched;
    CHECK(snapshot(root, with_cache(cache, &touched)) == reference);
    CHECK(touched.from_cache == touched.files);
    CHECK(touched.rehashed == 1);
    CHECK(touched.cache_written);
    books::LoadOptions::Stats after;
    CHECK(snapshot(root, with_cache(cache, &after)) == reference);
    CHECK(after.from_cache == after.files);
    CHECK(after.rehashed == 0);
    CHECK_FALSE(after.cache_written);
  }

  SUBCASE("files changed just before they were recorded are not settled: always hashed") {
    // With the real margin, files written a moment ago are "racy": their stat proves nothing.
    const fs::path racy_cache = root.parent_path() / "cache" / "racy.cache";
    books::LoadOptions::Stats first, second;
    CHECK(snapshot(root, with_cache(racy_cache, &first, books::k_default_settle_ns)) == reference);
    edit_keeping_size_and_mtime(root / "timelog" / "2026" / "03.toml", "hours    = 3", 11, '4');
    const std::string now = snapshot(root, with_cache(racy_cache, &second, books::k_default_settle_ns));
    CHECK(now == snapshot(root, without_cache()));
    CHECK(now != reference);
    CHECK(second.rehashed == second.files); // each one read and compared
    CHECK(second.from_cache == second.files - 1);
  }

  SUBCASE("an edit that keeps the size and the mtime is seen (its ctime moved)") {
    edit_keeping_size_and_mtime(root / "timelog" / "2026" / "03.toml", "hours    = 3", 11, '4');
    books::LoadOptions::Stats edited;
    const std::string now = snapshot(root, with_cache(cache, &edited));
    CHECK(now == snapshot(root, without_cache()));
    CHECK(now != reference);
    CHECK(edited.from_cache == edited.files - 1);
    CHECK(edited.rehashed == 1);
  }

  SUBCASE("a CSV edit that keeps the size and the time stamp is seen") {
    edit_keeping_size_and_mtime(root / "timelog" / "2026" / "03-mentor.csv", ",3.5,", 1, '2');
    const std::string now = snapshot(root, with_cache(cache, nullptr));
    CHECK(now == snapshot(root, without_cache()));
    CHECK(now != reference);
  }

  SUBCASE("a contract removed: the cached entries naming it are errors again") {
    fs::remove(root / "contracts" / "2C-2025-003-ab.toml");
    const std::string now = snapshot(root, with_cache(cache, nullptr));
    CHECK(now == snapshot(root, without_cache()));
    CHECK(now.find("unknown contract '2C-2025-003'") != std::string::npos);
  }

  SUBCASE("an outlay's flag is recorded and restored") {
    write(root / "timelog" / "2026" / "09-outlay.toml", "[[expense]]\ncontract = \"2C-2025-011\"\ndate = 2026-09-15\n"
                                                        "amount = 24.00\ntext = \"Bus\"\noutlay = true\n");
    const std::string cold_now = snapshot(root, without_cache());
    REQUIRE(cold_now.find("[Bus] outlay ") != std::string::npos);
    wait_until_settled();
    books::LoadOptions::Stats recorded, restored;
    CHECK(snapshot(root, with_cache(cache, &recorded)) == cold_now);
    CHECK(recorded.cache_written);
    CHECK(snapshot(root, with_cache(cache, &restored)) == cold_now);
    CHECK(restored.from_cache == restored.files);
  }

  SUBCASE("an expense agreement withdrawn: the cached expenses are errors again") {
    bool changed = false;
    for (const auto& f : fs::directory_iterator(root / "contracts")) {
      std::string text = read(f.path());
      const auto at = text.find("agreed = true");
      if (at == std::string::npos) continue;
      text.replace(at, 13, "agreed = false");
      write(f.path(), text);
      changed = true;
    }
    REQUIRE(changed);
    const std::string now = snapshot(root, with_cache(cache, nullptr));
    CHECK(now == snapshot(root, without_cache()));
    CHECK(now.find("no expense agreement") != std::string::npos);
  }

  SUBCASE("a new contract shifts the contract numbers") {
    std::string text = read(root / "contracts" / "2C-2025-003-ab.toml");
    const auto at = text.find("id             = \"2C-2025-003\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 30, "id             = \"2C-2024-001\"");
    write(root / "contracts" / "0-first.toml", text);
    CHECK(snapshot(root, with_cache(cache, nullptr)) == snapshot(root, without_cache()));
  }

  SUBCASE("a file removed, a file renamed, a file added") {
    fs::remove(root / "timelog" / "2026" / "04.toml");
    fs::rename(root / "timelog" / "2026" / "05.toml", root / "timelog" / "2026" / "05-renamed.toml");
    write(root / "timelog" / "extra.toml", "[[entry]]\ncontract = \"2C-2025-003\"\ndate = 2026-05-05\nhours = 1\n");
    books::LoadOptions::Stats stats;
    CHECK(snapshot(root, with_cache(cache, &stats)) == snapshot(root, without_cache()));
    CHECK(stats.cache_written);
    books::LoadOptions::Stats again;
    CHECK(snapshot(root, with_cache(cache, &again)) == snapshot(root, without_cache()));
    CHECK(again.from_cache == again.files);
  }

  SUBCASE("a file with errors is never cached and reports the same every time") {
    write(root / "timelog" / "bad.toml", "[[entry]]\ncontract = \"nobody\"\ndate = 2026-05-05\nhours = 1\nbogus = 2\n");
    const std::string expected = snapshot(root, without_cache());
    CHECK(expected.find("unknown contract 'nobody'") != std::string::npos);
    books::LoadOptions::Stats first, second;
    CHECK(snapshot(root, with_cache(cache, &first)) == expected);
    CHECK(snapshot(root, with_cache(cache, &second)) == expected);
    CHECK(second.from_cache == second.files - 1);
    CHECK_FALSE(second.cache_written);
  }

  SUBCASE("a damaged cache file is ignored") {
    const std::string good = read(cache);
    std::mt19937 rng(7);
    for (int i = 0; i < 40; ++i) {
      std::string bad = good;
      switch (i % 4) {
      case 0: bad.resize(std::uniform_int_distribution<std::size_t>(0, good.size() - 1)(rng)); break;
      case 1: bad[std::uniform_int_distribution<std::size_t>(0, good.size() - 1)(rng)] ^= 0x5A; break;
      case 2: bad += "x"; break;
      default: bad = std::string(good.size(), '\0'); break;
      }
      write(cache, bad);
      CHECK(snapshot(root, with_cache(cache, nullptr)) == reference);
    }
  }

  SUBCASE("a cache of other books with the same file names is not mistaken for these") {
    const testutil::TempDir other_dir("honorar-cache-test-other");
    const fs::path other = example_books(other_dir);
    std::string text = read(other / "timelog" / "2026" / "03.toml");
    text += "\n[[entry]]\ncontract = \"2C-2025-003\"\ndate = 2026-03-30\nhours = 2\n";
    write(other / "timelog" / "2026" / "03.toml", text);
    CHECK(snapshot(other, with_cache(cache, nullptr)) == snapshot(other, without_cache()));
    CHECK(snapshot(root, with_cache(cache, nullptr)) == reference);
  }

}

TEST_CASE("time-log cache: random edits, cached loads equal uncached ones") {
  const testutil::TempDir dir("honorar-cache-test-random");
  const fs::path root = example_books(dir);
  const fs::path cache = root.parent_path() / "cache" / "books.cache";
  std::mt19937 rng(20251123);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  std::vector<fs::path> logs;
  for (const auto& f : fs::recursive_directory_iterator(root / "timelog"))
    if (f.is_regular_file()) logs.push_back(f.path());
  std::sort(logs.begin(), logs.end());
  REQUIRE(logs.size() > 10);
  for (int step = 0; step < 30; ++step) {
    const fs::path f = logs[static_cast<std::size_t>(pick(static_cast<int>(logs.size())))];
    std::string text = read(f);
    const auto when = fs::last_write_time(f);
    switch (pick(5)) {
    case 0: // a digit changed, time stamp kept
      for (std::size_t i = static_cast<std::size_t>(pick(static_cast<int>(text.size()))); i < text.size(); ++i)
        if (text[i] >= '1' && text[i] <= '8') {
          text[i] = static_cast<char>(text[i] + 1);
          break;
        }
      write(f, text);
      keep_mtime(f, when);
      break;
    case 1: // a line removed
      if (auto nl = text.find('\n', static_cast<std::size_t>(pick(static_cast<int>(text.size())))); nl != std::string::npos) {
        const auto end = text.find('\n', nl + 1);
        text.erase(nl, end == std::string::npos ? std::string::npos : end - nl);
      }
      write(f, text);
      break;
    case 2: // touched only
      fs::last_write_time(f, when + std::chrono::seconds(1 + pick(100)));
      break;
    case 3: // the cache file damaged
      if (fs::exists(cache)) {
        std::string c = read(cache);
        if (!c.empty()) c[static_cast<std::size_t>(pick(static_cast<int>(c.size())))] ^= 1;
        write(cache, c);
      }
      break;
    default: // a line duplicated
      if (auto nl = text.find('\n', static_cast<std::size_t>(pick(static_cast<int>(text.size())))); nl != std::string::npos) {
        const auto end = text.find('\n', nl + 1);
        text.insert(nl, text.substr(nl, end == std::string::npos ? std::string::npos : end - nl));
      }
      write(f, text);
      break;
    }
    INFO("step ", step, ": ", f.string());
    const std::string expected = snapshot(root, without_cache());
    CHECK(snapshot(root, with_cache(cache, nullptr)) == expected);
    CHECK(snapshot(root, with_cache(cache, nullptr)) == expected); // and warm
  }
}

TEST_CASE("loader: threads and the fast path change nothing") {
  const testutil::TempDir dir("honorar-cache-test-threads");
  const fs::path root = example_books(dir);
  const std::string reference = snapshot(root, without_cache());
  for (unsigned threads : {1U, 2U, 3U}) {
    for (bool fast : {false, true}) {
      books::LoadOptions o;
      o.threads = threads;
      o.fast_path = fast;
      books::LoadOptions::Stats stats;
      o.stats = &stats;
      CHECK(snapshot(root, o) == reference);
      CHECK(stats.from_cache == 0);
      CHECK((stats.fast > 0) == fast);
    }
  }
}

TEST_CASE("books::content_hash") {
  CHECK(books::content_hash("") != books::content_hash(std::string(1, '\0')));
  CHECK(books::content_hash("abc") == books::content_hash("abc"));
  // Every single-bit change of texts of many lengths changes the hash.
  std::string text;
  for (int len = 0; len < 200; ++len) {
    text += static_cast<char>('a' + len % 26);
    const auto h = books::content_hash(text);
    for (std::size_t i = 0; i < text.size(); ++i)
      for (int bit = 0; bit < 8; bit += 3) {
        std::string t = text;
        t[i] = static_cast<char>(t[i] ^ (1 << bit));
        CHECK_MESSAGE(books::content_hash(t) != h, "len ", len, " byte ", i);
      }
  }
}
