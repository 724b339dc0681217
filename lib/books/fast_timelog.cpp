// The fast path for flat time-log TOML files (see fast_timelog.hpp for the contract).
//
// Why: toml++ spends most of a time log's load in its UTF-8 reader over std::istream, in float
// parsing through streams, and in building and freeing a DOM of ~10x the file's size
// (shared/PERFORMANCE-NOTES.md). A time log in the recommended layout is a long run of small
// flat tables, so one pass over the bytes can read it directly into Entry and Expense values.
//
// Safety: the fast path only ever says "this file holds exactly these entries and expenses and
// nothing worth a diagnostic". Whenever it is not sure -- any construct outside the subset, any
// value the full loader would complain about -- it gives up and the full loader (toml++ plus
// TableReader) reads the file, producing the usual diagnostics. The checks below mirror
// read_entry()/read_expense() in timelog_toml.cpp and use the same helpers (parse_hundredths,
// Date::from_ymd, parse_date, find_cpr_like), so a file either gives the same values on both
// paths or goes to the full loader.
#include "books/fast_timelog.hpp"

#include "books/entry_rules.hpp"
#include "books/free_text.hpp"
#include "books/identifiers.hpp"
#include "money/fixed2.hpp"
#include "util/utf8.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

namespace books {
namespace {

enum class Kind : std::uint8_t { none, string, date, time, number, boolean };

struct Value {
  Kind kind = Kind::none;
  bool escaped = false;   // a basic string with escape sequences: decode before use
  std::string_view raw;   // string content between the quotes, or the number's literal
  int a = 0, b = 0, c = 0; // date: year, month, day; time: hour, minute, second
};

enum class TableKind { none, entry, expense };

// Keys of [[entry]] and [[expense]], in the order of the Value slots.
constexpr std::array<std::string_view, 8> k_entry_keys{"contract", "date", "hours", "from", "to", "status", "staff", "note"};
constexpr std::array<std::string_view, 5> k_expense_keys{"contract", "date", "amount", "text", "outlay"};
enum EntryKey { e_contract, e_date, e_hours, e_from, e_to, e_status, e_staff, e_note };
enum ExpenseKey { x_contract, x_date, x_amount, x_text, x_outlay };

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
// Characters TOML forbids in comments and single-line strings (tab is allowed).
bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && u != '\t') || u == 0x7F;
}
bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
int two_digits(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

// The text of a string value; escapes were validated when the value was scanned.
std::string string_of(const Value& v) {
  if (!v.escaped) return std::string(v.raw);
  std::string out;
  out.reserve(v.raw.size());
  for (std::size_t i = 0; i < v.raw.size(); ++i) {
    const char ch = v.raw[i];
    if (ch != '\\') {
      out += ch;
      continue;
    }
    const char esc = v.raw[++i];
    switch (esc) {
    case 'b': out += '\b'; break;
    case 't': out += '\t'; break;
    case 'n': out += '\n'; break;
    case 'f': out += '\f'; break;
    case 'r': out += '\r'; break;
    case '"': out += '"'; break;
    case '\\': out += '\\'; break;
    default: { // u or U
      const std::size_t digits = esc == 'u' ? 4 : 8;
      std::uint32_t cp = 0;
      for (std::size_t k = 1; k <= digits; ++k) cp = cp * 16 + static_cast<std::uint32_t>(hex_value(v.raw[i + k]));
      util::append_utf8(out, cp);
      i += digits;
    }
    }
  }
  return out;
}

// Scans one value at p (not past eol). Returns the position after it, or nullptr when the
// value is outside the subset.
const char* scan_value(const char* p, const char* eol, Value& v) {
  const char c = *p;
  if (c == '"') {
    if (eol - p >= 3 && p[1] == '"' && p[2] == '"') return nullptr; // multi-line string
    const char* i = p + 1;
    bool escaped = false;
    while (i < eol && *i != '"') {
      if (*i == '\\') {
        escaped = true;
        if (++i >= eol) return nullptr;
        switch (*i) {
        case 'b': case 't': case 'n': case 'f': case 'r': case '"': case '\\': ++i; break;
        case 'u': case 'U': {
          const int digits = *i == 'u' ? 4 : 8;
          if (eol - i <= digits) return nullptr;
          std::uint32_t cp = 0;
          for (int k = 1; k <= digits; ++k) {
            const int h = hex_value(i[k]);
            if (h < 0) return nullptr;
            cp = cp * 16 + static_cast<std::uint32_t>(h);
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return nullptr;
          i += digits + 1;
          break;
        }
        default: return nullptr; // \e, \x.. and anything else: leave it to toml++
        }
        continue;
      }
      if (is_control(*i)) return nullptr;
      ++i;
    }
    if (i >= eol) return nullptr;
    v.kind = Kind::string;
    v.escaped = escaped;
    v.raw = std::string_view(p + 1, static_cast<std::size_t>(i - p - 1));
    return i + 1;
  }
  if (c == '\'') {
    if (eol - p >= 3 && p[1] == '\'' && p[2] == '\'') return nullptr; // multi-line literal string
    const char* i = p + 1;
    while (i < eol && *i != '\'') {
      if (is_control(*i)) return nullptr;
      ++i;
    }
    if (i >= eol) return nullptr;
    v.kind = Kind::string;
    v.escaped = false;
    v.raw = std::string_view(p + 1, static_cast<std::size_t>(i - p - 1));
    return i + 1;
  }
  const std::ptrdiff_t left = eol - p;
  // true / false (a longer bare word fails the caller's end-of-line check).
  for (const std::string_view word : {std::string_view("true"), std::string_view("false")})
    if (std::string_view(p, static_cast<std::size_t>(left)).starts_with(word)) {
      v.kind = Kind::boolean;
      v.raw = std::string_view(p, word.size());
      return p + word.size();
    }
  // A local date YYYY-MM-DD (a date-time would continue with T, t or a space and a time:
  // the caller's end-of-line check sends those to toml++).
  if (left >= 10 && is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && p[4] == '-' &&
      is_digit(p[5]) && is_digit(p[6]) && p[7] == '-' && is_digit(p[8]) && is_digit(p[9])) {
    v.kind = Kind::date;
    v.a = two_digits(p) * 100 + two_digits(p + 2);
    v.b = two_digits(p + 5);
    v.c = two_digits(p + 8);
    return p + 10;
  }
  // A local time HH:MM:SS without fractions.
  if (left >= 8 && is_digit(p[0]) && is_digit(p[1]) && p[2] == ':' && is_digit(p[3]) && is_digit(p[4]) &&
      p[5] == ':' && is_digit(p[6]) && is_digit(p[7])) {
    if (left > 8 && p[8] == '.') return nullptr;
    v.kind = Kind::time;
    v.a = two_digits(p);
    v.b = two_digits(p + 3);
    v.c = two_digits(p + 6);
    if (v.a > 23 || v.b > 59 || v.c > 59) return nullptr;
    return p + 8;
  }
  // A plain decimal: [+-]? (0 | [1-9][0-9]*) (. [0-9]+)?
  const char* i = p;
  if (*i == '+' || *i == '-') ++i;
  if (i >= eol || !is_digit(*i)) return nullptr;
  if (*i == '0' && i + 1 < eol && is_digit(i[1])) return nullptr; // leading zero
  while (i < eol && is_digit(*i)) ++i;
  if (i < eol && *i == '.') {
    ++i;
    if (i >= eol || !is_digit(*i)) return nullptr;
    while (i < eol && is_digit(*i)) ++i;
  }
  v.kind = Kind::number;
  v.raw = std::string_view(p, static_cast<std::size_t>(i - p));
  return i;
}

// The rest of a line after a header or value: spaces, then nothing or a comment.
bool rest_is_blank(const char* p, const char* eol) {
  while (p < eol && is_space(*p)) ++p;
  if (p == eol) return true;
  if (*p != '#') return false;
  for (++p; p < eol; ++p)
    if (is_control(*p)) return false;
  return true;
}

std::optional<calendar::Date> date_of(const Value& v) {
  if (v.kind == Kind::date) return calendar::Date::from_ymd(v.a, static_cast<unsigned>(v.b), static_cast<unsigned>(v.c));
  if (v.kind == Kind::string) return calendar::parse_date(string_of(v));
  return std::nullopt;
}

// Minutes after midnight, as TableReader::time_of_day reads them without complaint.
std::optional<int> minutes_of(const Value& v) {
  if (v.kind == Kind::time) {
    if (v.c != 0) return std::nullopt;
    return v.a * 60 + v.b;
  }
  if (v.kind == Kind::string) return parse_time_of_day(string_of(v));
  return std::nullopt;
}

// An optional free-text string: absent, or a string without a CPR-like number.
// A staff or note value: its text in `out` (a view of the file when unescaped, else of `buffer`).
bool free_text(const Value& v, std::string& buffer, std::string_view& out) {
  if (v.kind == Kind::none) return true;
  if (v.kind != Kind::string) return false;
  if (v.escaped) {
    buffer = string_of(v);
    out = buffer;
  } else {
    out = v.raw;
  }
  return !find_cpr_like(out);
}

class Parser {
public:
  Parser(const std::string* rel_path, const ContractIndex& contracts, std::vector<Entry>& entries, TextArena& texts)
      : m_path(rel_path), m_contracts(contracts), m_entries(entries), m_texts(texts) {}

  bool run(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) return false;
    const char* p = text.data();
    const char* const end = p + text.size();
    int line = 0;
    while (p < end) {
      ++line;
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* eol = nl ? nl : end;
      const char* const next = nl ? nl + 1 : end;
      if (nl && eol > p && eol[-1] == '\r') --eol; // CRLF
      if (!read_line(p, eol, line)) return false;
      p = next;
    }
    return finish_table();
  }

private:
  bool read_line(const char* p, const char* eol, int line) {
    const char* const start = p;
    while (p < eol && is_space(*p)) ++p;
    if (p == eol) return true;
    if (*p == '#') return rest_is_blank(p, eol);
    if (*p == '[') {
      if (!finish_table()) return false;
      const std::string_view rest(p, static_cast<std::size_t>(eol - p));
      std::size_t n = 0;
      if (rest.starts_with("[[entry]]")) {
        m_kind = TableKind::entry;
        n = 9;
      } else if (rest.starts_with("[[expense]]")) {
        m_kind = TableKind::expense;
        n = 11;
      } else {
        return false;
      }
      m_line = line;
      m_column = static_cast<int>(p - start) + 1; // only ASCII blanks before it
      m_values = {};
      return rest_is_blank(p + n, eol);
    }
    if (m_kind == TableKind::none) return false; // a key of the root table: the full loader reports it
    const char* k = p;
    while (p < eol && is_bare_key_char(*p)) ++p;
    const std::string_view key(k, static_cast<std::size_t>(p - k));
    if (key.empty()) return false;
    while (p < eol && is_space(*p)) ++p;
    if (p == eol || *p != '=') return false;
    ++p;
    while (p < eol && is_space(*p)) ++p;
    if (p == eol) return false;
    const int slot = slot_of(key);
    if (slot < 0 || m_values[static_cast<std::size_t>(slot)].kind != Kind::none) return false; // unknown or twice
    Value& v = m_values[static_cast<std::size_t>(slot)];
    p = scan_value(p, eol, v);
    return p && rest_is_blank(p, eol);
  }

  int slot_of(std::string_view key) const {
    if (m_kind == TableKind::entry) {
      for (std::size_t i = 0; i < k_entry_keys.size(); ++i)
        if (k_entry_keys[i] == key) return static_cast<int>(i);
    } else {
      for (std::size_t i = 0; i < k_expense_keys.size(); ++i)
        if (k_expense_keys[i] == key) return static_cast<int>(i);
    }
    return -1;
  }

  std::optional<std::size_t> contract_of(const Value& v) const {
    if (v.kind != Kind::string) return std::nullopt;
    if (!v.escaped) return m_contracts.find(v.raw);
    return m_contracts.find(string_of(v));
  }

  bool finish_table() {
    const TableKind kind = m_kind;
    m_kind = TableKind::none;
    if (kind == TableKind::entry) return finish_entry();
    if (kind == TableKind::expense) return finish_expense();
    return true;
  }

  bool finish_entry() {
    const auto& v = m_values;
    Entry e;
    const auto contract = contract_of(v[e_contract]);
    if (!contract) return false;
    const auto date = date_of(v[e_date]);
    if (!date) return false;
    const bool has_hours = v[e_hours].kind != Kind::none;
    const bool has_from = v[e_from].kind != Kind::none;
    const bool has_to = v[e_to].kind != Kind::none;
    if (has_hours) {
      if (has_from || has_to || v[e_hours].kind != Kind::number) return false;
      const auto h = money::parse_hundredths(v[e_hours].raw);
      if (!h || !entry_hours_in_range(*h)) return false;
      e.hours = money::Rational(*h, 100);
    } else {
      if (!has_from || !has_to) return false;
      const auto from = minutes_of(v[e_from]);
      const auto to = minutes_of(v[e_to]);
      if (!from || !to || !from_to_in_order(*from, *to)) return false;
      e.from_minute = static_cast<std::int16_t>(*from);
      e.to_minute = static_cast<std::int16_t>(*to);
      e.hours = money::Rational(*to - *from, 60);
    }
    if (v[e_status].kind != Kind::none) {
      if (v[e_status].kind != Kind::string) return false;
      const auto status =
          v[e_status].escaped ? parse_entry_status(string_of(v[e_status])) : parse_entry_status(v[e_status].raw);
      if (!status) return false;
      e.status = *status;
    }
    std::string_view staff, note;
    if (!free_text(v[e_staff], m_staff, staff) || !free_text(v[e_note], m_note, note)) return false;
    e.text = m_texts.add(staff, note);
    e.contract = static_cast<std::uint32_t>(*contract);
    e.date = *date;
    e.where = SourceRef{m_path, m_line, m_column};
    m_entries.push_back(e);
    return true;
  }

  bool finish_expense() {
    const auto& v = m_values;
    Expense x;
    const auto contract = contract_of(v[x_contract]);
    if (!contract || !m_contracts.at(*contract).expenses_agreed) return false;
    const auto date = date_of(v[x_date]);
    if (!date) return false;
    if (v[x_amount].kind != Kind::number) return false;
    const auto amount = money::parse_hundredths(v[x_amount].raw);
    if (!amount || !expense_amount_in_range(*amount)) return false;
    if (v[x_text].kind != Kind::string) return false;
    x.text = string_of(v[x_text]);
    if (is_blank(x.text) || find_cpr_like(x.text)) return false;
    if (v[x_outlay].kind != Kind::none) {
      if (v[x_outlay].kind != Kind::boolean) return false; // toml++ reports the wrong type
      x.outlay = v[x_outlay].raw == "true";
    }
    x.contract = *contract;
    x.date = *date;
    x.amount = money::Money::from_hundredths(*amount);
    x.where = diag::Location{*m_path, m_line, m_column};
    m_expense_buffer.push_back(std::move(x));
    return true;
  }

public:
  // Expenses follow all entries of the file (the full loader reads [[entry]] first).
  std::vector<Expense> m_expense_buffer;

private:
  const std::string* m_path;
  const ContractIndex& m_contracts;
  std::vector<Entry>& m_entries;
  TextArena& m_texts;
  std::string m_staff; // unescaped staff and note, reused
  std::string m_note;
  TableKind m_kind = TableKind::none;
  int m_line = 0;
  int m_column = 0;
  std::array<Value, 8> m_values{};
};

} // namespace

bool fast_timelog_toml(const std::string& rel_path, std::string_view text, const ContractIndex& contracts,
                       std::vector<Entry>& entries, std::vector<Expense>& expenses, TextArena& texts) {
  if (!util::is_valid_utf8(text)) return false;
  const std::size_t entries_before = entries.size();
  Parser parser(intern_path(rel_path), contracts, entries, texts);
  if (!parser.run(text)) {
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(entries_before), entries.end());
    return false;
  }
  for (Expense& x : parser.m_expense_buffer) expenses.push_back(std::move(x));
  return true;
}

} // namespace books
