#include "render/ics.hpp"

#include "render/text.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

namespace render {
namespace {

// "20251202" for 2 December 2025.
std::string basic_date(calendar::Date d) {
  std::string out;
  for (char c : d.to_string())
    if (c != '-') out += c;
  return out;
}

} // namespace

std::string ics_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\\': out += "\\\\"; break;
    case ';': out += "\\;"; break;
    case ',': out += "\\,"; break;
    case '\n': out += "\\n"; break;
    case '\r': break;
    default: out += c;
    }
  }
  return out;
}

std::string ics_fold(const std::string& line) {
  std::string out;
  std::size_t octets = 0; // on the current physical line, the leading space included
  for (std::size_t i = 0; i < line.size();) {
    // The whole UTF-8 character starting at i stays on one line.
    std::size_t n = util::sequence_length(static_cast<unsigned char>(line[i]));
    if (i + n > line.size()) n = line.size() - i;
    if (octets + n > 75) {
      out += "\r\n ";
      octets = 1;
    }
    out.append(line, i, n);
    octets += n;
    i += n;
  }
  return out + "\r\n";
}

std::string deadlines_ics(const DeadlineList& list) {
  const std::string stamp = basic_date(list.as_of) + "T000000Z";
  std::string out;
  auto line = [&out](const std::string& text) { out += ics_fold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//honorar//honorar " HONORAR_VERSION "//DA");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ics_escape("Frister (honorar)"));
  for (const billing::Deadline& d : list.deadlines) {
    const std::string& contract = d.contract;
    const std::string kind(billing::to_string(d.kind));
    std::string summary, description;
    switch (d.kind) {
    case billing::Deadline::Kind::handleplan:
      summary = "Handleplan mangler: " + contract;
      description = fmt::format("Betalers handleplan for forløb {} mangler; den er en forudsætning for "
                                "opstarten (§9). Forfald {}.",
                                contract, danish_date(d.due));
      break;
    case billing::Deadline::Kind::status_report:
      summary = fmt::format("Statusrapport {}: {}", d.number.value_or(0), contract);
      description = fmt::format("Skriftlig statusrapport {} for forløb {} skal afleveres senest {} (§9).",
                                d.number.value_or(0), contract, danish_date(d.due));
      break;
    case billing::Deadline::Kind::end:
      summary = "Forløbet slutter: " + contract;
      description = fmt::format("Sidste dag for forløb {} er {}.", contract, danish_date(d.due));
      break;
    }
    const std::string uid = d.number ? fmt::format("{}-{}-{}-{}@honorar", contract, kind, *d.number, basic_date(d.due))
                                     : fmt::format("{}-{}-{}@honorar", contract, kind, basic_date(d.due));
    line("BEGIN:VEVENT");
    line("UID:" + uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + basic_date(d.due));
    line("DTEND;VALUE=DATE:" + basic_date(d.due + 1));
    line("SUMMARY:" + ics_escape(summary));
    line("DESCRIPTION:" + ics_escape(description));
    line("CATEGORIES:" + ics_escape(kind));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

} // namespace render
