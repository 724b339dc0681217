// timelog/**/*.csv: entries only (SPEC 1.3). RFC 4180 with a header naming the columns; a
// header separated by ';' makes it a Danish CSV (';', decimal comma, DD-MM-YYYY dates).
#include "books/timelog_csv.hpp"

#include "books/entry_rules.hpp"
#include "books/free_text.hpp"
#include "books/suggest.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace books {
namespace {

// The offset of the first byte that is not part of valid UTF-8 text -- a NUL byte, or what
// util::first_invalid_utf8 finds -- or npos. A CSV time log is UTF-8 text (SPEC 1.3): anything
// else is refused whole, before its fields reach messages, the JSON output or the register.
std::size_t first_invalid_byte(std::string_view text) {
  return std::min(text.find('\0'), util::first_invalid_utf8(text));
}

// Reports the first invalid byte of `text` at its line and column; false if there is one.
bool check_utf8(const std::string& rel_path, std::string_view text, diag::Diagnostics& diags) {
  const std::size_t bad = first_invalid_byte(text);
  if (bad == std::string_view::npos) return true;
  const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  const std::size_t from = line_start == std::string_view::npos || bad == 0 ? 0 : line_start + 1;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(from), '\n');
  const auto column = 1 + util::codepoints(text.substr(from, bad - from));
  const auto byte = static_cast<unsigned char>(text[bad]);
  diags.error({rel_path, static_cast<int>(line), static_cast<int>(column)},
              byte == 0 ? std::string("CSV: a NUL byte: a time log must be UTF-8 text; no entry of this file is read")
                        : fmt::format("CSV: not valid UTF-8 (byte 0x{:02X}): a time log must be UTF-8 text; no entry of "
                                      "this file is read",
                                      byte));
  return false;
}

struct Field {
  std::string text;
  int line = 0;
  int column = 0;
};

// The field separator of a CSV time log: ';' when the header line holds one outside quotes (a
// Danish CSV, as a Danish spreadsheet saves it: SPEC 1.3), else ','.
char separator_of(std::string_view text) {
  const std::size_t header = text.find_first_not_of("\r\n"); // blank lines are skipped
  bool quoted = false;
  for (std::size_t i = header; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ';') return ';';
    else if (!quoted && (c == '\n' || c == '\r')) break;
  }
  return ',';
}

// Splits CSV text into records of located fields. Reports an unterminated quote.
class CsvReader {
public:
  CsvReader(std::string_view text, std::string path, diag::Diagnostics& diags)
      : m_text(text), m_path(std::move(path)), m_diags(diags) {
    if (m_text.starts_with("\xEF\xBB\xBF")) m_text.remove_prefix(3);
    m_separator = separator_of(m_text);
  }

  bool danish() const { return m_separator == ';'; }

