#include "invoicing/monthly_run.hpp"

#include "billing/run.hpp"
#include "invoicing/register_checks.hpp"
#include "invoicing/register_summary.hpp"
#include "register/register.hpp"
#include "render/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace invoicing {
namespace {

void refuse_unknown_contracts(const books::Books& books, const std::vector<std::string>& only) {
  for (const std::string& id : only)
    if (!books.find_contract(id))
      throw diag::Error(diag::ErrorKind::usage, fmt::format("--contract {}: no such contract in the books", id));
}

// Months before invoicing.from count as invoiced outside the tool (SPEC 3.1, 5).
void refuse_before_from(const books::Books& books, const Request& request) {
  const calendar::Month from = books.settings.invoicing.from;
  if (request.month < from)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} is before [invoicing] from ({}) in honorar.toml: months before it count as "
                                  "invoiced outside honorar, so there is nothing to invoice",
                                  request.month.to_string(), from.to_string()));
}

// Runs go forward; invoicing.from is fixed once the register exists (SPEC 3.6); every contract
// billed is still in the books (SPEC 5).
void refuse_by_register(const RegisterSummary& reg, const books::Books& books, const Request& request) {
  diag::Diagnostics missing;
  check_billed_contracts(books, reg, missing);
  if (missing.has_errors()) {
    const diag::Diagnostic& first = missing.items().front();
    throw diag::Error(diag::ErrorKind::data, first.message, first.where);
  }
  const std::string from = books.settings.invoicing.from.to_string();
  if (const auto& stored = reg.invoicing_from; stored && *stored != from)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("[invoicing] from is {} in honorar.toml but {} in the register: it cannot change "
                                  "once invoices are issued",
                                  from, *stored));
  if (const auto& latest = reg.latest_month; latest && request.month < *latest)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} is before {}, the latest month already run: runs go forward (re-run {} to "
                                  "settle changes)",
                                  request.month.to_string(), latest->to_string(), latest->to_string()));
}

// The earlier documents a run needs: those of contracts whose new document corrects an earlier
// one (for its references), and, for a real run, those whose files are missing (to write them).
// Only these are parsed: a register of years holds many documents. Of a correcting contract only
// the documents from the month of the earliest day corrected on: a week was billed in a run of
// its month or later, and its month (of its last active day) is never before its Monday's; an
// expense in a run of its date's month or later.
std::vector<render::IssuedDocument> earlier_documents(const invoice_register::Register& reg, const books::Books& books,
                                                      const std::vector<billing::Document>& documents, bool files) {
  std::map<std::string, std::string> correcting; // contract -> the first month that can hold what is corrected
  for (const billing::Document& doc : documents)
    for (const billing::Line& l : doc.lines) {
      if (!l.corrects_earlier()) continue;
      const std::string month =
          calendar::Month::of(l.type == billing::Line::Type::expense ? l.date : l.week.monday()).to_string();
      auto [it, added] = correcting.emplace(doc.contract, month);
      if (!added && month < it->second) it->second = month;
    }
  std::set<std::int64_t> wanted;
  if (files) {
    // A document has its files when json, text and every format [documents] names for any kind of
    // payer are there; the others are parsed, and stage_missing_files decides exactly.
    std::vector<std::string> extensions{"json", "txt"};
    for (const auto* formats : {&books.settings.documents.municipality, &books.settings.documents.private_payer})
      for (const std::string& name : *formats)
        if (const render::DocumentFormat* f = render::find_format(name)) extensions.emplace_back(f->extension());
    std::error_code ec;
    for (const invoice_register::StoredDocument& d : reg.document_heads()) {
      const std::filesystem::path dir = books.root / "invoices" / d.issue_date.substr(0, 4);
      for (const std::string& ext : extensions)
        if (!std::filesystem::exists(dir / (std::to_string(d.number) + "." + ext), ec)) {
          wanted.insert(d.number);
          break;
        }
    }
  }
  std::vector<render::IssuedDocument> out;
  for (const auto& d : reg.documents_of(correcting)) {
    wanted.erase(d.number);
    out.push_back(parse_stored_document(d.number, d.json));
  }
  for (std::int64_t n : wanted)
    if (auto d = reg.document(n)) out.push_back(parse_stored_document(d->number, d->json));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

} // namespace

