// The whole books directory: find the files, load each, and cross-check (SPEC §1, §5).
#include "books/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace books {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path, const std::string& rel, diag::Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error({rel, 0, 0}, "cannot be read");
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Regular files below `dir` with one of `extensions`, as paths relative to `root`, in byte order.
std::vector<std::string> find_files(const fs::path& root, const fs::path& dir, bool recursive,
                                    std::initializer_list<std::string_view> extensions, diag::Diagnostics& diags) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  auto consider = [&](const fs::directory_entry& entry) {
    const std::string ext = entry.path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) return;
    std::error_code e;
    if (!entry.is_regular_file(e)) return;
    out.push_back(entry.path().lexically_relative(root).generic_string());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      consider(*it);
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) consider(*it);
  }
  if (ec) diags.error({dir.lexically_relative(root).generic_string(), 0, 0}, fmt::format("cannot be listed: {}", ec.message()));
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

Books load_books(const fs::path& root, diag::Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    throw diag::Error(diag::ErrorKind::missing, fmt::format("the books directory '{}' does not exist", root.string()));
  const fs::path settings_path = root / "honorar.toml";
  if (!fs::is_regular_file(settings_path, ec))
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format("'{}' has no honorar.toml: is it a books directory? (see honorar(5))", root.string()));

  Books books;
  books.root = root;
  books.settings = load_settings("honorar.toml", read_file(settings_path, "honorar.toml", diags), diags);

  for (const std::string& rel : find_files(root, root / "contracts", false, {".toml"}, diags)) {
    Contract c;
    load_contract(rel, read_file(root / rel, rel, diags), c, diags);
    if (!c.id.empty()) books.contracts.push_back(std::move(c));
  }
  std::stable_sort(books.contracts.begin(), books.contracts.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < books.contracts.size(); ++i)
    if (books.contracts[i].id == books.contracts[i - 1].id)
      diags.error(books.contracts[i].where, fmt::format("contract id '{}' is used twice (also in {})",
                                                        books.contracts[i].id, books.contracts[i - 1].where.path));
  books.contracts.erase(std::unique(books.contracts.begin(), books.contracts.end(),
                                    [](const auto& a, const auto& b) { return a.id == b.id; }),
                        books.contracts.end());

  // A contract may be exempt while [invoicing] charges VAT: its documents still need the note.
  const bool any_exempt_contract =
      std::any_of(books.contracts.begin(), books.contracts.end(), [](const Contract& c) { return c.vat && c.vat->exempt(); });
  if (any_exempt_contract && !books.settings.invoicing.vat.exempt() && books.settings.invoicing.vat_exemption_note.empty())
    diags.error({"honorar.toml", 0, 0}, "[invoicing] needs a 'vat_exemption_note': a contract is VAT-exempt");

  const ContractIndex index(books.contracts);
  for (const std::string& rel : find_files(root, root / "timelog", true, {".toml", ".csv"}, diags)) {
    std::string text = read_file(root / rel, rel, diags);
    if (rel.ends_with(".csv")) load_timelog_csv(rel, text, index, books.entries, diags);
    else load_timelog_toml(rel, std::move(text), index, books.entries, books.expenses, diags);
  }
  return books;
}

} // namespace books
