#include "render/json.hpp"

#include "money/fixed2.hpp"

namespace render {
namespace {

std::string hours(const money::Rational& r) { return money::Hours::round(r).to_string(); }

} // namespace

Json run_json(const InvoiceRun& run) {
  Json j;
  j["month"] = run.month.to_string();
  j["documents"] = Json::array();
  for (const IssuedDocument& doc : run.documents) j["documents"].push_back(to_json(doc));
  j["total"] = run.total.to_string();
  return j;
}

Json report_json(const Report& report) {
  Json j;
  j["from"] = report.from.to_string();
  j["to"] = report.to.to_string();
  j["contracts"] = Json::array();
  for (const ReportContract& rc : report.contracts) {
    Json c;
    c["contract"] = rc.contract;
    c["weeks"] = Json::array();
    for (const billing::WeekFigures& w : rc.weeks) {
      Json wj;
      wj["week"] = w.week.to_string();
      wj["month"] = w.month.to_string();
      wj["agreed"] = hours(w.agreed);
      wj["delivered"] = hours(w.delivered);
      wj["citizen_absent"] = hours(w.citizen_absent);
      wj["staff_absent"] = hours(w.staff_absent);
      wj["billable"] = hours(w.billable);
      wj["over_delivered"] = hours(w.over_delivered);
      wj["unlogged"] = w.unlogged;
      c["weeks"].push_back(wj);
    }
    j["contracts"].push_back(c);
  }
  return j;
}

Json deadlines_json(const DeadlineList& list) {
  Json j;
  j["as_of"] = list.as_of.to_string();
  j["within"] = list.within;
  j["deadlines"] = Json::array();
  for (const billing::Deadline& d : list.deadlines) {
    Json dj;
    dj["contract"] = d.contract;
    dj["kind"] = std::string(billing::to_string(d.kind));
    if (d.number) dj["number"] = *d.number;
    dj["due"] = d.due.to_string();
    dj["overdue"] = d.overdue;
    j["deadlines"].push_back(dj);
  }
  return j;
}

Json diagnostics_json(const diag::Diagnostics& diags) {
  Json j;
  j["errors"] = Json::array();
  j["warnings"] = Json::array();
  for (const diag::Diagnostic& d : diags.items()) {
    Json dj;
    dj["file"] = d.where.path;
    dj["line"] = d.where.line;
    dj["column"] = d.where.column;
    dj["message"] = d.message;
    j[d.severity == diag::Severity::error ? "errors" : "warnings"].push_back(dj);
  }
  return j;
}

std::string dump(const Json& json) { return json.dump(2) + "\n"; }

} // namespace render
