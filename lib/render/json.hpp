#pragma once
// JSON for machines (SPEC §7). Money and hours are strings with two decimals.
// The canonical JSON of a document is also what the register stores and re-renders from.

#include "billing/deadlines.hpp"
#include "billing/run.hpp"
#include "billing/week.hpp"
#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace render {

using Json = nlohmann::ordered_json;

// The canonical, self-contained form of a document: the guaranteed keys of SPEC §7 first, then
// everything a renderer needs (seller, buyer, course, VAT, payment). Never a citizen's notes.
Json document_json(const billing::Document& doc, const books::Books& books);
// {"month", "documents", "total"} for a run whose documents are given in canonical form.
Json run_json(const std::string& month, std::vector<Json> documents, const std::string& total);

struct ReportContract {
  std::string contract;
  std::vector<billing::WeekFigures> weeks;
};
Json report_json(calendar::Month from, calendar::Month to, const std::vector<ReportContract>& contracts);
Json deadlines_json(calendar::Date today, int within, const std::vector<billing::Deadline>& items);
Json diagnostics_json(const diag::Diagnostics& diags);

// Two-space indented, UTF-8, with a final newline.
std::string dump(const Json& json);

} // namespace render
