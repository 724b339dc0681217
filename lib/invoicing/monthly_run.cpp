#include "invoicing/monthly_run.hpp"

#include "billing/run.hpp"
#include "register/register.hpp"

#include <fmt/format.h>

#include <set>

namespace invoicing {
namespace {

void refuse_unknown_contracts(const books::Books& books, const std::vector<std::string>& only) {
  for (const std::string& id : only)
    if (!books.find_contract(id))
      throw diag::Error(diag::ErrorKind::usage, fmt::format("--contract {}: no such contract in the books", id));
}

// Runs go forward; invoicing.from is fixed once the register exists (SPEC 3.6).
void refuse_by_register(const invoice_register::Register& reg, const books::Books& books, const Request& request) {
  const std::string from = books.settings.invoicing.from.to_string();
  if (auto stored = reg.invoicing_from(); stored && *stored != from)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("[invoicing] from is {} in honorar.toml but {} in the register: it cannot change "
                                  "once invoices are issued",
                                  from, *stored));
  if (auto latest = reg.latest_month(); latest && request.month < *latest)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} is before {}, the latest month already run: runs go forward (re-run {} to "
                                  "settle changes)",
                                  request.month.to_string(), latest->to_string(), latest->to_string()));
}

} // namespace

Outcome invoice_month(const books::Books& books, const Request& request) {
  refuse_unknown_contracts(books, request.only);
  if (!request.dry_run && request.today <= request.month.last_day())
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} is not over until {}: a real run must wait (use --dry-run to preview)",
                                  request.month.to_string(), request.month.last_day().to_string()));
  auto reg = request.dry_run ? invoice_register::Register::open_read_only(books.root, request.busy_timeout_ms)
                             : invoice_register::Register::open_for_run(books.root, request.busy_timeout_ms);
  if (reg) refuse_by_register(*reg, books, request);

  billing::RunOptions options{request.month, request.today, std::set<std::string>(request.only.begin(), request.only.end()),
                              request.entries};
  billing::Run run = billing::compute_run(books, reg ? reg->billed_state() : billing::BilledState{}, options);
  if (!request.dry_run) {
    std::int64_t number = reg->next_number(books.settings.invoicing.first_number);
    for (billing::Document& doc : run.documents) doc.number = number++;
  }

  std::vector<render::Json> earlier;
  if (reg)
    for (const auto& d : reg->documents()) earlier.push_back(parse_stored_document(d.number, d.json));
  Outcome outcome;
  std::vector<render::Json> documents;
  for (const billing::Document& doc : run.documents) {
    render::Json j = render::document_json(doc, books);
    j["corrects"] = corrected_documents(j, earlier);
    documents.push_back(std::move(j));
  }
  outcome.documents = documents.size();
  if (request.dry_run) { // (nothing else needs the documents)
    outcome.run = render::run_json(request.month.to_string(), std::move(documents), run.total.to_string());
    return outcome;
  }
  outcome.run = render::run_json(request.month.to_string(), documents, run.total.to_string());

  std::vector<invoice_register::StoredDocument> stored;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const billing::Document& doc = run.documents[i];
    stored.push_back({*doc.number, documents[i]["kind"].get<std::string>(), doc.contract, doc.month.to_string(),
                      doc.issue_date.to_string(), doc.total.to_string(), documents[i].dump()});
  }
  // Before the commit: the files of the new documents and of earlier ones that lack them, to
  // temporary names. A failure here (exit 73: a read-only invoices/, a full disk) leaves the
  // register as it was; the transaction is rolled back when `reg` goes.
  earlier.insert(earlier.end(), documents.begin(), documents.end());
  StagedFiles staged = stage_missing_files(books.root, earlier, books.settings.documents);
  reg->record_run(run, stored, request.today.to_string(), books.settings.invoicing.from.to_string(), request.only);
  reg->commit();
  // After the commit only renames remain; if they fail (or the run is killed now), the register
  // is complete and the next run writes the missing files.
  outcome.written = staged.publish();
  return outcome;
}

render::Json parse_stored_document(std::int64_t number, const std::string& json) {
  try {
    return render::Json::parse(json);
  } catch (const std::exception&) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: document {} is not the JSON it was issued as (restore the "
                                  "register from a backup; the file is left untouched)",
                                  number));
  }
}

std::vector<std::int64_t> corrected_documents(const render::Json& doc, const std::vector<render::Json>& earlier) {
  std::set<std::int64_t> numbers;
  for (const render::Json& line : doc["lines"]) {
    const std::string type = line["type"].get<std::string>();
    const bool credited_expense = type == "expense" && line["amount"].get<std::string>().starts_with("-");
    if (type != "regulation" && !credited_expense) continue;
    for (const render::Json& before : earlier) {
      if (before["contract"] != doc["contract"] || !before["number"].is_number()) continue;
      for (const render::Json& old : before["lines"]) {
        const bool same = type == "regulation"
                              ? old.contains("week") && old["week"] == line["week"] && old["rate"] == line["rate"]
                              : old["type"] == "expense" && old["date"] == line["date"] && old["text"] == line["text"];
        if (same) numbers.insert(before["number"].get<std::int64_t>());
      }
    }
  }
  return {numbers.begin(), numbers.end()};
}

} // namespace invoicing
