#include "books/toml_reader.hpp"

#include "books/entry_rules.hpp"
#include "books/free_text.hpp"
#include "books/suggest.hpp"
#include "money/fixed2.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace books {
namespace {

// Byte offset of the 1-based codepoint column `column` in a UTF-8 line (toml++ counts codepoints).
std::size_t byte_offset(std::string_view line, std::size_t column) {
  std::size_t cp = 1;
  std::size_t i = 0;
  while (i < line.size() && cp < column) {
    i += util::sequence_length(static_cast<unsigned char>(line[i]));
    ++cp;
  }
  return std::min(i, line.size());
}

std::string_view type_name(toml::node_type t) {
  switch (t) {
  case toml::node_type::table: return "a table";
  case toml::node_type::array: return "an array";
  case toml::node_type::string: return "a string";
  case toml::node_type::integer: return "an integer";
  case toml::node_type::floating_point: return "a decimal number";
  case toml::node_type::boolean: return "true/false";
  case toml::node_type::date: return "a date";
  case toml::node_type::time: return "a time";
  case toml::node_type::date_time: return "a date and time";
  default: return "nothing";
  }
}

std::optional<calendar::Date> to_date(const toml::date& d) {
  return calendar::Date::from_ymd(d.year, d.month, d.day);
}

} // namespace

TomlFile::TomlFile(std::string rel_path, std::string text) : m_path(std::move(rel_path)), m_text(std::move(text)) {
  std::string_view rest = m_text;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    m_lines.push_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
}

diag::Location TomlFile::location(const toml::source_position& pos) const {
  return {m_path, static_cast<int>(pos.line), static_cast<int>(pos.column)};
}

std::size_t TomlFile::byte_offset(std::size_t line_number, std::string_view line, std::size_t column) const {
  if (m_cursor.line != line_number || column < m_cursor.column) m_cursor = {line_number, 1, 0};
  const std::size_t offset =
      m_cursor.offset + books::byte_offset(line.substr(std::min(m_cursor.offset, line.size())), column - m_cursor.column + 1);
  m_cursor = {line_number, column, std::min(offset, line.size())};
  return m_cursor.offset;
}

