#include "render/csv.hpp"

namespace render {
namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

} // namespace

std::string report_csv(const Json& report) {
  std::string out = "contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,unlogged\r\n";
  for (const Json& c : report["contracts"])
    for (const Json& w : c["weeks"]) {
      out += field(c["contract"].get<std::string>());
      for (const char* key : {"week", "month", "agreed", "delivered", "citizen_absent", "staff_absent", "billable",
                              "over_delivered"})
        out += "," + field(w[key].get<std::string>());
      out += w["unlogged"].get<bool>() ? ",true\r\n" : ",false\r\n";
    }
  return out;
}

} // namespace render
