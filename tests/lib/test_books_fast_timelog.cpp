// The fast path for flat time-log TOML files, differential-tested against the full loader
// (toml++): on every input, either the fast path declines (and appends nothing), or the full
// loader reports no diagnostic and both give the same entries and expenses.
#include "books/fast_timelog.hpp"
#include "books/timelog_toml.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using books::Contract;

namespace {

std::vector<Contract> contracts() {
  std::vector<Contract> c(3);
  c[0].id = "2C-2025-014"; // with an expense agreement
  c[0].expenses_agreed = true;
  c[1].id = "C1";
  c[1].expenses_agreed = true;
  c[2].id = "C2"; // none
  return c;
}

constexpr std::string_view k_path = "timelog/2025/11.toml";

std::string describe(const books::Entry& e) {
  return fmt::format("entry {} {} {}/{} {} {} {} [{}] [{}] {}", e.contract, e.date.to_string(), e.hours.num(), e.hours.den(),
                     static_cast<int>(e.status), e.from_minute.value_or(-1), e.to_minute.value_or(-1), e.staff(), e.note(),
                     e.where.to_string());
}

std::string describe(const books::Expense& x) {
  return fmt::format("expense {} {} {} [{}] outlay={} {}", x.contract, x.date.to_string(), x.amount.to_string(), x.text,
                     x.outlay, x.where.to_string());
}

struct Outcome {
  bool fast = false;    // the fast path took the file
  std::string values;   // entries and expenses, one per line
  std::string diagnostics;
};

std::string describe_all(const std::vector<books::Entry>& entries, const std::vector<books::Expense>& expenses) {
  std::string out;
  for (const auto& e : entries) out += describe(e) + "\n";
  for (const auto& x : expenses) out += describe(x) + "\n";
  return out;
}

// Loads `text` both ways and checks the contract between them. Returns whether the fast path
// took it.
bool differential(const std::string& text) {
  const std::vector<Contract> cs = contracts();
  const books::ContractIndex index(cs);

  std::vector<books::Entry> slow_entries;
  std::vector<books::Expense> slow_expenses;
  diag::Diagnostics diags;
  books::TextArena texts;
  books::load_timelog_toml(std::string(k_path), text, index, slow_entries, slow_expenses, texts, diags);

  // Something already in the vectors must stay as it is.
  std::vector<books::Entry> fast_entries(1);
  std::vector<books::Expense> fast_expenses(1);
  const bool fast = books::fast_timelog_toml(std::string(k_path), text, index, fast_entries, fast_expenses, texts);
  REQUIRE(!fast_entries.empty());
  REQUIRE(!fast_expenses.empty());
  CHECK(describe(fast_entries.front()) == describe(books::Entry{}));
  fast_entries.erase(fast_entries.begin());
  fast_expenses.erase(fast_expenses.begin());
  if (!fast) {
    INFO("input:\n", text);
    CHECK(fast_entries.empty());
    CHECK(fast_expenses.empty());
    return false;
  }
  std::string report;
  for (const auto& d : diags.items()) report += d.to_string() + "\n";
  INFO("input:\n", text);
  CHECK(report == "");
  CHECK(describe_all(fast_entries, fast_expenses) == describe_all(slow_entries, slow_expenses));
  return true;
}

constexpr std::string_view k_basic = R"TOML(# Tidsregistrering november 2025

[[entry]]
contract = "2C-2025-014"
date     = 2025-11-03
hours    = 4.5
staff    = "KB"

[[entry]]
contract = "C1"
date     = 2025-11-04
from     = 16:00:00
to       = 19:00:00
status   = "citizen-absent"
note     = "træning af busrute"

[[expense]]
contract = "C1"
date     = 2025-11-05
amount   = 85.00
text     = "Biograf (entré)"

[[entry]]
contract = "C2"
date     = 2025-11-06
hours    = 1
status   = "staff-absent"
)TOML";

