#include "bookkeeping/sources.hpp"

#include "invoicing/monthly_run.hpp"
#include "render/format.hpp"
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

} // namespace

Sources read_sources(const invoice_register::Register* reg, calendar::Month from, calendar::Month to) {
  Sources out;
  if (!reg) return out;
  out.documents = parse_documents(reg->documents_issued(from.first_day().to_string(), to.last_day().to_string()));
  return out;
}

std::map<std::string, std::string> voucher_pdfs(const Sources& sources, const std::vector<Posting>& postings) {
  std::set<std::pair<Source, std::int64_t>> wanted;
  for (const Posting& p : postings) wanted.insert({p.source, p.number});
  std::map<std::string, std::string> out;
  for (const render::IssuedDocument& doc : sources.documents)
    if (wanted.contains({Source::document, doc.number.value_or(0)}))
      out[std::to_string(doc.number.value_or(0))] = render::pdf_format().render(doc);
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
