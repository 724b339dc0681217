#pragma once
// Typed, located access to one TOML table, reporting every problem to Diagnostics.
// Internal to books/: the only place that knows toml++.

#include "calendar/date.hpp"
#include "diag/diagnostic.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace books {

// One TOML file: its text (for the exact literals of numbers) and its path for messages.
class TomlFile {
public:
  TomlFile(std::string rel_path, std::string text);

  const std::string& path() const { return m_path; }
  const std::string& text() const { return m_text; }
  diag::Location location(const toml::source_position& pos) const;
  diag::Location location(const toml::node& node) const { return location(node.source().begin); }
  // The literal text of a one-line value as written (e.g. "525.00"), never a re-formatted double.
  std::string_view literal(const toml::node& node) const;

private:
  std::string m_path;
  std::string m_text;
  std::vector<std::string_view> m_lines;
  // Where the last literal() ended: a line holding many values (an array of inline tables on one
  // line) is then walked once, not once per value.
  struct Cursor {
    std::size_t line = 0;
    std::size_t column = 1;
    std::size_t offset = 0;
  };
  mutable Cursor m_cursor;
  std::size_t byte_offset(std::size_t line_number, std::string_view line, std::size_t column) const;
};

enum class Need { optional, required };

class TableReader {
public:
  // `keys` are all keys this table accepts; anything else is reported by finish().
  TableReader(const TomlFile& file, const toml::table& table, diag::Diagnostics& diags,
              std::string name, std::initializer_list<std::string_view> keys, diag::Location where);

  bool has(std::string_view key) const { return m_table.contains(key); }
  diag::Location location_of(std::string_view key) const;
  const diag::Location& where() const { return m_where; }
  diag::Diagnostics& diagnostics() const { return m_diags; }

  std::optional<std::string> string(std::string_view key, Need need);
  // A string that must say something: empty or only whitespace is an error whether the key is
  // required or optional (free_text.hpp, check_not_blank). The value is returned all the same.
  std::optional<std::string> text(std::string_view key, Need need);
  // The value if it is a string; nullopt (and no error) otherwise.
  std::optional<std::string> string_if_string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key, Need need);
  std::optional<std::int64_t> integer(std::string_view key, Need need);
  // A TOML local date (or a "YYYY-MM-DD" string).
  std::optional<calendar::Date> date(std::string_view key, Need need);
  // A plain decimal number with at most two decimals, as hundredths.
  std::optional<std::int64_t> decimal(std::string_view key, Need need);
  // A TOML local time or an "HH:MM" string, as minutes after midnight (whole minutes only).
  std::optional<int> time_of_day(std::string_view key, Need need);
  std::optional<std::vector<std::string>> string_array(std::string_view key, Need need);
  // Lines of text (an address): at least one, none of them blank.
  std::optional<std::vector<std::string>> text_lines(std::string_view key, Need need);
  std::optional<std::vector<calendar::Date>> date_array(std::string_view key, Need need);
  // A sub-table ([payer], or an inline table); nullptr when absent or not a table.
  const toml::table* table(std::string_view key, Need need);
  // An array of tables ([[terms]]); empty when absent.
  std::vector<const toml::table*> tables(std::string_view key);

  // Reports keys this table does not accept, with a "did you mean" hint.
  void finish();

  void error(std::string_view key, std::string message);
  void error_here(std::string message) { m_diags.error(m_where, std::move(message)); }

private:
  const toml::node* get(std::string_view key, Need need);
  void wrong_type(std::string_view key, std::string_view expected);

  const TomlFile& m_file;
  const toml::table& m_table;
  diag::Diagnostics& m_diags;
  std::string m_name;
  std::vector<std::string_view> m_keys;
  diag::Location m_where;
};

// Parses a file; reports a syntax error and returns nullopt when it does not parse.
std::optional<toml::table> parse_toml(const TomlFile& file, diag::Diagnostics& diags);

// The value of `key = "..."` (or '...') among the top-level keys of a TOML text, read by lines
// without parsing: for a file toml++ refused, to know which contract it meant. nullopt if there
// is no such line before the first table header, or its string has escapes.
std::optional<std::string> top_level_string(std::string_view text, std::string_view key);

// Hours, money and VAT values: `value` in hundredths must lie in (low, high].
bool in_range_exclusive_low(std::int64_t value, std::int64_t low, std::int64_t high);

} // namespace books