// Inputs the fast path must take (and agree on).
const std::vector<std::string> k_fast_inputs = {
    std::string(k_basic),
    "",
    "# only a comment\n",
    "\n\n   \n\t\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2", // no final newline
    "[[entry]]\r\ncontract = \"C1\"\r\ndate = 2025-11-03\r\nhours = 2.25\r\n\r\n[[entry]]\r\ncontract = \"C2\"\r\n"
    "date = 2025-11-04\r\nhours = 1.5\r\n", // CRLF
    "[[entry]]   # a comment after the header\ncontract=\"C1\"   # and after a value\n  date\t=\t2025-11-03\n"
    "    hours =   +1.50  \n",
    "  [[entry]]\n  contract = \"C1\"\n  date = 2025-11-03\n  hours = 3\n", // indented
    "\t[[entry]]\ncontract = 'C1'\ndate = '2025-11-03'\nhours = 0.25\nstaff = 'K\\B'\n", // literal strings
    "[[entry]]\ncontract = \"C1\"\ndate = \"2025-11-03\"\nfrom = \"09:15\"\nto = \"10:00\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 24\nnote = \"tab\\tquote\\\" backslash\\\\ nl\\n "
    "u\\u00e6 U\\U0001F600 b\\b f\\f r\\r\"\n",
    "[[entry]]\ncontract = \"C\\u0031\"\ndate = 2025-11-03\nhours = 1\n", // an escaped contract id
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1\nnote = \"Møde, kommune \\\"ok\\\" — æøå ÆØÅ\"\n",
    "[[entry]]\nhours = 1\nnote = \"\"\nstaff = \"\"\nstatus = \"\"\ndate = 2025-11-03\ncontract = \"C1\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1\nnote = \"phone 12345678 is fine\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 00:00:00\nto = 23:59:00\n",
    "[[expense]]\ncontract = \"2C-2025-014\"\ndate = 2025-11-05\namount = 1000000\ntext = \"x\"\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 0.01\ntext = 'Bus'\n[[entry]]\ncontract = \"C1\"\n"
    "date = 2025-11-03\nhours = 1\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 1899-12-31\nhours = 2\n", // a TOML date: both accept the year
    // outlays (SPEC 1.3): a TOML boolean, optional
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-13\namount = 24\ntext = \"Bus\"\noutlay = true\n"
    "[[expense]]\noutlay=false # not an outlay\ncontract = \"C1\"\ndate = 2025-11-14\namount = 85\ntext = \"Biograf\"\n",
    "# comment with æøå and \t a tab\n[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 0.5\n",
    // Danish status names, case free, also escaped (SPEC 1.3)
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1\nstatus = \"leveret\"\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 1\nstatus = \"Afbud\"\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-05\nhours = 1\nstatus = 'udeblevet'\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-06\nhours = 1\nstatus = \"BORGERFRAVÆR\"\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-07\nhours = 1\nstatus = \"aflyst\"\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-08\nhours = 1\nstatus = \"medarbejderfrav\\u00e6r\"\n"
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-09\nhours = 1\nstatus = \"Staff-Absent\"\n",
};