Outcome invoice_month(const books::Books& books, const Request& request) {
  refuse_unknown_contracts(books, request.only);
  refuse_before_from(books, request);
  if (!request.dry_run && request.today <= request.month.last_day())
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} is not over until {}: a real run must wait (use --dry-run to preview)",
                                  request.month.to_string(), request.month.last_day().to_string()));
  std::unique_ptr<invoice_register::Register> reg;
  std::shared_ptr<const RegisterSummary> summary;
  if (request.dry_run && request.register_summary) {
    summary = *request.register_summary;
  } else {
    reg = request.dry_run ? invoice_register::Register::open_read_only(books.root, request.busy_timeout_ms)
                          : invoice_register::Register::open_for_run(books.root, request.busy_timeout_ms);
    if (reg) summary = std::make_shared<const RegisterSummary>(summarise_register(*reg));
  }
  if (summary) refuse_by_register(*summary, books, request);

  billing::RunOptions options{request.month, request.today, std::set<std::string>(request.only.begin(), request.only.end()),
                              request.entries, request.weeks};
  static const billing::BilledState k_nothing_billed;
  billing::Run run = billing::compute_run(books, summary ? summary->billed : k_nothing_billed, options);
  if (!request.dry_run) {
    std::int64_t number = reg->next_number(books.settings.invoicing.first_number);
    for (billing::Document& doc : run.documents) doc.number = number++;
  }

  std::vector<render::IssuedDocument> earlier;
  if (summary && !reg && std::any_of(run.documents.begin(), run.documents.end(), [](const billing::Document& d) {
        return std::any_of(d.lines.begin(), d.lines.end(), [](const billing::Line& l) { return l.corrects_earlier(); });
      }))
    reg = invoice_register::Register::open_read_only(books.root, request.busy_timeout_ms);
  if (reg) earlier = earlier_documents(*reg, books, run.documents, !request.dry_run);
  Outcome outcome;
  outcome.run.month = request.month;
  outcome.run.total = run.total;
  std::vector<render::IssuedDocument>& documents = outcome.run.documents;
  for (const billing::Document& doc : run.documents) {
    render::IssuedDocument issued = render::issue_document(doc, books);
    issued.corrects = corrected_documents(issued, earlier);
    documents.push_back(std::move(issued));
  }
  outcome.documents = documents.size();
  if (request.dry_run) return outcome; // nothing else needs the documents
  // The issued documents hold their lines now; the register needs only the run's billed parts
  // and expenses (a catch-up run over years bills hundreds of thousands of lines).
  for (billing::ContractRun& cr : run.contracts) std::vector<billing::Line>().swap(cr.lines);
  for (billing::Document& doc : run.documents) std::vector<billing::Line>().swap(doc.lines);

  std::vector<invoice_register::StoredDocument> stored;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const billing::Document& doc = run.documents[i];
    const render::Json json = render::to_json(documents[i]);
    stored.push_back({*doc.number, json["kind"].get<std::string>(), doc.contract, doc.month.to_string(),
                      doc.issue_date.to_string(), doc.total.to_string(), json.dump()});
  }
  // Before the commit: the files of the new documents and of earlier ones that lack them, to
  // temporary names. A failure here (exit 73: a read-only invoices/, a full disk) leaves the
  // register as it was; the transaction is rolled back when `reg` goes.
  earlier.insert(earlier.end(), documents.begin(), documents.end());
  StagedFiles staged = stage_missing_files(books.root, earlier, books.settings.documents, request.threads);
  reg->record_run(run, stored, request.today.to_string(), books.settings.invoicing.from.to_string(), request.only);
  reg->commit();
  // After the commit only renames remain; if they fail (or the run is killed now), the register
  // is complete and the next run writes the missing files.
  outcome.written = staged.publish();
  return outcome;
}

render::IssuedDocument parse_stored_document(std::int64_t number, const std::string& json) {
  render::Json j;
  try {
    j = render::Json::parse(json);
  } catch (const std::exception&) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: document {} is not the JSON it was issued as (restore the "
                                  "register from a backup; the file is left untouched)",
                                  number));
  }
  try {
    return render::document_from_json(j);
  } catch (const diag::Error& e) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: document {} is not a document ({}); restore the register "
                                  "from a backup (the file is left untouched)",
                                  number, e.what()));
  }
}

std::vector<std::int64_t> corrected_documents(const render::IssuedDocument& doc,
                                              const std::vector<render::IssuedDocument>& earlier) {
  using billing::Line;
  std::set<std::int64_t> numbers;
  for (const Line& line : doc.lines) {
    if (!line.corrects_earlier()) continue;
    for (const render::IssuedDocument& before : earlier) {
      if (before.contract != doc.contract || !before.number) continue;
      for (const Line& old : before.lines) {
        const bool same = line.type == Line::Type::regulation
                              ? old.type != Line::Type::expense && old.week == line.week && old.rate == line.rate
                              : old.type == Line::Type::expense && old.date == line.date && old.text == line.text;
        if (same) numbers.insert(*before.number);
      }
    }
  }
  return {numbers.begin(), numbers.end()};
}

} // namespace invoicing
