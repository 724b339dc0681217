// Hostile books (issue 6): whatever bytes the files hold, the loaders report errors, never crash,
// hang or exhaust memory. Also the regression tests of what fuzzing found (fuzz/README.md).
#include "books/contract.hpp"
#include "books/load.hpp"
#include "books/settings.hpp"
#include "books/timelog_csv.hpp"
#include "books/timelog_toml.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string report(diag::Diagnostics& diags) {
  diags.sort();
  std::string out;
  for (const diag::Diagnostic& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

constexpr std::string_view k_settings = R"([provider]
name    = "2nd Chance 2020"
cvr     = "12345674"
address = ["Hovedgaden 1", "4000 Roskilde"]
bank    = { reg = "1234", account = "1234567890" }

[invoicing]
from          = "2025-11"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
)";

constexpr std::string_view k_contract = R"(id = "C1"
citizen = "AB"
service = "Støtte- og kontaktpersonsforløb"
start = 2025-11-03
hours_per_week = 7.5
rate = 525.00

[payer]
kind = "private"
name = "Familien"
address = ["Skolevej 1", "4000 Roskilde"]

[expenses]
agreed = true
)";

constexpr std::string_view k_toml_log = R"([[entry]]
contract = "C1"
date = 2025-11-04
hours = 2.5
note = "ok"

[[expense]]
contract = "C1"
date = 2025-11-05
amount = 85.00
text = "Biograf"
)";

constexpr std::string_view k_csv_log = "contract,date,hours,status,note\nC1,2025-11-04,2.5,,ok\n";

std::vector<books::Contract> one_contract() {
  books::Contract c;
  c.id = "C1";
  c.expenses_agreed = true;
  return {c};
}

struct Loaded {
  std::size_t entries = 0;
  std::size_t expenses = 0;
  std::string diagnostics;
};

Loaded contract(std::string text) {
  diag::Diagnostics diags;
  books::Contract c;
  books::load_contract("contracts/c1.toml", std::move(text), c, diags);
  return {0, 0, report(diags)};
}

Loaded settings(std::string text) {
  diag::Diagnostics diags;
  books::load_settings("honorar.toml", std::move(text), diags);
  return {0, 0, report(diags)};
}

Loaded toml_log(std::string text) {
  const auto contracts = one_contract();
  const books::ContractIndex index(contracts);
  diag::Diagnostics diags;
  std::vector<books::Entry> entries;
  std::vector<books::Expense> expenses;
  books::TextArena texts;
  books::load_timelog_toml("timelog/log.toml", std::move(text), index, entries, expenses, texts, diags);
  return {entries.size(), expenses.size(), report(diags)};
}

Loaded csv_log(const std::string& text) {
  const auto contracts = one_contract();
  const books::ContractIndex index(contracts);
  diag::Diagnostics diags;
  std::vector<books::Entry> entries;
  books::TextArena texts;
  books::load_timelog_csv("timelog/log.csv", text, index, entries, texts, diags);
  return {entries.size(), 0, report(diags)};
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// Every TOML loader, for the tests that hold for all of them.
struct TomlLoader {
  const char* name;
  Loaded (*load)(std::string);
};
constexpr TomlLoader k_toml_loaders[] = {{"contract", contract}, {"honorar.toml", settings}, {"time log", toml_log}};

} // namespace

