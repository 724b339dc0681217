// The whole books directory: find the files, load each, and cross-check (SPEC §1, §5).
#include "books/load.hpp"

#include "books/contract.hpp"
#include "books/day_hours.hpp"
#include "books/identifiers.hpp"
#include "util/parallel.hpp"
#include "books/settings.hpp"
#include "books/timelog_cache.hpp"
#include "books/timelog_files.hpp"
#include "books/toml_reader.hpp"
#include "util/file.hpp"

#include <optional>

#include <fmt/format.h>

#include <algorithm>

namespace books {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path, const std::string& rel, diag::Diagnostics& diags) {
  util::FileContent file = util::read_file(path, k_max_books_file_bytes);
  switch (file.status) {
  case util::FileContent::Status::ok: return std::move(file.text);
  case util::FileContent::Status::cannot_open: diags.error({rel, 0, 0}, "cannot be read"); break;
  case util::FileContent::Status::too_large:
    diags.error({rel, 0, 0}, fmt::format("is {} MiB, more than the {} MiB a file of the books may have: split it",
                                         (file.size + (1 << 20) - 1) >> 20, k_max_books_file_bytes >> 20));
    break;
  case util::FileContent::Status::grew_too_large:
    diags.error({rel, 0, 0},
                fmt::format("is more than the {} MiB a file of the books may have: split it", k_max_books_file_bytes >> 20));
    break;
  }
  return {};
}

// Whether `path` (canonical) is `dir` (canonical) or lies below it.
bool is_inside(const fs::path& dir, const fs::path& path) {
  auto [d, p] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return d == dir.end();
}

// Regular files below `dir` with one of `extensions`, as paths relative to `root`, in byte order.
std::vector<std::string> find_files(const fs::path& root, const fs::path& dir, bool recursive,
                                    std::initializer_list<std::string_view> extensions, diag::Diagnostics& diags) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::error_code root_ec;
  const fs::path real_root = fs::weakly_canonical(root, root_ec);
  auto consider = [&](const fs::directory_entry& entry) {
    const std::string ext = entry.path().extension().string();
    const bool wanted = std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
    std::error_code e;
    // A symbolic link is read only when it stays inside the books: a file linked in from
    // elsewhere would change the bills without being part of them (ARCHITECTURE.md, Guarantees).
    if (entry.is_symlink(e)) {
      const std::string rel = entry.path().lexically_relative(root).generic_string();
      const fs::path target = fs::canonical(entry.path(), e);
      if (e) {
        if (wanted) diags.error({rel, 0, 0}, "is a symbolic link to a file that does not exist");
        return;
      }
      if (!is_inside(real_root, target)) {
        if (wanted || fs::is_directory(target, e))
          diags.error({rel, 0, 0}, fmt::format("is a symbolic link to {}, outside the books: refused (copy it into the books)",
                                               target.string()));
        return;
      }
      if (fs::is_directory(target, e)) {
        diags.warning({rel, 0, 0}, "is a symbolic link to a folder, which is not followed: its files are not read");
        return;
      }
    }
    if (!wanted) return;
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

namespace {

// The text of honorar.toml, or nullopt when it cannot be read (one error in diags, not also a
// list of missing keys). Throws diag::Error(missing) when the books or honorar.toml are absent.
std::optional<std::string> read_settings_text(const fs::path& root, diag::Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    throw diag::Error(diag::ErrorKind::missing, fmt::format("the books directory '{}' does not exist", root.string()));
  const fs::path settings_path = root / "honorar.toml";
  if (!fs::is_regular_file(settings_path, ec))
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format("'{}' has no honorar.toml: is it a books directory? (see honorar(5))", root.string()));
  const std::size_t errors_before_settings = diags.error_count();
  std::string settings_text = read_file(settings_path, "honorar.toml", diags);
  if (diags.error_count() != errors_before_settings) return std::nullopt;
  return settings_text;
}

} // namespace

