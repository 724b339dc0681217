#include "receivables/statement.hpp"

#include "books/identifiers.hpp"
#include "books/load.hpp"
#include "receivables/amount.hpp"
#include "receivables/ledger.hpp"
#include "register/register.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

namespace receivables {
namespace {

struct Field {
  std::string value;
  int line = 0;
  int column = 0;
};
struct Record {
  int line = 0; // where it starts
  int end_column = 0;
  std::vector<Field> fields;
};

[[noreturn]] void bad(const std::string& shown, int line, int column, std::string message) {
  throw diag::Error(diag::ErrorKind::data, std::move(message), diag::Location{shown, line, column});
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// RFC 4180 records: quoted fields may hold the separator, "" and line breaks; CRLF reads as LF.
std::vector<Record> records(const std::string& text, char sep, const std::string& shown) {
  std::vector<Record> out;
  std::size_t i = 0;
  int line = 1;
  std::size_t line_start = 0;
  auto column_at = [&](std::size_t pos) {
    return static_cast<int>(util::codepoints(std::string_view(text).substr(line_start, pos - line_start))) + 1;
  };
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    bool end_of_record = false;
    while (!end_of_record) {
      Field f;
      f.line = line;
      f.column = column_at(i);
      if (i < text.size() && text[i] == '"') {
        const int open_line = line, open_column = f.column;
        ++i;
        while (true) {
          if (i >= text.size()) bad(shown, open_line, open_column, "a quoted field is not closed");
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              f.value += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          f.value += c;
          ++i;
        }
        // After the closing quote: spaces, then the separator or the end of the line.
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
        if (i < text.size() && text[i] != sep && text[i] != '\n')
          bad(shown, line, column_at(i), "a quoted field goes on after its closing quote");
      } else {
        const std::size_t start = i;
        while (i < text.size() && text[i] != sep && text[i] != '\n') ++i;
        std::string_view raw(text.data() + start, i - start);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        f.value = std::string(raw);
      }
      rec.fields.push_back(std::move(f));
      if (i >= text.size()) {
        rec.end_column = column_at(i);
        end_of_record = true;
      } else if (text[i] == sep) {
        ++i;
      } else { // '\n'
        rec.end_column = column_at(i);
        ++i;
        ++line;
        line_start = i;
        end_of_record = true;
      }
    }
    const bool blank = rec.fields.size() == 1 && trimmed(rec.fields[0].value).empty();
    if (!blank) out.push_back(std::move(rec));
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || u >= 0x80;
}

} // namespace

std::string windows_1252_to_utf8(std::string_view bytes) {
  // 0x80..0x9F; 0 = undefined.
  static constexpr std::uint32_t k_high[32] = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
      0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) out += c;
    else if (b < 0xA0) util::append_utf8(out, k_high[b - 0x80] ? k_high[b - 0x80] : 0xFFFD);
    else util::append_utf8(out, b);
  }
  return out;
}

std::optional<std::int64_t> fik_invoice_in(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j - i == 15) {
      const std::string_view run = text.substr(i, 15);
      const std::int64_t number = std::stoll(std::string(run.substr(0, 14)));
      if (books::fik71_payment_id(number) == run) return number;
    }
    i = j;
  }
  return std::nullopt;
}

std::vector<std::int64_t> numbers_in(std::string_view text) {
  std::vector<std::int64_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool digits = true;
    while (j < text.size() && is_word_byte(text[j])) {
      digits = digits && is_digit(text[j]);
      ++j;
    }
    if (digits && j - i <= 15) out.push_back(std::stoll(std::string(text.substr(i, j - i))));
    i = j;
  }
  return out;
}