TEST_CASE("hostile TOML: deep nesting is an error, never a stack overflow") {
  // Found by fuzz_contract: toml++ recurses once per component of a dotted key or table header.
  const std::string deep_dotted = "a" + repeat(".a", 100'000) + " = 1\n";
  const std::string deep_header = "[" + repeat("a.", 100'000) + "a]\n";
  const std::string deep_array_of_tables = "[[" + repeat("a.", 100'000) + "a]]\n";
  const std::string deep_quoted = repeat("\"a\" . ", 100'000) + "b = 1\n";
  const std::string deep_inline_dotted = "x = { " + repeat("a.", 100'000) + "b = 1 }\n";
  const std::string deep_arrays = "x = " + repeat("[", 100'000) + repeat("]", 100'000) + "\n";
  const std::string deep_inline = "x = " + repeat("{a=", 100'000) + "1" + repeat("}", 100'000) + "\n";
  // Many nested arrays of tables, each one level deeper: slow in toml++ (quadratic) without the limit.
  std::string growing;
  for (int i = 1; i < 2000; ++i) growing += "[[" + repeat("a.", static_cast<std::size_t>(i)) + "a]]\n";
  for (const TomlLoader& loader : k_toml_loaders) {
    CAPTURE(loader.name);
    for (const std::string* text : std::vector<const std::string*>{&deep_dotted, &deep_header, &deep_array_of_tables, &deep_quoted, &deep_inline_dotted,
                                    &deep_arrays, &deep_inline, &growing}) {
      const auto started = std::chrono::steady_clock::now();
      const Loaded loaded = loader.load(*text);
      CHECK(loaded.diagnostics.find(": error: ") != std::string::npos);
      CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    }
    CHECK(loader.load(deep_dotted).diagnostics.find(":1:34: error: TOML syntax: a dotted key or table header with more than 17 parts") !=
          std::string::npos);
  }
  // Dots inside strings and comments, and floats, are no keys.
  const std::string dotted_values = std::string(k_contract) + "# " + repeat("a.", 100) + "\n";
  CHECK(contract(dotted_values).diagnostics.empty());
  CHECK(contract(std::string(k_contract).replace(k_contract.find("\"AB\""), 4, "\"" + repeat("A.", 10) + "\"")).diagnostics.empty());
  // Three parts (what books need) and seventeen are fine.
  CHECK(settings(std::string(k_settings) + "\n[documents]\n").diagnostics.empty());
  CHECK(toml_log("a" + repeat(".a", 16) + " = 1\n").diagnostics.find("more than 17 parts") == std::string::npos);
  CHECK(toml_log("a" + repeat(".a", 17) + " = 1\n").diagnostics.find("more than 17 parts") != std::string::npos);
}

TEST_CASE("hostile TOML: a letter such as ø where toml++ 3.3 would reach undefined behaviour is an error") {
  // Found by fuzz_contract, fuzz_settings, fuzz_timelog_toml (UBSan: "execution reached an
  // unreachable program point" in toml++'s is_non_ascii_horizontal_whitespace; upstream
  // marzer/tomlplusplus#190, #295). honorar refuses the text before toml++ reads it.
  for (const TomlLoader& loader : k_toml_loaders) {
    CAPTURE(loader.name);
    // Outside strings and comments: never valid TOML, now one clear message.
    CHECK(loader.load("xpensesløb = 1\n").diagnostics.find(
              ":1:9: error: TOML syntax: TOML allows letters such as 'ø' only inside quotes (a string) or in a comment") !=
          std::string::npos);
    CHECK(loader.load("a = 1ø\n").diagnostics.find(":1:6: error: TOML syntax: TOML allows letters") != std::string::npos);
    CHECK(loader.load("\xEF\xBB\xBF\xC2\xA0" "a = 1\n").diagnostics.find(":1:1: error: TOML syntax: TOML allows letters") !=
          std::string::npos);
    // After a line-ending backslash in a multi-line basic string (valid TOML, but toml++ 3.3
    // cannot read it reliably): refused with a hint.
    CHECK(loader.load("s = \"\"\"\\\n\xC2\xA7\"\"\"\n").diagnostics.find(
              ":2:1: error: TOML syntax: a letter such as 'ø' right after a backslash") != std::string::npos);
    CHECK(loader.load("s = \"\"\"a \\  \r\n\n   ørestad\"\"\"\n").diagnostics.find(":3:4: error: TOML syntax: a letter") !=
          std::string::npos);
    CHECK(loader.load("s = \"\"\"\\ø\"\"\"\n").diagnostics.find(":1:9: error: TOML syntax: a letter") != std::string::npos);
    // A quote inside a bare value, which toml++ scans ahead of the value up to a space, comma,
    // ']', '}' or '#' (fuzz/regressions/*/unreachable-value-lookahead): the '[', '{' or '='
    // there opens nothing, so no string starts after it.
    for (const std::string source : {"a = 540xwr\"lø\"\n", "a = 1\"ø\"\n", "a = [[ms7[\"Kø\"]]]\n", "a = [1{\"ø\" = 1}]\n",
                                     "a = 1=\"ø\"\n", "a = [+x[\"ø\"]\n", "a = 34=.==\"ø\"\n", "a = 3.=\"ø\"\n",
                                     "a = [1.=\"ø\"]\n"}) {
      CAPTURE(source);
      CHECK(loader.load(source).diagnostics.find("error: TOML syntax: unexpected") != std::string::npos);
    }
    // A table header that does not start with a key, which toml++ 3.3 assumes it does (an
    // assertion in the asan build, found by the differential test of the fast path).
    for (const std::string source : {"[:a]\n", "[ :a]\n", "[[ :a]]\n", "[=]\n", "[#]\n", "[ \n", "[.a]\n", "[[.a]]\n",
                                     "[,]\n", "[{]\n", "[[[a]]]\n", "[ [a]]\n", "x = 1\n  [\x01]\n"}) {
      CAPTURE(source);
      CHECK(loader.load(source).diagnostics.find("error: TOML syntax: a table header needs a key after '['") !=
            std::string::npos);
    }
    // Headers that are keys are for toml++ to judge: no refusal here.
    for (const std::string source : {"[a]\n", "[ \"a b\" ]\n", "[[ 'a' ]]\n", "[]\n", "[-]\n"}) {
      CAPTURE(source);
      CHECK(loader.load(source).diagnostics.find("a table header needs a key") == std::string::npos);
    }
  }
  // Letters in strings and comments, literal strings and escaped backslashes are all fine.
  const Loaded fine = toml_log("# måned\n[[entry]] # æøå\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 1\n"
                               "note = \"\"\"Mødet \\\n  på kontoret \\\\ø\"\"\"\n"
                               "staff = '''\\\nø'''\n");
  CHECK(fine.diagnostics.empty());
  CHECK(fine.entries == 1);
  CHECK(toml_log("[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 1\nnote = \"\\\\ø\"\n").entries == 1);
}

TEST_CASE("hostile TOML and CSV: invalid UTF-8 and NUL bytes are errors") {
  const std::vector<std::string> bad_bytes = {
      "\xFF",             // never in UTF-8
      "\x80",             // a lone continuation byte
      "\xC3",             // a truncated sequence
      "\xC0\xAF",         // an overlong '/'
      "\xED\xA0\x80",     // a UTF-16 surrogate
      "\xF4\x90\x80\x80", // above U+10FFFF
      std::string(1, '\0'),
  };
  for (const std::string& bad : bad_bytes) {
    CAPTURE(bad.size());
    // In a string value, in a comment, in a key.
    for (const TomlLoader& loader : k_toml_loaders) {
      CAPTURE(loader.name);
      std::string base = loader.load == contract ? std::string(k_contract)
                         : loader.load == settings ? std::string(k_settings)
                                                   : std::string(k_toml_log);
      const std::size_t quote = base.find('"');
      CHECK(loader.load(std::string(base).insert(quote + 1, bad)).diagnostics.find(": error: ") != std::string::npos);
      CHECK(loader.load(base + "# " + bad + "\n").diagnostics.find(": error: ") != std::string::npos);
      CHECK(loader.load(bad + " = 1\n" + base).diagnostics.find(": error: ") != std::string::npos);
    }
    // CSV: in a note, in the contract id, in the header.
    const Loaded in_note = csv_log("contract,date,hours,status,note\nC1,2025-11-04,2.5,,o" + bad + "k\n");
    CHECK(in_note.entries == 0);
    CHECK(in_note.diagnostics.find("timelog/log.csv:2:") != std::string::npos);
    CHECK(in_note.diagnostics.find("UTF-8") != std::string::npos);
    CHECK(csv_log("contract,date,hours,status\nC" + bad + "1,2025-11-04,2.5,\n").entries == 0);
    const Loaded in_header = csv_log("contract,date,hours,status" + bad + "\n");
    CHECK(in_header.diagnostics.find("timelog/log.csv:1:27: error:") != std::string::npos);
    // Messages never echo the bad bytes (they go to terminals and into JSON).
    CHECK(in_note.diagnostics.find(bad) == std::string::npos);
    CHECK(in_header.diagnostics.find(bad) == std::string::npos);
  }
  // Valid UTF-8 of every length passes.
  CHECK(csv_log("contract,date,hours,status,note\nC1,2025-11-04,2.5,,æøå € 𝄞\n").entries == 1);
}

TEST_CASE("hostile TOML and CSV: CRLF line ends and a byte-order mark read like LF without one") {
  CHECK(contract(std::string(k_contract)).diagnostics.empty());
  CHECK(contract(crlf(k_contract)).diagnostics.empty());
  CHECK(contract(std::string(k_bom) + crlf(k_contract)).diagnostics.empty());
  CHECK(settings(std::string(k_bom) + crlf(k_settings)).diagnostics.empty());
  const Loaded toml = toml_log(std::string(k_bom) + crlf(k_toml_log));
  CHECK(toml.diagnostics.empty());
  CHECK(toml.entries == 1);
  CHECK(toml.expenses == 1);
  const Loaded csv = csv_log(std::string(k_bom) + crlf(k_csv_log));
  CHECK(csv.diagnostics.empty());
  CHECK(csv.entries == 1);
  // An error's position is the same with CRLF and a BOM.
  const std::string bad = std::string(k_contract).replace(k_contract.find("7.5"), 3, "7.555");
  CHECK(contract(bad).diagnostics == contract(std::string(k_bom) + crlf(bad)).diagnostics);
  // A BOM anywhere but at the start, and a lone CR, are no line ends.
  CHECK_FALSE(toml_log(std::string(k_toml_log) + std::string(k_bom) + "[[entry]]\n").diagnostics.empty());
}

TEST_CASE("hostile contract ids: anything that could leave a folder is refused") {
  for (const std::string& id : std::vector<std::string>{"../x", "../../etc/passwd", "x/../../y", "/etc/passwd", "..", ".", ".hidden", "a\\b",
                               "a/b", "", "-x", "x y", "x\ny", std::string("x\0y", 3), "æ", repeat("a", 65)}) {
    CAPTURE(id);
    std::string text = std::string(k_contract);
    text.replace(text.find("\"C1\""), 4, "\"" + id + "\"");
    const Loaded loaded = contract(text);
    CHECK(loaded.diagnostics.find(": error: ") != std::string::npos);
  }
  // A valid id has no '/' and does not start with '.': it can name no other folder.
  for (const std::string& id : std::vector<std::string>{"a..b", "2C-2025-014", "x.y_z-1", repeat("a", 64)}) {
    CAPTURE(id);
    std::string text = std::string(k_contract);
    text.replace(text.find("\"C1\""), 4, "\"" + id + "\"");
    CHECK(contract(text).diagnostics.empty());
  }
}

namespace {

// A books directory in the temporary folder, removed at the end.
class TempBooks {
public:
  TempBooks() {
    fs::create_directories(root() / "contracts");
    fs::create_directories(root() / "timelog");
    write("honorar.toml", k_settings);
    write("contracts/c1.toml", k_contract);
  }
  ~TempBooks() {
    std::error_code ec;
    if (!m_outside.empty()) fs::remove_all(m_outside, ec);
  }
  TempBooks(const TempBooks&) = delete;
  TempBooks& operator=(const TempBooks&) = delete;

  const fs::path& root() const { return m_dir.path(); }
  void write(const fs::path& rel, std::string_view text) const { m_dir.write(rel, text); }
  // A folder next to the books (outside them), with a time log.
  const fs::path& outside() {
    if (m_outside.empty()) {
      m_outside = root().string() + "-outside";
      fs::create_directories(m_outside / "folder");
      std::ofstream(m_outside / "log.csv") << k_csv_log;
      std::ofstream(m_outside / "folder" / "log.csv") << k_csv_log;
    }
    return m_outside;
  }

  struct Result {
    books::Books books;
    std::string diagnostics;
  };
  Result load() const {
    diag::Diagnostics diags;
    books::LoadOptions options; // no cache
    books::Books b = books::load_books(root(), diags, options);
    return {std::move(b), report(diags)};
  }

private:
  testutil::TempDir m_dir{"honorar-test-hostile"};
  fs::path m_outside;
};

} // namespace

TEST_CASE("hostile books: a file over the size limit is an error, found before it is read") {
  TempBooks books;
  books.write("timelog/ok.csv", k_csv_log);
  // A sparse 200 MB file: reading it would cost 200 MB (and parsing it several times that).
  {
    std::ofstream(books.root() / "timelog" / "huge.csv") << "contract,date,hours,status\n";
  }
  fs::resize_file(books.root() / "timelog" / "huge.csv", 200u << 20);
  fs::copy_file(books.root() / "timelog" / "huge.csv", books.root() / "timelog" / "huge.toml");
  const TempBooks::Result r = books.load();
  CHECK(r.diagnostics == "timelog/huge.csv: error: is 200 MiB, more than the 128 MiB a file of the books may have: split it\n"
                         "timelog/huge.toml: error: is 200 MiB, more than the 128 MiB a file of the books may have: split it\n");
  CHECK(r.books.entries.size() == 1);
  // Exactly at the limit is allowed (and read); one byte more is not.
  fs::resize_file(books.root() / "timelog" / "huge.csv", books::k_max_books_file_bytes + 1);
  fs::remove(books.root() / "timelog" / "huge.toml");
  CHECK(books.load().diagnostics.find("timelog/huge.csv: error: is 129 MiB, more than the 128 MiB") != std::string::npos);
  // Contracts and honorar.toml have the same limit.
  fs::remove(books.root() / "timelog" / "huge.csv");
  books.write("contracts/big.toml", "");
  fs::resize_file(books.root() / "contracts" / "big.toml", 300u << 20);
  CHECK(books.load().diagnostics == "contracts/big.toml: error: is 300 MiB, more than the 128 MiB a file of the books may have: split it\n");
}

TEST_CASE("hostile books: symbolic links out of the books are refused, naming the file") {
  TempBooks books;
  const fs::path outside = books.outside();
  fs::create_symlink(outside / "log.csv", books.root() / "timelog" / "linked.csv");
  fs::create_directories(books.root() / "timelog" / "2025");
  fs::create_directory_symlink(outside / "folder", books.root() / "timelog" / "2025" / "linked");
  fs::create_symlink(outside / "missing.csv", books.root() / "timelog" / "dangling.csv");
  fs::create_symlink(outside / "log.csv", books.root() / "contracts" / "outside.toml");
  const TempBooks::Result r = books.load();
  const std::string out = fs::canonical(outside).string();
  CHECK(r.diagnostics ==
        "contracts/outside.toml: error: is a symbolic link to " + out + "/log.csv, outside the books: refused (copy it into the books)\n"
        "timelog/2025/linked: error: is a symbolic link to " + out + "/folder, outside the books: refused (copy it into the books)\n"
        "timelog/dangling.csv: error: is a symbolic link to a file that does not exist\n"
        "timelog/linked.csv: error: is a symbolic link to " + out + "/log.csv, outside the books: refused (copy it into the books)\n");
  CHECK(r.books.entries.empty());
}

TEST_CASE("hostile books: symbolic links inside the books are read; linked folders are not followed") {
  TempBooks books;
  books.write("shared/log.csv", k_csv_log);
  fs::create_symlink("../shared/log.csv", books.root() / "timelog" / "linked.csv");
  fs::create_directory_symlink("../shared", books.root() / "timelog" / "folder");
  const TempBooks::Result r = books.load();
  CHECK(r.diagnostics ==
        "timelog/folder: warning: is a symbolic link to a folder, which is not followed: its files are not read\n");
  CHECK(r.books.entries.size() == 1);
}

TEST_CASE("hostile books: a FIFO or a folder named like a time log is not read (no hang)") {
  TempBooks books;
  REQUIRE(::mkfifo((books.root() / "timelog" / "pipe.csv").c_str(), 0600) == 0);
  fs::create_directories(books.root() / "timelog" / "folder.toml");
  books.write("timelog/ok.csv", k_csv_log);
  const TempBooks::Result r = books.load();
  CHECK(r.diagnostics.empty());
  CHECK(r.books.entries.size() == 1);
}
