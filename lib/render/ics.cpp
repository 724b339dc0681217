#include "render/ics.hpp"

#include "render/text.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

namespace render {
namespace {

std::string str(const Json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }

// "20251202" from "2025-12-02".
std::string basic_date(const std::string& iso) {
  std::string out;
  for (char c : iso)
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

std::string deadlines_ics(const Json& deadlines) {
  const std::string as_of = str(deadlines["as_of"]);
  const std::string stamp = basic_date(as_of) + "T000000Z";
  std::string out;
  auto line = [&out](const std::string& text) { out += ics_fold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//honorar//honorar " HONORAR_VERSION "//DA");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ics_escape("Frister (honorar)"));
  for (const Json& d : deadlines["deadlines"]) {
    const std::string contract = str(d["contract"]);
    const std::string kind = str(d["kind"]);
    const std::string due = str(d["due"]);
    const bool has_number = d.contains("number") && d["number"].is_number();
    const int number = has_number ? d["number"].get<int>() : 0;
    const auto due_date = calendar::parse_date(due);
    if (!due_date) continue; // never happens: the JSON is ours
    std::string summary, description;
    if (kind == "handleplan") {
      summary = "Handleplan mangler: " + contract;
      description = fmt::format("Betalers handleplan for forløb {} mangler; den er en forudsætning for "
                                "opstarten (§9). Forfald {}.",
                                contract, danish_date(*due_date));
    } else if (kind == "status-report") {
      summary = fmt::format("Statusrapport {}: {}", number, contract);
      description = fmt::format("Skriftlig statusrapport {} for forløb {} skal afleveres senest {} (§9).", number,
                                contract, danish_date(*due_date));
    } else {
      summary = "Forløbet slutter: " + contract;
      description = fmt::format("Sidste dag for forløb {} er {}.", contract, danish_date(*due_date));
    }
    const std::string uid =
        has_number ? fmt::format("{}-{}-{}-{}@honorar", contract, kind, number, basic_date(due))
                   : fmt::format("{}-{}-{}@honorar", contract, kind, basic_date(due));
    line("BEGIN:VEVENT");
    line("UID:" + uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + basic_date(due));
    line("DTEND;VALUE=DATE:" + basic_date((*due_date + 1).to_string()));
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
