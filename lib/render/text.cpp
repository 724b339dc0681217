#include "render/text.hpp"

#include "util/utf8.hpp"
#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <vector>

namespace render {
namespace {

constexpr std::size_t k_width = 72;


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

std::string week_span(calendar::IsoWeek week, calendar::Date from, calendar::Date to) {
  return fmt::format("Uge {} ({})", week.week(), day_span(from, to));
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
    if (!line.empty() && util::codepoints(line) + 1 + util::codepoints(word) > width) lines.emplace_back(word);
    else line += (line.empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  return lines;
}

// A right-aligned column of `width`, with at least one space before a value that fills it, so
// that figures of any size never run together.
std::string column(std::string_view value, std::size_t width) {
  const std::string cell = pad_left(value, width);
  return cell.size() > value.size() ? cell : " " + cell;
}

std::string amount_row(std::string_view label, money::Money value) {
  return pad_left(label, k_width - 16) + column(value.to_danish(), 16) + "\n";
}

std::string number_text(const IssuedDocument& doc, std::string_view none) {
  return doc.number ? std::to_string(*doc.number) : std::string(none);
}

} // namespace

std::string danish_long_date(calendar::Date d) { return long_date(d); }

std::vector<std::string> word_wrap(std::string_view text, std::size_t width) { return wrap(text, width); }

std::string line_description(const billing::Line& l) {
  switch (l.type) {
  case billing::Line::Type::week: return week_span(l.week, l.from, l.to);
  case billing::Line::Type::regulation:
    // The days of its own rate part; the whole week for a part that no longer exists.
    return fmt::format("Regulering uge {} ({}): faktureret {} t, nu {} t", l.week.week(),
                       day_span(billing::days_of(l).from, billing::days_of(l).to), l.before.to_danish(),
                       l.now.to_danish());
  case billing::Line::Type::expense: break;
  }
  // An outlay (SPEC 2.8) says so: it is passed on at cost, outside VAT.
  return fmt::format("{} {}: {}{}", l.credits_expense() ? "Tilbageført udlæg" : "Udlæg", long_date(l.date), l.text,
                     l.outlay ? " (udlæg, uden moms)" : "");
}

std::string week_explanation(const billing::Line& l) {
  if (!l.why) return {};
  const billing::WeekExplanation& w = *l.why;
  auto hours = [](money::Hours h) { return h.to_danish() + " t"; };
  std::string out = "aftalt " + hours(w.agreed);
  auto add = [&out](const std::string& part) { out += " · " + part; };
  if (!w.billed_suspension.is_zero()) add("i bero med betaling " + hours(w.billed_suspension) + " (faktureres fuldt)");
  if (!w.delivered.is_zero()) add("leveret " + hours(w.delivered));
  if (!w.citizen_absent.is_zero()) add("afbud " + hours(w.citizen_absent));
  if (!w.staff_absent.is_zero()) add("aflyst af os " + hours(w.staff_absent));
  const bool logged = !(w.delivered.is_zero() && w.citizen_absent.is_zero() && w.staff_absent.is_zero());
  if (!logged && w.billed_suspension < w.agreed) add("ingen registreringer");
  if (!l.hours.is_zero()) {
    if (!w.absence_billed && (!w.citizen_absent.is_zero() || !w.staff_absent.is_zero()))
      add("fravær faktureres ikke (aftalt)");
    return out;
  }
  if (!w.absence_billed) add("0,00 t: kun leverede timer faktureres (aftalt)");
  else if (!w.staff_absent.is_zero()) add("0,00 t: timer, vi selv har aflyst, faktureres ikke (§8)");
  else add("0,00 t: intet at fakturere");
  return out;
}

std::string period_text(const billing::Period& p) { return danish_date(p.from) + "–" + danish_date(p.to); }

std::string corrections_text(const IssuedDocument& doc) {
  if (!doc.corrects || doc.corrects->empty()) return {};
  std::string numbers;
  for (const std::int64_t n : *doc.corrects) numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
  return (doc.credit_note() ? "Krediterer faktura " : "Regulerer faktura ") + numbers;
}

std::string danish_date(calendar::Date d) { return fmt::format("{:02}.{:02}.{}", d.day(), d.month(), d.year()); }

std::string danish_number(std::string_view decimal) {
  auto h = money::parse_hundredths(decimal);
  return h ? money::format_hundredths_danish(*h) : std::string(decimal);
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t n = util::codepoints(text);
  return std::string(text) + std::string(n < width ? width - n : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t n = util::codepoints(text);
  return std::string(n < width ? width - n : 0, ' ') + std::string(text);
}

std::string document_text(const IssuedDocument& doc) {
  std::string out;
  const bool credit = doc.credit_note();
  const std::string number = number_text(doc, "(prøve)");
  out += fmt::format("{} {}\n", credit ? "KREDITNOTA" : "FAKTURA", number);
  out += std::string(k_width, '=') + "\n";
  out += fmt::format("Fra:  {}, CVR {}\n", doc.seller.name, doc.seller.cvr);
  for (const std::string& a : doc.seller.address) out += "      " + a + "\n";
  out += fmt::format("Til:  {}\n", doc.buyer.name);
  for (const std::string& a : doc.buyer.address) out += "      " + a + "\n";
  if (!doc.buyer.ean.empty()) out += fmt::format("      EAN {}\n", doc.buyer.ean);
  if (!doc.buyer.reference.empty()) out += fmt::format("      Reference: {}\n", doc.buyer.reference);
  if (!doc.buyer.order.empty()) out += fmt::format("      Rekvisition: {}\n", doc.buyer.order);
  if (!doc.buyer.accounting_cost.empty()) out += fmt::format("      Kontostreng: {}\n", doc.buyer.accounting_cost);
  out += "\n";
  if (credit)
    out += fmt::format("Kreditnotadato: {}    Periode: {}\n", danish_date(doc.issue_date), period_text(doc.days()));
  else
    out += fmt::format("Fakturadato: {}    Forfaldsdato: {}    Periode: {}\n", danish_date(doc.issue_date),
                       danish_date(doc.due_date), period_text(doc.days()));
  out += fmt::format("Forløb: {} ({}), borger {}\n", doc.course.service, doc.contract, doc.course.citizen);
  if (!doc.course.case_ref.empty()) out += fmt::format("Sagsnr.: {}\n", doc.course.case_ref);
  if (!doc.course.legal_basis.empty()) out += fmt::format("Lovgrundlag: {}\n", doc.course.legal_basis);
  if (const std::string corrections = corrections_text(doc); !corrections.empty())
    for (const std::string& line : wrap(corrections, k_width)) out += line + "\n";
  out += "\n";
  out += pad_right("Tekst", 38) + pad_left("Timer", 8) + pad_left("Sats", 11) + pad_left("Beløb", 15) + "\n";
  out += std::string(k_width, '-') + "\n";
  for (const billing::Line& l : doc.lines) {
    const bool has_hours = l.has_hours();
    const std::vector<std::string> description = wrap(line_description(l), 37);
    out += pad_right(description.front(), 38) + column(has_hours ? l.hours.to_danish() : "", 8) +
           column(has_hours ? l.rate.to_danish() : "", 11) + column(l.amount.to_danish(), 15) + "\n";
    for (std::size_t i = 1; i < description.size(); ++i) out += "  " + description[i] + "\n";
    if (const std::string why = week_explanation(l); !why.empty())
      for (const std::string& line : wrap(why, k_width - 4)) out += "    " + line + "\n";
  }
  out += std::string(k_width, '-') + "\n";
  out += amount_row("Netto", doc.net);
  if (doc.vat_rate) out += amount_row(fmt::format("Moms {} %", doc.vat_rate->to_danish()), doc.vat);
  else out += amount_row("Moms", doc.vat);
  out += amount_row("I alt DKK", doc.total);
  if (doc.exempt() && doc.vat_exemption_note && !doc.vat_exemption_note->empty())
    out += "\n" + *doc.vat_exemption_note + "\n";
  out += "\n";
  const std::string account = bank_account_text(doc.seller.bank);
  if (credit)
    out += fmt::format("Beløbet krediteres og modregnes eller tilbagebetales. Vores konto: {}.\n", account);
  else
    out += fmt::format("Betaling: {}, senest {}. Anfør fakturanummer {}.\n", account, danish_date(doc.due_date), number);
  if (const auto fik = fik_payment_line(doc)) out += "Indbetalingskort: " + *fik + "\n";
  return out;
}

std::string run_text(const InvoiceRun& run, bool dry_run) {
  std::string out;
  const std::string month = run.month.to_string();
  const auto& docs = run.documents;
  if (docs.empty())
    return fmt::format("Fakturering for {}{}: intet at fakturere, alt er faktureret\n", month,
                       dry_run ? " (prøvekørsel)" : "");
  out += fmt::format("Fakturering for {}{}: {} dokument{}\n", month, dry_run ? " (prøvekørsel, intet er skrevet)" : "",
                     docs.size(), docs.size() == 1 ? "" : "er");
  for (const IssuedDocument& doc : docs) {
    out += "\n";
    out += fmt::format("{} {} · {} · {} · forfald {}\n", doc.credit_note() ? "Kreditnota" : "Faktura",
                       number_text(doc, "–"), doc.contract, doc.payer, danish_date(doc.due_date));
    for (const billing::Line& l : doc.lines) {
      const bool has_hours = l.has_hours();
      const std::vector<std::string> description = wrap(line_description(l), 39);
      out += "  " + pad_right(description.front(), 40) + column(has_hours ? l.hours.to_danish() + " t" : "", 10) +
             column(has_hours ? l.rate.to_danish() : "", 10) + column(l.amount.to_danish(), 12) + "\n";
      for (std::size_t i = 1; i < description.size(); ++i) out += "    " + description[i] + "\n";
    }
    out += "  " + pad_left("netto", 60) + column(doc.net.to_danish(), 12) + "\n";
    if (!doc.vat.is_zero()) out += "  " + pad_left("moms", 60) + column(doc.vat.to_danish(), 12) + "\n";
    out += "  " + pad_left("i alt", 60) + column(doc.total.to_danish(), 12) + "\n";
  }
  out += "\n" + pad_left("I alt DKK", 62) + column(run.total.to_danish(), 12) + "\n";
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

std::string report_text(const Report& report, bool color) {
  std::string out = fmt::format("Timer pr. uge, {} til {}\n", report.from.to_string(), report.to.to_string());
  if (report.contracts.empty()) return out + "\n(ingen uger i perioden)\n";
  auto hours = [](const money::Rational& r) { return money::Hours::round(r).to_danish(); };
  for (const ReportContract& c : report.contracts) {
    out += "\n" + c.contract + "\n";
    out += "  " + pad_right("Uge", 10) + pad_right("Måned", 9) + pad_left("Aftalt", 8) + pad_left("Leveret", 9) +
           pad_left("Borger-fra", 11) + pad_left("Pers.-fra", 10) + pad_left("Fakt.", 8) + pad_left("Over", 7) + "\n";
    for (const billing::WeekFigures& w : c.weeks) {
      out += "  " + pad_right(w.week.to_string(), 10) + pad_right(w.month.to_string(), 9) + pad_left(hours(w.agreed), 8) +
             pad_left(hours(w.delivered), 9) + pad_left(hours(w.citizen_absent), 11) +
             pad_left(hours(w.staff_absent), 10) + pad_left(hours(w.billable), 8) + pad_left(hours(w.over_delivered), 7) +
             (w.unlogged ? "  " + colored("ulogget", k_sgr_yellow, color) : "") + "\n";
    }
  }
  return out;
}

std::string deadline_text(const billing::Deadline& d) {
  switch (d.kind) {
  case billing::Deadline::Kind::handleplan: return "handleplan mangler";
  case billing::Deadline::Kind::status_report: return fmt::format("statusrapport {}", d.number.value_or(0));
  case billing::Deadline::Kind::end: break;
  }
  return "forløbet slutter";
}

std::string deadlines_text(const DeadlineList& list, bool color) {
  std::string out = fmt::format("Frister pr. {}, {} dage frem\n", danish_date(list.as_of), list.within);
  if (list.deadlines.empty()) return out + "\n(ingen frister)\n";
  out += "\n" + pad_right("Forfald", 13) + pad_right("Kontrakt", 16) + "Hvad\n";
  for (const billing::Deadline& d : list.deadlines) {
    std::string what = deadline_text(d);
    if (d.overdue) what += " (overskredet)";
    out += colored(pad_right(danish_date(d.due), 13) + pad_right(d.contract, 16) + what, k_sgr_red, color && d.overdue) +
           "\n";
  }
  return out;
}

} // namespace render
