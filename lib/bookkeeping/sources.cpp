#include "bookkeeping/sources.hpp"

#include "invoicing/monthly_run.hpp"
#include "render/format.hpp"
#include "util/file.hpp"

#include <fmt/format.h>

#include <cstring>
#include <set>

namespace bookkeeping {

Sources read_sources(const invoice_register::Register* reg, calendar::Month from, calendar::Month to) {
  Sources out;
  if (!reg) return out;
  for (const invoice_register::StoredDocument& d :
       reg->documents_issued(from.first_day().to_string(), to.last_day().to_string()))
    out.documents.push_back(invoicing::parse_stored_document(d.number, d.json));
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