Settings load_settings_file(const fs::path& root, diag::Diagnostics& diags) {
  std::optional<std::string> text = read_settings_text(root, diags);
  if (!text) return {};
  return load_settings("honorar.toml", std::move(*text), diags);
}

Books load_books(const fs::path& root, diag::Diagnostics& diags, const LoadOptions& options) {
  Books books;
  books.root = root;
  std::optional<std::string> settings_text = read_settings_text(root, diags);
  std::string digest_bytes = std::to_string(content_hash(settings_text.value_or("")));
  if (settings_text) books.settings = load_settings("honorar.toml", std::move(*settings_text), diags);

  // Contracts are parsed on a few threads, their diagnostics kept in file order.
  const std::vector<std::string> contract_files = find_files(root, root / "contracts", false, {".toml"}, diags);
  // In batches of files: a contract is small, and handing each one over between threads cost
  // more than reading it.
  struct LoadedContracts {
    std::vector<Contract> contracts; // those with an id
    std::vector<UnloadedContract> unloaded;
    diag::Diagnostics diags;
    std::string digests; // path and content hash of each file read
  };
  std::vector<UnloadedContract> unloaded;
  constexpr std::size_t k_batch = 16;
  const std::size_t batches = (contract_files.size() + k_batch - 1) / k_batch;
  util::for_each_ordered(
      batches, options.threads ? options.threads : util::worker_threads(), 8,
      [&](std::size_t b) {
        LoadedContracts r;
        for (std::size_t i = b * k_batch; i < std::min(contract_files.size(), (b + 1) * k_batch); ++i) {
          const std::string& rel = contract_files[i];
          const std::size_t errors_before = r.diags.error_count();
          std::string text = read_file(root / rel, rel, r.diags);
          if (r.diags.error_count() != errors_before) continue; // unreadable: its id is unknown
          r.digests += rel + '\n' + std::to_string(content_hash(text)) + '\n';
          // The id as written, for a file toml++ refuses: its entries then get one note, not an
          // "unknown contract" error each (ARCHITECTURE.md).
          std::optional<std::string> written_id = top_level_string(text, "id");
          Contract c;
          load_contract(rel, std::move(text), c, r.diags);
          if (!c.id.empty()) r.contracts.push_back(std::move(c));
          else if (written_id && is_valid_contract_id(*written_id)) r.unloaded.push_back({std::move(*written_id), rel});
        }
        return r;
      },
      [&](std::size_t, LoadedContracts r) {
        append_diagnostics(diags, r.diags);
        digest_bytes += r.digests;
        for (Contract& c : r.contracts) books.contracts.push_back(std::move(c));
        for (UnloadedContract& u : r.unloaded) unloaded.push_back(std::move(u));
      });
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

  for (const Contract& c : books.contracts) check_einvoice_needs(c, books.settings.documents, diags);
  books.settings_digest = content_hash(digest_bytes);

  // Time logs: cached, fast-path or toml++ parsed, on a few threads (timelog_files.hpp).
  load_timelog_files(root, find_files(root, root / "timelog", true, {".toml", ".csv"}, diags), books, diags, options,
                     read_file, unloaded);
  // Across files: after all entries, whichever reader or the cache gave them.
  if (!books.timelogs_deferred) check_hours_per_day(books, diags);
  return books;
}

void load_deferred_timelogs(Books& books, diag::Diagnostics& diags, const LoadOptions& options) {
  if (!books.timelogs_deferred) return;
  books.timelogs_deferred = false;
  LoadOptions now = options;
  now.defer_unchanged_timelogs = false;
  // Deferred only when every contract file loaded (no UnloadedContract) and nothing failed; the
  // folder's own diagnostics were reported when it was listed first.
  diag::Diagnostics listed_before;
  load_timelog_files(books.root, find_files(books.root, books.root / "timelog", true, {".toml", ".csv"}, listed_before),
                     books, diags, now, read_file, {});
  check_hours_per_day(books, diags);
}

} // namespace books