std::string_view TomlFile::literal(const toml::node& node) const {
  const auto& src = node.source();
  if (src.begin.line == 0 || src.begin.line != src.end.line || src.begin.line > m_lines.size()) return {};
  std::string_view line = m_lines[src.begin.line - 1];
  if (src.begin.line == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  const std::size_t from = byte_offset(src.begin.line, line, src.begin.column);
  const std::size_t to = byte_offset(src.begin.line, line, src.end.column);
  return to > from ? line.substr(from, to - from) : std::string_view();
}

namespace {

// What the text must not hold before toml++ (Debian 12: 3.3.0) may see it; found by fuzzing
// (fuzz/README.md, tests/lib/test_books_hostile.cpp):
//
// * A dotted key or table header of many parts: toml++ builds, walks and frees one nested table
//   per part recursively; some ten thousand overflow the stack. Books files need three at most,
//   so more than 17 are refused. (Nested arrays and inline tables toml++ limits itself, to 256.)
// * A non-ASCII character where toml++ asks whether it is whitespace. For most of
//   U+00A1..U+0499 (æ, ø, å among them) that question reaches __builtin_unreachable() in toml++
//   3.3.0: undefined behaviour (marzer/tomlplusplus#190, #295; fixed upstream later). toml++ asks
//   it of every character outside strings (where TOML allows no such character anyway), of the
//   characters it scans ahead of a value until a space, comma, ']', '}' or '#' -- past a quote
//   that cannot start a string there (`x = 1"ø"`, `x = [a["ø"]`) -- and in a multi-line basic string
//   right after a backslash and any whitespace or line breaks (a "line-ending backslash").
//   So refused are: a non-ASCII character outside strings and comments, a quote where no string
//   can start, and a non-ASCII character right after a line-ending backslash.
// * A table header whose first character is not a key's (`[:a]`, `[ =]`, `[.a]`, `[[ [a]]`):
//   toml++ 3.3 assumes it is one (TOML_ASSERT_ASSUME in parse_key): an assertion failure in a
//   build without NDEBUG, and with clang __builtin_assume(false), undefined behaviour.
constexpr std::size_t k_max_key_dots = 16;

struct Refusal {
  int line;
  int column; // codepoints, 1-based
  std::string message;
};

// A mistake people make in a bare value (a number or date) that toml++ reports in words that do
// not say what to do: a decimal comma (`hours = 2,5`, only where no array could hold a ','), or
// a day the month does not have (`date = 2026-11-31`). `i` is the value's first character.
std::optional<std::string> mistaken_value(std::string_view text, std::size_t i, bool top_level) {
  auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  std::size_t end = i;
  if (end < text.size() && text[end] == '-') ++end;
  const std::size_t digits_from = end;
  while (digit(end)) ++end;
  if (top_level && end > digits_from && end < text.size() && text[end] == ',' && digit(end + 1)) {
    std::size_t after = end + 1;
    while (digit(after)) ++after;
    const std::string_view written = text.substr(i, after - i);
    std::string point(written);
    point[end - i] = '.';
    return fmt::format("{} is not a number: use a decimal point: {}", written, point);
  }
  const std::string_view date = text.substr(i, 10);
  const bool alone = i + 10 >= text.size() || !((text[i + 10] >= '0' && text[i + 10] <= '9') || text[i + 10] == '-' ||
                                                 text[i + 10] == ':' || text[i + 10] == '.');
  if (date.size() == 10 && alone) {
    const std::string why = calendar::why_not_a_date(date, calendar::DateForms::iso);
    if (!why.empty()) return fmt::format("{} is not a date: {}", date, why);
  }
  return std::nullopt;
}

// A lexical scan that follows strings and comments as TOML defines them, and whether a key or a
// value is expected (to tell where a string may start). Where it cannot follow the text, that
// text is invalid TOML.
std::optional<Refusal> refuse_before_parsing(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  std::size_t dots = 0;
  bool after_part = false;  // the last token was a key part (a bare word or a quoted string)
  bool value = false;       // a value is expected or being read (else a key)
  std::vector<char> nested; // open '[' (arrays: values inside) and '{' (inline tables: keys inside)
  char last = '\n';         // the last character that is not a space or tab ('a': a bare one)
  auto column = [&](std::size_t i) { return 1 + static_cast<int>(util::codepoints(text.substr(line_start, i - line_start))); };
  auto new_line = [&](std::size_t i) {
    ++line;
    line_start = i + 1;
  };
  auto non_ascii = [&](std::size_t i) { return static_cast<unsigned char>(text[i]) >= 0x80; };
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  line_start = i;
  while (i < text.size()) {
    const char c = text[i];
    const bool bare = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (bare) {
      if (value && (last == '=' || last == '[' || last == ',')) // a value starts
        if (auto mistake = mistaken_value(text, i, last == '=' && nested.empty()))
          return Refusal{line, column(i), std::move(*mistake)};
      after_part = true;
      last = 'a';
      ++i;
    } else if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '.' && value && (last == 'a' || last == 'x')) {
      // A '.' inside a bare value (1.5, or garbage such as 34=.==): still the bare value that
      // toml++ scans ahead of, so a quote or '=' after it starts nothing.
      last = 'x';
      dots = 0;
      after_part = false;
      ++i;
    } else if (c == '.') {
      if (after_part && ++dots > k_max_key_dots)
        return Refusal{line, column(i),
                       fmt::format("a dotted key or table header with more than {} parts: books files need 3 at most",
                                   k_max_key_dots + 1)};
      after_part = false;
      last = '.';
      ++i;
    } else if (c == '"' || c == '\'') {
      const bool may_start = value ? (last == '=' || last == '[' || last == ',' ||
                                      (last == '\n' && !nested.empty() && nested.back() == '['))
                                   : (last == '\n' || last == '[' || last == '.' || last == '{' || last == ',');
      if (!may_start)
        return Refusal{line, column(i),
                       fmt::format("unexpected {}: a string starts after '=', '[' or ',', a quoted key at the start of a "
                                   "line or after '.'",
                                   c == '"' ? "'\"'" : "\"'\"")};
      const bool multi = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      const std::string_view close = multi ? text.substr(i, 3) : text.substr(i, 1);
      // A quote left open is reported where the string starts: toml++ reports it at the end of
      // the line (or of the file) in words about control characters.
      const int start_line = line;
      const int start_column = column(i);
      auto not_closed = [&] {
        return Refusal{start_line, start_column,
                       multi ? fmt::format("this {} string is never closed: add the closing {}", close, close)
                             : fmt::format("this string has no closing {} on its line: add it (text over several lines "
                                           "goes in {}{}{})",
                                           c, c, c, c)};
      };
      i += close.size();
      bool closed = false;
      while (i < text.size()) {
        if (c == '"' && text[i] == '\\') {
          if (multi) {
            std::size_t next = i + 1;
            while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r' || text[next] == '\n')) {
              if (text[next] == '\n') new_line(next);
              ++next;
            }
            if (next < text.size() && non_ascii(next))
              return Refusal{line, column(next),
                             "a letter such as 'ø' right after a backslash and line break in a \"\"\" string cannot be "
                             "read reliably: start the continued line with an ASCII character"};
            if (next > i + 1) {
              i = next;
              continue;
            }
          }
          if (!multi && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) break;
          i += 2;
          continue;
        }
        if (text.substr(i, close.size()) == close) {
          i += close.size();
          closed = true;
          break;
        }
        if (text[i] == '\n') {
          if (!multi) break;
          new_line(i);
        }
        ++i;
      }
      if (!closed) return not_closed();
      after_part = true;
      last = '"';
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (non_ascii(i)) {
      return Refusal{line, column(i), "TOML allows letters such as 'ø' only inside quotes (a string) or in a comment"};
    } else if (value && (last == 'a' || last == 'x') && c != '\n' && c != '\r' && c != ',' && c != ']' && c != '}') {
      // Inside a bare value (a number, date, boolean or garbage): toml++ scans ahead until a
      // space, line break, comma, ']', '}' or '#', so '[', '{' and '=' here open nothing.
      last = 'x';
      dots = 0;
      after_part = false;
      ++i;
    } else {
      switch (c) {
      case '\n':
        new_line(i);
        if (nested.empty()) value = false;
        break;
      case '=': value = true; break;
      case '[':
        if (value) {
          nested.push_back('[');
        } else if (nested.empty() && last == '\n') { // a table header: a key must follow
          std::size_t k = i + 1;
          if (k < text.size() && text[k] == '[') ++k;
          while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
          const char next = k < text.size() ? text[k] : '\n';
          const bool key_or_end = (next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z') ||
                                  (next >= '0' && next <= '9') || next == '_' || next == '-' || next == '"' ||
                                  next == '\'' || next == ']' || (k < text.size() && non_ascii(k));
          if (!key_or_end)
            return Refusal{line, column(k),
                           "a table header needs a key after '[': a letter, digit, '_', '-' or a quoted name"};
        }
        break;
      case ']':
        if (!nested.empty() && nested.back() == '[') nested.pop_back();
        break;
      case '{':
        if (value) {
          nested.push_back('{');
          value = false;
        }
        break;
      case '}':
        if (!nested.empty() && nested.back() == '{') {
          nested.pop_back();
          value = true;
        }
        break;
      case ',':
        if (!nested.empty()) value = nested.back() == '[';
        break;
      default: break;
      }
      last = c == '\r' ? last : (c == '\n' || c == '=' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',') ? c : 'x';
      dots = 0;
      after_part = false;
      ++i;
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<toml::table> parse_toml(const TomlFile& file, diag::Diagnostics& diags) {
  if (auto refusal = refuse_before_parsing(file.text())) {
    diags.error({file.path(), refusal->line, refusal->column}, "TOML syntax: " + refusal->message);
    return std::nullopt;
  }
  try {
    return toml::parse(std::string_view(file.text()), std::string_view(file.path()));
  } catch (const toml::parse_error& e) {
    diags.error(file.location(e.source().begin), fmt::format("TOML syntax: {}", e.description()));
    return std::nullopt;
  }
}

std::optional<std::string> top_level_string(std::string_view text, std::string_view key) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto trim = [](std::string_view s) {
    const std::size_t first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return std::string_view();
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
  };
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.starts_with('[')) return std::nullopt; // the top-level keys are over
    if (!line.starts_with(key)) continue;
    std::string_view rest = trim(line.substr(key.size()));
    if (!rest.starts_with('=')) continue;
    rest = trim(rest.substr(1));
    if (rest.size() < 2 || (rest[0] != '"' && rest[0] != '\'')) return std::nullopt;
    const std::size_t close = rest.find(rest[0], 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view value = rest.substr(1, close - 1);
    if (rest[0] == '"' && value.find('\\') != std::string_view::npos) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

bool in_range_exclusive_low(std::int64_t value, std::int64_t low, std::int64_t high) {
  return value > low && value <= high;
}

TableReader::TableReader(const TomlFile& file, const toml::table& table, diag::Diagnostics& diags,
                         std::string name, std::initializer_list<std::string_view> keys, diag::Location where)
    : m_file(file), m_table(table), m_diags(diags), m_name(std::move(name)), m_keys(keys), m_where(std::move(where)) {}

diag::Location TableReader::location_of(std::string_view key) const {
  if (const toml::node* node = m_table.get(key)) return m_file.location(*node);
  return m_where;
}

void TableReader::error(std::string_view key, std::string message) {
  m_diags.error(location_of(key), std::move(message));
}

const toml::node* TableReader::get(std::string_view key, Need need) {
  const toml::node* node = m_table.get(key);
  if (!node && need == Need::required)
    m_diags.error(m_where, fmt::format("{} is missing the required key '{}'", m_name, key));
  return node;
}

void TableReader::wrong_type(std::string_view key, std::string_view expected) {
  const toml::node* node = m_table.get(key);
  error(key, fmt::format("'{}' must be {}, not {}", key, expected, type_name(node->type())));
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (const auto* s = node->as_string()) return s->get();
  wrong_type(key, "a string");
  return std::nullopt;
}

std::optional<std::string> TableReader::text(std::string_view key, Need need) {
  auto value = string(key, need);
  if (value) check_not_blank(key, *value, need == Need::required, location_of(key), m_diags);
  return value;
}

std::optional<std::string> TableReader::string_if_string(std::string_view key) const {
  if (const toml::node* node = m_table.get(key))
    if (const auto* s = node->as_string()) return s->get();
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(key, "true or false");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (const auto* i = node->as_integer()) return i->get();
  wrong_type(key, "a whole number");
  return std::nullopt;
}

std::optional<calendar::Date> TableReader::date(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (const auto* d = node->as_date()) {
    if (auto date = to_date(d->get())) return date;
  } else if (const auto* s = node->as_string()) {
    if (auto date = calendar::parse_date(s->get())) return date;
    const std::string why = calendar::why_not_a_date(s->get(), calendar::DateForms::iso);
    error(key, fmt::format("'{}' must be a date YYYY-MM-DD, not \"{}\"{}", key, s->get(), why.empty() ? "" : ": " + why));
    return std::nullopt;
  } else {
    wrong_type(key, "a date (YYYY-MM-DD)");
    return std::nullopt;
  }
  error(key, fmt::format("'{}' is not a valid date", key));
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::decimal(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (!node->is_integer() && !node->is_floating_point()) {
    wrong_type(key, "a number");
    return std::nullopt;
  }
  const std::string_view text = m_file.literal(*node);
  if (auto hundredths = money::parse_hundredths(text)) return hundredths;
  if (text.find_first_of("eEin") != std::string_view::npos || text.starts_with("0x") ||
      text.starts_with("0o") || text.starts_with("0b"))
    error(key, fmt::format("'{}' must be a plain decimal number, not {}", key, text));
  else
    error(key, fmt::format("'{}' must have at most 2 decimals, not {}", key, text));
  return std::nullopt;
}

std::optional<int> TableReader::time_of_day(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  if (const auto* t = node->as_time()) {
    const toml::time& v = t->get();
    if (v.second != 0 || v.nanosecond != 0) {
      error(key, fmt::format("'{}' must be in whole minutes", key));
      return std::nullopt;
    }
    return v.hour * 60 + v.minute;
  }
  if (const auto* s = node->as_string()) {
    const std::string& v = s->get();
    if (auto minutes = parse_time_of_day(v)) return minutes;
    error(key, fmt::format("'{}' must be a time HH:MM, not \"{}\"", key, v));
    return std::nullopt;
  }
  wrong_type(key, "a time (HH:MM)");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::string_array(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::node& element : *array) {
    const auto* s = element.as_string();
    if (!s) {
      m_diags.error(m_file.location(element), fmt::format("'{}' must hold only strings", key));
      return std::nullopt;
    }
    out.push_back(s->get());
  }
  return out;
}

std::optional<std::vector<std::string>> TableReader::text_lines(std::string_view key, Need need) {
  auto lines = string_array(key, need);
  if (!lines) return lines;
  if (lines->empty()) error(key, fmt::format("'{}' is empty: give a value", key));
  const toml::array& array = *m_table.get(key)->as_array();
  for (std::size_t i = 0; i < lines->size(); ++i)
    if (is_blank((*lines)[i]))
      m_diags.error(m_file.location(*array.get(i)), fmt::format("'{}' line {} is empty: remove it or give a value", key, i + 1));
  return lines;
}

std::optional<std::vector<calendar::Date>> TableReader::date_array(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return std::nullopt;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key, "an array of dates");
    return std::nullopt;
  }
  std::vector<calendar::Date> out;
  for (const toml::node& element : *array) {
    std::optional<calendar::Date> d;
    if (const auto* dv = element.as_date()) d = to_date(dv->get());
    else if (const auto* sv = element.as_string()) d = calendar::parse_date(sv->get());
    if (!d) {
      m_diags.error(m_file.location(element), fmt::format("'{}' must hold only dates (YYYY-MM-DD)", key));
      return std::nullopt;
    }
    out.push_back(*d);
  }
  return out;
}

const toml::table* TableReader::table(std::string_view key, Need need) {
  const toml::node* node = get(key, need);
  if (!node) return nullptr;
  if (const auto* t = node->as_table()) return t;
  wrong_type(key, "a table");
  return nullptr;
}

std::vector<const toml::table*> TableReader::tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* node = get(key, Need::optional);
  if (!node) return out;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key, fmt::format("an array of tables ([[{}]])", key));
    return out;
  }
  for (const toml::node& element : *array) {
    if (const auto* t = element.as_table()) out.push_back(t);
    else m_diags.error(m_file.location(element), fmt::format("'{}' must hold only tables ([[{}]])", key, key));
  }
  return out;
}

void TableReader::finish() {
  for (auto&& [key, value] : m_table) {
    const std::string_view name = key.str();
    if (std::find(m_keys.begin(), m_keys.end(), name) != m_keys.end()) continue;
    m_diags.error(m_file.location(key.source().begin),
                  fmt::format("unknown key '{}' in {}{}", name, m_name, did_you_mean(name, m_keys)));
  }
}

} // namespace books