// Inputs outside the subset or with something to report: the fast path must decline.
const std::vector<std::string> k_slow_inputs = {
    "\xEF\xBB\xBF[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n",                 // BOM
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = { a = 1 }\n",           // inline table
    "entry = [{ contract = \"C1\", date = 2025-11-03, hours = 2 }]\n",                         // inline array
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"\"\"a\nb\"\"\"\n",    // multi-line
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = '''a'''\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote.x = \"a\"\n",            // dotted key
    "[[entry]]\n\"contract\" = \"C1\"\ndate = 2025-11-03\nhours = 2\n",                        // quoted key
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03T10:00:00\nhours = 2\n",                  // date-time
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03 10:00:00\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2e0\n",                         // exponent
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1_0\n",                         // underscore
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 02\n",                          // leading zero
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = inf\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 0x10\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nhours = 3\n",                // twice
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nhour = 3\n",                 // unknown key
    "[[entry]]\ncontract = \"C9\"\ndate = 2025-11-03\nhours = 2\n",                           // unknown contract
    "[[entry]]\ndate = 2025-11-03\nhours = 2\n",                                              // missing key
    "[[entry]]\ncontract = \"C1\"\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nfrom = 09:00:00\nto = 11:00:00\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 09:00:00\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 11:00:00\nto = 09:00:00\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 09:00:30\nto = 11:00:00\n",     // seconds
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 09:00:00.5\nto = 11:00:00\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = \"9:00\"\nto = \"11:00\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nfrom = 24:00:00\nto = 11:00:00\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 0\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = -1\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 24.01\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1.234\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = \"2\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = true\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 99999999999999999999\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nstatus = \"absent\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nstatus = 1\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nstatus = \"borgerfravaer\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"cpr 010203-1234\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nstaff = \"0102031234\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-02-30\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = \"1899-12-31\"\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = \"2025-2-3\"\nhours = 2\n",
    "[[entry]]\ncontract = 1\ndate = 2025-11-03\nhours = 2\n",
    "[[expense]]\ncontract = \"C2\"\ndate = 2025-11-05\namount = 85\ntext = \"x\"\n",            // no agreement
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 85\ntext = \"\"\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 0\ntext = \"x\"\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 1000000.01\ntext = \"x\"\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\ntext = \"x\"\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 5\ntext = \"x\"\nhours = 1\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 5\ntext = \"x\"\noutlay = \"true\"\n", // not a boolean
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 5\ntext = \"x\"\noutlay = 1\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 5\ntext = \"x\"\noutlay = True\n",
    "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 5\ntext = \"x\"\noutlay = true\noutlay = true\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\noutlay = true\n",          // not an entry's key
    "hours = 1\n",                                                                              // a root key
    "[entry]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n",
    "[[ entry ]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n",
    "[[entries]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"bad \xC3\x28 utf8\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"ctrl \x01\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"esc \\e\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"hex \\x41\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"surrogate \\uD800\"\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\nnote = \"open\n",
    "[[entry]]\ncontract = \"C1\"\rdate = 2025-11-03\nhours = 2\n",                           // lone CR
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2 x\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n# comment \x7F\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n[[entry]]\n",
    "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 2\n[other]\nx = 1\n",
};

// ---------------------------------------------------------------------------------------------
// Generated inputs

class Generator {
public:
  explicit Generator(std::uint32_t seed) : m_rng(seed) {}