  // The next non-blank record; false at the end or after a syntax error.
  bool next(std::vector<Field>& record) {
    record.clear();
    while (m_pos < m_text.size()) {
      if (at_line_end()) { // a blank line
        skip_line_end();
        continue;
      }
      return read_record(record);
    }
    return false;
  }

private:
  bool at_line_end() const { return m_text[m_pos] == '\n' || (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') || m_text[m_pos] == '\r'; }
  void skip_line_end() {
    if (m_text[m_pos] == '\r') ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
    ++m_line;
    m_line_start = m_pos;
  }
  // Counted on from the last column asked for on the same line: a line of a million fields is
  // walked once, not once per field.
  int column() const {
    if (m_column_line_start != m_line_start || m_column_pos > m_pos) {
      m_column_line_start = m_line_start;
      m_column_pos = m_line_start;
      m_column = 1;
    }
    m_column += util::codepoints(m_text.substr(m_column_pos, m_pos - m_column_pos));
    m_column_pos = m_pos;
    return static_cast<int>(m_column);
  }

  bool read_record(std::vector<Field>& record) {
    while (true) {
      Field f{{}, m_line, column()};
      if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        ++m_pos;
        while (true) {
          if (m_pos >= m_text.size()) {
            m_diags.error({m_path, f.line, f.column}, "CSV syntax: a quoted field is not closed");
            return false;
          }
          const char c = m_text[m_pos];
          if (c == '"') {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
              f.text += '"';
              m_pos += 2;
              continue;
            }
            ++m_pos;
            break;
          }
          if (c == '\n') {
            f.text += c;
            ++m_pos;
            ++m_line;
            m_line_start = m_pos;
            continue;
          }
          f.text += c;
          ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] != m_separator && !at_line_end()) {
          m_diags.error({m_path, m_line, column()}, "CSV syntax: text after a closing quote");
          return false;
        }
      } else {
        while (m_pos < m_text.size() && m_text[m_pos] != m_separator && !at_line_end()) {
          if (m_text[m_pos] == '"') {
            m_diags.error({m_path, m_line, column()}, "CSV syntax: a quote inside an unquoted field");
            return false;
          }
          f.text += m_text[m_pos++];
        }
      }
      record.push_back(std::move(f));
      if (m_pos >= m_text.size()) return true;
      if (m_text[m_pos] == m_separator) {
        ++m_pos;
        continue;
      }
      skip_line_end();
      return true;
    }
  }

  std::string_view m_text;
  std::string m_path;
  diag::Diagnostics& m_diags;
  char m_separator = ',';
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  int m_line = 1;
  mutable std::size_t m_column_line_start = 0;
  mutable std::size_t m_column_pos = 0;
  mutable std::size_t m_column = 1;
};

enum Column { k_contract, k_date, k_hours, k_status, k_staff, k_note, k_column_count };
constexpr std::array<std::string_view, k_column_count> k_column_names{"contract", "date", "hours", "status", "staff", "note"};
// The Danish names of the same columns, accepted beside the English ones (SPEC 1.3).
constexpr std::array<std::string_view, k_column_count> k_danish_column_names{"kontrakt", "dato",        "timer",
                                                                             "status",   "medarbejder", "note"};
// Every name, for "did you mean".
constexpr std::array<std::string_view, 2 * k_column_count> k_all_column_names{
    "contract", "date", "hours", "status", "staff", "note", "kontrakt", "dato", "timer", "status", "medarbejder", "note"};

// The column a header field names, in either language, case free ("Dato"); nullopt if none.
std::optional<std::size_t> column_named(std::string_view name) {
  for (std::size_t c = 0; c < k_column_count; ++c)
    if (util::equal_folded(name, k_column_names[c]) || util::equal_folded(name, k_danish_column_names[c])) return c;
  return std::nullopt;
}

// The problem with a 'date' field, with what is wrong with the day if it has a date's shape.
std::string bad_date(std::string_view text, calendar::DateForms forms) {
  const std::string why = calendar::why_not_a_date(text, forms);
  return fmt::format("'date' must be a date {}, not \"{}\"{}",
                     forms == calendar::DateForms::iso ? "YYYY-MM-DD" : "YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY", text,
                     why.empty() ? "" : ": " + why);
}

// The problem with an 'hours' field. A decimal comma in a comma-separated file (a quoted "2,5")
// gets the two ways out.
std::string bad_hours(std::string_view text, bool danish) {
  std::string hint;
  if (!danish && text.find(',') != std::string_view::npos) {
    std::string point(text);
    std::replace(point.begin(), point.end(), ',', '.');
    hint = fmt::format(": use a decimal point ({}), or ';' between the fields for a Danish CSV", point);
  }
  return fmt::format("'hours' must be a number with at most 2 decimals, not \"{}\"{}", text, hint);
}

} // namespace