std::vector<StatementLine> read_statement(const std::filesystem::path& file, const std::string& shown,
                                          const books::StatementSettings& columns) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw diag::Error(diag::ErrorKind::missing, fmt::format("the statement '{}' does not exist", shown));
  util::FileContent content = util::read_file(file, books::k_max_books_file_bytes);
  if (content.status == util::FileContent::Status::cannot_open)
    throw diag::Error(diag::ErrorKind::missing, fmt::format("the statement '{}' cannot be read", shown));
  if (content.status != util::FileContent::Status::ok)
    bad(shown, 0, 0, fmt::format("the statement is larger than {} MiB", books::k_max_books_file_bytes >> 20));
  std::string text = std::move(content.text);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (!util::is_valid_utf8(text)) text = windows_1252_to_utf8(text); // what a Danish bank's Excel export is
  if (text.find('\0') != std::string::npos) bad(shown, 0, 0, "the statement is not text (it holds NUL bytes)");

  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  const char sep = first_line.find(';') != std::string_view::npos ? ';' : ',';
  const AmountStyle style = sep == ';' ? AmountStyle::decimal_comma : AmountStyle::decimal_point;
  const std::vector<Record> recs = records(text, sep, shown);
  if (recs.empty()) bad(shown, 1, 1, "the statement is empty: it needs a header line naming its columns");

  const Record& header = recs.front();
  auto find_column = [&](const std::string& name, const char* key) {
    for (std::size_t c = 0; c < header.fields.size(); ++c)
      if (util::equal_folded(trimmed(header.fields[c].value), name)) return c;
    std::string names;
    for (const Field& f : header.fields) names += (names.empty() ? "" : ", ") + fmt::format("\"{}\"", trimmed(f.value));
    bad(shown, header.line, 1,
        fmt::format("the statement has no column \"{}\" (set [statement] {} in honorar.toml to the name its bank "
                    "uses); its columns are {}",
                    name, key, names));
  };
  const std::size_t c_date = find_column(columns.date, "date");
  const std::size_t c_text = find_column(columns.text, "text");
  const std::size_t c_amount = find_column(columns.amount, "amount");
  const std::size_t needed = std::max({c_date, c_text, c_amount}) + 1;

  std::vector<StatementLine> out;
  for (std::size_t r = 1; r < recs.size(); ++r) {
    const Record& rec = recs[r];
    if (rec.fields.size() < needed)
      bad(shown, rec.line, rec.end_column,
          fmt::format("this line has {} fields, but the column \"{}\" is field {}", rec.fields.size(),
                      trimmed(header.fields[needed - 1].value), needed));
    const Field& fd = rec.fields[c_date];
    const std::string date_text = trimmed(fd.value);
    const auto date = calendar::parse_date(date_text, calendar::DateForms::iso_or_day_first);
    if (!date) {
      const std::string why = calendar::why_not_a_date(date_text, calendar::DateForms::iso_or_day_first);
      bad(shown, fd.line, fd.column,
          fmt::format("\"{}\" is not a date ({})", date_text, why.empty() ? "DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD" : why));
    }
    const Field& fa = rec.fields[c_amount];
    const ParsedAmount amount = parse_amount(fa.value, style);
    if (!amount.amount)
      bad(shown, fa.line, fa.column,
          amount.error + (sep == ';' ? " (a ';'-separated statement writes 1.234,50)" : " (a ','-separated statement writes 1234.50)"));
    if (amount.amount->is_zero()) continue;
    out.push_back({rec.line, *date, trimmed(rec.fields[c_text].value), *amount.amount});
  }
  return out;
}

ImportOutcome import_statement(const std::filesystem::path& books_dir, const std::string& shown,
                               const std::vector<StatementLine>& lines, calendar::Date today, int busy_timeout_ms) {
  ImportOutcome out;
  out.file = shown;
  auto reg = invoice_register::Register::open_for_run(books_dir, busy_timeout_ms);
  Ledger ledger = Ledger::load(*reg);
  const bool append = ledger.appends_after(today);

  // Open invoices by their open amount, kept up to date as lines are recorded.
  std::multimap<std::int64_t, std::int64_t> by_amount;
  std::map<std::int64_t, std::int64_t> open_of;
  auto index = [&](const InvoiceAccount& a) {
    if (auto it = open_of.find(a.number); it != open_of.end()) {
      auto [lo, hi] = by_amount.equal_range(it->second);
      for (auto k = lo; k != hi; ++k)
        if (k->second == a.number) {
          by_amount.erase(k);
          break;
        }
      open_of.erase(it);
    }
    if (!a.open().is_zero()) {
      by_amount.emplace(a.open().hundredths(), a.number);
      open_of[a.number] = a.open().hundredths();
    }
  };
  for (const InvoiceAccount* a : ledger.open_invoices()) index(*a);

  std::map<std::tuple<std::string, std::string, std::int64_t>, std::int64_t> seen; // occurrences in this file
  for (const StatementLine& l : lines) {
    if (l.amount.is_negative()) continue; // outgoing: not ours to match
    invoice_register::StatementLineRow row{l.date.to_string(), l.text, l.amount.hundredths(), 0, shown, l.line, std::nullopt};
    row.occurrence = ++seen[{row.date, row.text, row.amount}];
    if (reg->statement_line_known(row)) {
      ++out.known;
      continue;
    }
    ImportedLine imported{l.line, l.date, l.amount, l.text, 0, "", 0};
    if (auto fik = fik_invoice_in(l.text); fik && ledger.invoice(*fik)) {
      imported.invoice = *fik;
      imported.by = "fik";
    } else {
      std::set<std::int64_t> named;
      for (std::int64_t n : numbers_in(l.text))
        if (open_of.count(n)) named.insert(n);
      if (named.size() == 1) {
        imported.invoice = *named.begin();
        imported.by = "number";
      } else if (by_amount.count(l.amount.hundredths()) == 1) {
        imported.invoice = by_amount.find(l.amount.hundredths())->second;
        imported.by = "amount";
      }
    }
    if (imported.invoice != 0) {
      const InvoiceAccount* a = ledger.invoice(imported.invoice);
      invoice_register::PaymentRow payment{0, a->number, a->contract, row.date, row.amount, l.text, today.to_string()};
      payment.id = reg->record_payment(payment);
      row.payment = payment.id;
      imported.payment = payment.id;
      if (append) {
        const PaymentSettlement& s = ledger.append_payment(payment);
        for (const Settled& x : s.settled) index(*ledger.invoice(x.invoice));
      } else { // a reminder of today is in the ledger: replay, as later commands will
        ledger = Ledger::load(*reg);
        by_amount.clear();
        open_of.clear();
        for (const InvoiceAccount* o : ledger.open_invoices()) index(*o);
      }
      out.matched.push_back(std::move(imported));
    } else {
      out.unmatched.push_back(std::move(imported));
    }
    reg->record_statement_line(row);
  }
  reg->commit();
  return out;
}

} // namespace receivables