  std::string file() {
    std::string out;
    if (chance(0.2)) out += "# " + pick<std::string>({"Tidsregistrering", "log æøå", "x = 1", "[[entry]]"}) + "\n";
    const int tables = uniform(0, 6);
    for (int i = 0; i < tables; ++i) out += chance(0.8) ? entry() : expense();
    if (chance(0.3)) out = crlf(out);
    if (chance(0.3) && !out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  // Random edits of a byte string: the fuzzing part.
  std::string mutate(std::string s) {
    const int edits = uniform(1, 3);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = s.empty() ? 0 : static_cast<std::size_t>(uniform(0, static_cast<int>(s.size()) - 1));
      switch (uniform(0, 4)) {
      case 0: if (!s.empty()) s.erase(at, 1); break;
      case 1: s.insert(at, 1, pick<char>({'"', '\'', '=', '\n', ' ', '#', '[', ']', '.', '0', '\\', '\r', '\t', 'e', '_', ':', '-'})); break;
      case 2: if (!s.empty()) s[at] = static_cast<char>(uniform(0, 255)); break;
      case 3: if (!s.empty()) s.insert(at, s.substr(at, static_cast<std::size_t>(uniform(1, 12)))); break;
      default: if (!s.empty()) s.erase(at, static_cast<std::size_t>(uniform(1, 8))); break;
      }
    }
    return s;
  }

private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  template <class T> T pick(std::initializer_list<T> items) {
    return *(items.begin() + uniform(0, static_cast<int>(items.size()) - 1));
  }
  std::string space() { return pick<std::string>({"", " ", " ", "  ", "\t", " \t "}); }
  std::string comment() { return chance(0.85) ? "" : space() + "# " + pick<std::string>({"c", "æ", "x = \"y\"", ""}); }
  std::string indent() { return chance(0.9) ? "" : pick<std::string>({" ", "  ", "\t"}); }
  std::string line(const std::string& key, const std::string& value) {
    return indent() + key + space() + "=" + space() + value + comment() + "\n";
  }
  std::string quoted(const std::string& s) { return chance(0.2) ? "'" + s + "'" : "\"" + s + "\""; }
  std::string contract() { return pick<std::string>({"C1", "C1", "2C-2025-014", "C2", "C\\u0031", "C9"}); }
  std::string date() {
    std::string d = fmt::format("2025-{:02d}-{:02d}", uniform(1, 12), uniform(1, 31));
    return chance(0.1) ? quoted(d) : d;
  }
  std::string decimal() {
    return pick<std::string>({"1", "2.5", "0.25", "24", "7.75", "+1.5", "3.10", "0", "25", "1.005", "-1", "10"});
  }
  std::string time() {
    if (chance(0.2)) return quoted(fmt::format("{:02d}:{:02d}", uniform(0, 24), uniform(0, 60)));
    return fmt::format("{:02d}:{:02d}:{:02d}", uniform(0, 23), uniform(0, 59), chance(0.9) ? 0 : uniform(0, 59));
  }
  std::string text() {
    return pick<std::string>({"KB", "", "tur i byen", "møde \\\"ok\\\"", "a\\tb", "cpr 010203-1234", "æøå\\u00e6",
                              "x\\\\y", "0102031234 x"});
  }
  std::string entry() {
    std::vector<std::string> lines;
    if (chance(0.97)) lines.push_back(line("contract", quoted(contract())));
    if (chance(0.97)) lines.push_back(line("date", date()));
    const int form = uniform(0, 9);
    if (form < 7) lines.push_back(line("hours", decimal()));
    else if (form < 9) {
      lines.push_back(line("from", time()));
      if (chance(0.95)) lines.push_back(line("to", time()));
    }
    if (chance(0.3)) lines.push_back(line("status", quoted(pick<std::string>({"delivered", "citizen-absent", "staff-absent", "", "ill", "leveret", "Afbud", "udeblevet",
                                                       "borgerfravær", "ALYST", "aflyst", "MEDARBEJDERFRAVÆR"}))));
    if (chance(0.5)) lines.push_back(line("staff", quoted(text())));
    if (chance(0.3)) lines.push_back(line("note", quoted(text())));
    if (chance(0.02)) lines.push_back(line("bogus", "1"));
    std::shuffle(lines.begin(), lines.end(), m_rng);
    std::string out = indent() + "[[entry]]" + comment() + "\n";
    for (const auto& l : lines) out += l;
    return out + (chance(0.7) ? "\n" : "");
  }
  std::string expense() {
    std::vector<std::string> lines;
    if (chance(0.97)) lines.push_back(line("contract", quoted(contract())));
    if (chance(0.97)) lines.push_back(line("date", date()));
    if (chance(0.97)) lines.push_back(line("amount", pick<std::string>({"85.00", "12", "0.5", "1000000", "0", "3.333"})));
    if (chance(0.97)) lines.push_back(line("text", quoted(text())));
    if (chance(0.3)) lines.push_back(line("outlay", pick<std::string>({"true", "false", "\"true\"", "1", "truex"})));
    std::shuffle(lines.begin(), lines.end(), m_rng);
    std::string out = indent() + "[[expense]]" + comment() + "\n";
    for (const auto& l : lines) out += l;
    return out + "\n";
  }
  static std::string crlf(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  }
  std::mt19937 m_rng;
};

} // namespace

TEST_CASE("books::fast_timelog_toml takes the recommended layout and agrees with toml++") {
  for (const std::string& text : k_fast_inputs) {
    INFO("input:\n", text);
    CHECK(differential(text));
  }
}

TEST_CASE("books::fast_timelog_toml leaves everything else to toml++") {
  for (const std::string& text : k_slow_inputs) {
    INFO("input:\n", text);
    CHECK_FALSE(differential(text));
  }
}

TEST_CASE("books::fast_timelog_toml agrees with toml++ on generated and mutated files") {
  Generator gen(20251123);
  int taken = 0;
  int declined = 0;
  constexpr int k_files = 3000;
  for (int i = 0; i < k_files; ++i) {
    const std::string text = gen.file();
    (differential(text) ? taken : declined)++;
    (differential(gen.mutate(text)) ? taken : declined)++;
  }
  // Both kinds must be well represented, or the generator tests nothing.
  CHECK(taken > k_files / 4);
  CHECK(declined > k_files / 4);
}