void load_timelog_csv(const std::string& rel_path, std::string_view text, const ContractIndex& contracts,
                      std::vector<Entry>& entries, TextArena& texts, diag::Diagnostics& diags) {
  if (text.starts_with("\xEF\xBB\xBF") ? !check_utf8(rel_path, text.substr(3), diags) : !check_utf8(rel_path, text, diags))
    return;
  CsvReader reader(text, rel_path, diags);
  std::vector<Field> record;
  if (!reader.next(record)) return; // an empty file holds no entries
  std::array<int, k_column_count> position;
  position.fill(-1);
  bool header_ok = true;
  for (std::size_t i = 0; i < record.size(); ++i) {
    const Field& f = record[i];
    const auto column = column_named(f.text);
    diag::Location where{rel_path, f.line, f.column};
    if (!column) {
      diags.error(where, fmt::format("unknown CSV column '{}'{}", f.text, did_you_mean(f.text, k_all_column_names)));
      header_ok = false;
    } else if (position[*column] >= 0) {
      diags.error(where, fmt::format("CSV column '{}' appears twice", f.text));
      header_ok = false;
    } else {
      position[*column] = static_cast<int>(i);
    }
  }
  for (std::size_t c = 0; c <= k_status; ++c)
    if (position[c] < 0) {
      diags.error({rel_path, record.empty() ? 1 : record[0].line, 1},
                  reader.danish()
                      ? fmt::format("the CSV header lacks the column '{}' (needed: kontrakt;dato;timer;status)",
                                    k_danish_column_names[c])
                      : fmt::format("the CSV header lacks the column '{}' (needed: contract,date,hours,status)",
                                    k_column_names[c]));
      header_ok = false;
    }
  if (!header_ok) return;
  const std::size_t columns = record.size();
  const std::string* path = intern_path(rel_path);
  const bool danish = reader.danish();
  const calendar::DateForms date_forms = danish ? calendar::DateForms::iso_or_day_first : calendar::DateForms::iso;

  while (reader.next(record)) {
    diag::Location row{rel_path, record[0].line, 1};
    if (record.size() != columns) {
      diags.error(row, fmt::format("this CSV row has {} fields, the header {}", record.size(), columns));
      continue;
    }
    auto field = [&](Column c) -> const Field* { return position[c] < 0 ? nullptr : &record[static_cast<std::size_t>(position[c])]; };
    auto at = [&](const Field& f) { return diag::Location{rel_path, f.line, f.column}; };
    const std::size_t errors_before = diags.error_count();
    Entry e;
    e.where = SourceRef{path, row.line, row.column};
    const Field& contract = *field(k_contract);
    auto index = contracts.resolve(contract.text, "entry", at(contract), diags);
    const Field& date = *field(k_date);
    auto day = calendar::parse_date(date.text, date_forms);
    if (!day) diags.error(at(date), bad_date(date.text, date_forms));
    Field& hours = record[static_cast<std::size_t>(position[k_hours])];
    const std::size_t comma = danish ? hours.text.find(',') : std::string::npos;
    if (comma != std::string::npos) hours.text[comma] = '.'; // the decimal comma
    auto h = money::parse_hundredths(hours.text);
    if (!h && comma != std::string::npos) hours.text[comma] = ','; // the message quotes the field as written
    if (!h) diags.error(at(hours), bad_hours(hours.text, danish));
    else if (!entry_hours_in_range(*h)) diags.error(at(hours), entry_message::hours_out_of_range());
    else e.hours = money::Rational(*h, 100);
    const Field& status = *field(k_status);
    if (auto s = parse_entry_status(status.text)) e.status = *s;
    else diags.error(at(status), entry_message::bad_status(status.text));
    std::string_view staff_text, note_text;
    if (const Field* staff = field(k_staff)) {
      check_no_cpr("staff", staff->text, at(*staff), diags);
      staff_text = staff->text;
    }
    if (const Field* note = field(k_note)) {
      check_no_cpr("note", note->text, at(*note), diags);
      note_text = note->text;
    }
    if (diags.error_count() != errors_before) continue;
    e.text = texts.add(staff_text, note_text);
    e.contract = static_cast<std::uint32_t>(*index);
    e.date = *day;
    entries.push_back(e);
  }
}

} // namespace books
