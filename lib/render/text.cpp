#include "render/text.hpp"

#include "books/free_text.hpp"
#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <vector>

namespace render {
namespace {

constexpr std::size_t k_width = 72;

std::string str(const Json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }

std::string date_of(const Json& j) {
  auto d = calendar::parse_date(str(j));
  return d ? danish_date(*d) : str(j);
}

constexpr const char* k_month_names[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                         "juli", "august", "september", "oktober", "november", "december"};

std::string long_date(calendar::Date d) { return fmt::format("{}. {} {}", d.day(), k_month_names[d.month() - 1], d.year()); }

// "3.–9. november 2025", "27. oktober–2. november 2025", "29. december 2025–4. januar 2026"
std::string day_span(calendar::Date from, calendar::Date to) {
  if (from.year() != to.year()) return long_date(from) + "–" + long_date(to);
  if (from.month() != to.month()) return fmt::format("{}. {}–{}", from.day(), k_month_names[from.month() - 1], long_date(to));
  if (from == to) return long_date(to);
  return fmt::format("{}.–{}", from.day(), long_date(to));
}

std::string week_span(const std::string& iso_week, const Json& l) {
  auto w = calendar::parse_iso_week(iso_week);
  if (!w) return iso_week;
  auto from = l.contains("from") ? calendar::parse_date(str(l["from"])) : std::nullopt;
  auto to = l.contains("to") ? calendar::parse_date(str(l["to"])) : std::nullopt;
  return fmt::format("Uge {} ({})", w->week(), day_span(from.value_or(w->monday()), to.value_or(w->sunday())));
}

// Word-wraps UTF-8 text to lines of at most `width` code points (a longer word gets a line of its own).
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    std::string& line = lines.back();
    if (!line.empty() && books::codepoints(line) + 1 + books::codepoints(word) > width) lines.emplace_back(word);
    else line += (line.empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  return lines;
}

std::string amount_row(std::string_view label, const Json& value) {
  return pad_left(label, k_width - 16) + pad_left(danish_number(str(value)), 16) + "\n";
}

} // namespace

std::string danish_long_date(calendar::Date d) { return long_date(d); }

std::string line_description(const Json& l) {
  const std::string type = str(l["type"]);
  if (type == "week") return week_span(str(l["week"]), l);
  if (type == "regulation")
    return fmt::format("Regulering {}: faktureret {} t, nu {} t", week_span(str(l["week"]), l),
                       danish_number(str(l["billed_hours"])), danish_number(str(l["now_hours"])));
  auto date = calendar::parse_date(str(l["date"]));
  const std::string when = date ? long_date(*date) : str(l["date"]);
  const bool credited = str(l["amount"]).starts_with("-");
  return fmt::format("{} {}: {}", credited ? "Tilbageført udlæg" : "Udlæg", when, str(l["text"]));
}

std::string danish_date(calendar::Date d) { return fmt::format("{:02}.{:02}.{}", d.day(), d.month(), d.year()); }

std::string danish_number(std::string_view decimal) {
  auto h = money::parse_hundredths(decimal);
  return h ? money::format_hundredths_danish(*h) : std::string(decimal);
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t n = books::codepoints(text);
  return std::string(text) + std::string(n < width ? width - n : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t n = books::codepoints(text);
  return std::string(n < width ? width - n : 0, ' ') + std::string(text);
}

std::string document_text(const Json& doc) {
  std::string out;
  const bool credit = str(doc["kind"]) == "credit-note";
  const std::string number = doc["number"].is_number() ? std::to_string(doc["number"].get<long long>()) : "(prøve)";
  const Json& seller = doc["seller"];
  const Json& buyer = doc["buyer"];
  const Json& course = doc["course"];
  out += fmt::format("{} {}\n", credit ? "KREDITNOTA" : "FAKTURA", number);
  out += std::string(k_width, '=') + "\n";
  out += fmt::format("Fra:  {}, CVR {}\n", str(seller["name"]), str(seller["cvr"]));
  for (const Json& a : seller["address"]) out += "      " + str(a) + "\n";
  out += fmt::format("Til:  {}\n", str(buyer["name"]));
  for (const Json& a : buyer["address"]) out += "      " + str(a) + "\n";
  if (!str(buyer["ean"]).empty()) out += fmt::format("      EAN {}\n", str(buyer["ean"]));
  if (!str(buyer["reference"]).empty()) out += fmt::format("      Reference: {}\n", str(buyer["reference"]));
  if (!str(buyer["order"]).empty()) out += fmt::format("      Rekvisition: {}\n", str(buyer["order"]));
  if (!str(buyer["accounting_cost"]).empty()) out += fmt::format("      Kontostreng: {}\n", str(buyer["accounting_cost"]));
  out += "\n";
  out += fmt::format("Fakturadato: {}    Forfaldsdato: {}    Periode: {}\n", date_of(doc["issue_date"]),
                     date_of(doc["due_date"]), str(doc["month"]));
  out += fmt::format("Forløb: {} ({}), borger {}\n", str(course["service"]), str(doc["contract"]), str(course["citizen"]));
  if (!str(course["case_ref"]).empty()) out += fmt::format("Sagsnr.: {}\n", str(course["case_ref"]));
  if (!str(course["legal_basis"]).empty()) out += fmt::format("Lovgrundlag: {}\n", str(course["legal_basis"]));
  out += "\n";
  out += pad_right("Tekst", 38) + pad_left("Timer", 8) + pad_left("Sats", 11) + pad_left("Beløb", 15) + "\n";
  out += std::string(k_width, '-') + "\n";
  for (const Json& l : doc["lines"]) {
    const bool has_hours = l.contains("hours");
    const std::vector<std::string> description = wrap(line_description(l), 37);
    out += pad_right(description.front(), 38) + pad_left(has_hours ? danish_number(str(l["hours"])) : "", 8) +
           pad_left(has_hours ? danish_number(str(l["rate"])) : "", 11) + pad_left(danish_number(str(l["amount"])), 15) +
           "\n";
    for (std::size_t i = 1; i < description.size(); ++i) out += "  " + description[i] + "\n";
  }
  out += std::string(k_width, '-') + "\n";
  out += amount_row("Netto", doc["net"]);
  if (doc["vat_rate"].is_string()) out += amount_row(fmt::format("Moms {} %", danish_number(str(doc["vat_rate"]))), doc["vat"]);
  else out += amount_row("Moms", doc["vat"]);
  out += amount_row("I alt DKK", doc["total"]);
  if (!doc["vat_rate"].is_string() && !str(doc["vat_exemption_note"]).empty())
    out += "\n" + str(doc["vat_exemption_note"]) + "\n";
  out += "\n";
  const Json& bank = seller["bank"];
  const std::string account = bank.contains("reg")
                                  ? fmt::format("reg.nr. {} konto {}", str(bank["reg"]), str(bank["account"]))
                                  : fmt::format("IBAN {} {}", str(bank["iban"]), str(bank["bic"]));
  if (credit)
    out += fmt::format("Beløbet krediteres og modregnes eller tilbagebetales. Vores konto: {}.\n", account);
  else
    out += fmt::format("Betaling: {}, senest {}. Anfør fakturanummer {}.\n", account, date_of(doc["due_date"]), number);
  return out;
}

std::string run_text(const Json& run, bool dry_run) {
  std::string out;
  const auto& docs = run["documents"];
  if (docs.empty())
    return fmt::format("Fakturering for {}{}: intet at fakturere, alt er faktureret\n", str(run["month"]),
                       dry_run ? " (prøvekørsel)" : "");
  out += fmt::format("Fakturering for {}{}: {} dokument{}\n", str(run["month"]),
                     dry_run ? " (prøvekørsel, intet er skrevet)" : "", docs.size(), docs.size() == 1 ? "" : "er");
  for (const Json& doc : docs) {
    const bool credit = str(doc["kind"]) == "credit-note";
    const std::string number = doc["number"].is_number() ? std::to_string(doc["number"].get<long long>()) : "–";
    out += "\n";
    out += fmt::format("{} {} · {} · {} · forfald {}\n", credit ? "Kreditnota" : "Faktura", number, str(doc["contract"]),
                       str(doc["payer"]), date_of(doc["due_date"]));
    for (const Json& l : doc["lines"]) {
      const bool has_hours = l.contains("hours");
      const std::vector<std::string> description = wrap(line_description(l), 39);
      out += "  " + pad_right(description.front(), 40) +
             pad_left(has_hours ? danish_number(str(l["hours"])) + " t" : "", 10) +
             pad_left(has_hours ? danish_number(str(l["rate"])) : "", 10) + pad_left(danish_number(str(l["amount"])), 12) +
             "\n";
      for (std::size_t i = 1; i < description.size(); ++i) out += "    " + description[i] + "\n";
    }
    out += "  " + pad_left("netto", 60) + pad_left(danish_number(str(doc["net"])), 12) + "\n";
    if (str(doc["vat"]) != "0.00") out += "  " + pad_left("moms", 60) + pad_left(danish_number(str(doc["vat"])), 12) + "\n";
    out += "  " + pad_left("i alt", 60) + pad_left(danish_number(str(doc["total"])), 12) + "\n";
  }
  out += "\n" + pad_left("I alt DKK", 62) + pad_left(danish_number(str(run["total"])), 12) + "\n";
  return out;
}

namespace {
// ANSI colours (SGR) for text on a terminal; the CLI decides whether they are wanted.
std::string colored(const std::string& text, const char* sgr, bool on) {
  return on ? std::string(sgr) + text + "\x1b[0m" : text;
}
constexpr const char* k_sgr_red = "\x1b[31m";
constexpr const char* k_sgr_yellow = "\x1b[33m";
} // namespace

std::string report_text(const Json& report, bool color) {
  std::string out = fmt::format("Timer pr. uge, {} til {}\n", str(report["from"]), str(report["to"]));
  if (report["contracts"].empty()) return out + "\n(ingen uger i perioden)\n";
  for (const Json& c : report["contracts"]) {
    out += "\n" + str(c["contract"]) + "\n";
    out += "  " + pad_right("Uge", 10) + pad_right("Måned", 9) + pad_left("Aftalt", 8) + pad_left("Leveret", 9) +
           pad_left("Borger-fra", 11) + pad_left("Pers.-fra", 10) + pad_left("Fakt.", 8) + pad_left("Over", 7) + "\n";
    for (const Json& w : c["weeks"]) {
      out += "  " + pad_right(str(w["week"]), 10) + pad_right(str(w["month"]), 9) +
             pad_left(danish_number(str(w["agreed"])), 8) + pad_left(danish_number(str(w["delivered"])), 9) +
             pad_left(danish_number(str(w["citizen_absent"])), 11) + pad_left(danish_number(str(w["staff_absent"])), 10) +
             pad_left(danish_number(str(w["billable"])), 8) + pad_left(danish_number(str(w["over_delivered"])), 7) +
             (w["unlogged"].get<bool>() ? "  " + colored("ulogget", k_sgr_yellow, color) : "") + "\n";
    }
  }
  return out;
}

std::string deadlines_text(const Json& deadlines, bool color) {
  std::string out = fmt::format("Frister pr. {}, {} dage frem\n", date_of(deadlines["as_of"]), deadlines["within"].get<int>());
  if (deadlines["deadlines"].empty()) return out + "\n(ingen frister)\n";
  out += "\n" + pad_right("Forfald", 13) + pad_right("Kontrakt", 16) + "Hvad\n";
  for (const Json& d : deadlines["deadlines"]) {
    const std::string kind = str(d["kind"]);
    std::string what = kind == "handleplan"      ? "handleplan mangler"
                       : kind == "status-report" ? fmt::format("statusrapport {}", d["number"].get<int>())
                                                 : "forløbet slutter";
    const bool overdue = d["overdue"].get<bool>();
    if (overdue) what += " (overskredet)";
    out += colored(pad_right(date_of(d["due"]), 13) + pad_right(str(d["contract"]), 16) + what, k_sgr_red,
                   color && overdue) +
           "\n";
  }
  return out;
}

} // namespace render
