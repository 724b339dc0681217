#pragma once
// CSV for spreadsheets and scripts: RFC 4180, comma-separated, '.' decimals, a header line.

#include "render/json.hpp"

#include <string>

namespace render {

std::string report_csv(const Json& report);

} // namespace render
