#include "bookkeeping/sources.hpp"

#include "invoicing/monthly_run.hpp"
#include "invoicing/reminder_run.hpp"
#include "render/format.hpp"
#include "render/reminder.hpp"
#include "util/file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <future>
#include <set>
#include <thread>

namespace bookkeeping {

namespace {

// The documents from their canonical JSON, in order. Parsing is nearly all of an export's time
// (five years of 500 courses: 30,000 documents, 54 MB of JSON; bench/README.md), so the
// documents are parsed in contiguous parts on up to four threads.
std::vector<render::IssuedDocument> parse_documents(const std::vector<invoice_register::StoredDocument>& stored) {
  std::vector<render::IssuedDocument> out(stored.size());
  auto parse = [&stored, &out](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = invoicing::parse_stored_document(stored[i].number, stored[i].json);
  };
  constexpr std::size_t k_per_thread = 2000; // below this a thread costs more than it saves
  const std::size_t threads = std::clamp<std::size_t>(std::min<std::size_t>(std::thread::hardware_concurrency(), 4), 1,
                                                      std::max<std::size_t>(1, stored.size() / k_per_thread));
  const std::size_t part = (stored.size() + threads - 1) / threads;
  std::vector<std::future<void>> others;
  for (std::size_t t = 1; t < threads; ++t)
    others.push_back(std::async(std::launch::async, parse, std::min(t * part, stored.size()),
                                std::min((t + 1) * part, stored.size())));
  std::exception_ptr failure;
  try {
    parse(0, std::min(part, stored.size()));
  } catch (...) {
    failure = std::current_exception();
  }
  for (std::future<void>& f : others) {
    try {
      f.get();
    } catch (...) {
      if (!failure) failure = std::current_exception(); // the first part's error first
    }
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

calendar::Date stored_date(const std::string& text, std::string_view what, std::int64_t number) {
  if (auto d = calendar::parse_date(text)) return *d;
  throw diag::Error(diag::ErrorKind::data,
                    fmt::format("honorar.db is damaged: {} {} has the date \"{}\" (restore the register from a backup)",
                                what, number, text));
}

} // namespace

Sources read_sources(const invoice_register::Register* reg, calendar::Month from, calendar::Month to) {
  Sources out;
  if (!reg) return out;
  const std::string first = from.first_day().to_string();
  const std::string last = to.last_day().to_string();
  out.documents = parse_documents(reg->documents_issued(first, last));
  // Payments and reminders (schema 3; none before): dated by their own date, named by the payer
  // of the invoice they belong to, as its document has it.
  std::vector<invoice_register::PaymentRow> payments;
  for (invoice_register::PaymentRow& p : reg->payments())
    if (p.date >= first && p.date <= last) payments.push_back(std::move(p));
  std::vector<invoice_register::ReminderChargeRow> reminders;
  for (invoice_register::ReminderChargeRow& r : reg->reminder_charges())
    if (r.date >= first && r.date <= last) reminders.push_back(std::move(r));
  if (payments.empty() && reminders.empty()) return out;
  std::map<std::int64_t, std::string> payer;
  for (invoice_register::DocumentAccountRow& d : reg->document_accounts()) payer[d.number] = std::move(d.payer);
  for (const invoice_register::ReminderChargeRow& r : reminders)
    out.reminders.push_back({r.number, r.invoice, payer[r.invoice], stored_date(r.date, "reminder", r.number),
                             money::Money::from_hundredths(r.fee), money::Money::from_hundredths(r.interest),
                             money::Money::from_hundredths(r.compensation)});
  for (const invoice_register::PaymentRow& p : payments)
    out.payments.push_back(
        {p.id, p.invoice, payer[p.invoice], stored_date(p.date, "payment", p.id), money::Money::from_hundredths(p.amount)});
  return out;
}

std::map<std::string, std::string> voucher_pdfs(const invoice_register::Register* reg, const Sources& sources,
                                                const std::vector<Posting>& postings) {
  std::set<std::pair<Source, std::int64_t>> wanted;
  for (const Posting& p : postings) wanted.insert({p.source, p.number});
  std::map<std::string, std::string> out;
  for (const render::IssuedDocument& doc : sources.documents)
    if (wanted.contains({Source::document, doc.number.value_or(0)}))
      out[std::to_string(doc.number.value_or(0))] = render::pdf_format().render(doc);
  for (const auto& [source, number] : wanted) {
    if (source != Source::reminder || !reg) continue;
    const std::optional<std::string> json = reg->reminder_json(number);
    if (!json)
      throw diag::Error(diag::ErrorKind::data,
                        fmt::format("honorar.db is damaged: reminder R{} has postings but no document", number));
    out["R" + std::to_string(number)] = render::reminder_pdf(invoicing::parse_stored_reminder(number, *json));
  }
  return out;
}

void write_vouchers(const std::filesystem::path& dir, const std::map<std::string, std::string>& pdfs) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw diag::Error(diag::ErrorKind::cant_write,
                      fmt::format("cannot write the vouchers to {}: {}", dir.string(),
                                  ec ? ec.message() : std::string("it is not a folder")));
  for (const auto& [voucher, pdf] : pdfs) {
    const std::filesystem::path path = dir / (voucher + ".pdf");
    if (const int error = util::write_file_atomically(path, pdf, 0640))
      throw diag::Error(diag::ErrorKind::cant_write, fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
  }
}

} // namespace bookkeeping
