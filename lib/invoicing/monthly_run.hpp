#pragma once
// The monthly invoice run (SPEC §3) end to end: refuse what must be refused, diff against the
// register, number the documents, register them in one transaction, then write their files.
// The one module that joins books, billing, register and render.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "render/document.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace billing {
class EntryIndex; // billing/week.hpp
class WeekTable;  // billing/week_table.hpp
}
namespace render {
struct ReminderDocument; // render/reminder.hpp
}

namespace invoicing {

struct RegisterSummary; // invoicing/register_summary.hpp

inline constexpr int k_default_busy_timeout_ms = 10'000;

struct Request {
  calendar::Month month;
  calendar::Date today;
  std::vector<std::string> only; // --contract
  bool dry_run = false;
  int busy_timeout_ms = k_default_busy_timeout_ms;
  const billing::EntryIndex* entries = nullptr; // the books' entry index, if already built
  const billing::WeekTable* weeks = nullptr;     // every week's figures, if already computed
  // A dry run: the register as the caller read it (register_summary.hpp; a null pointer: there
  // is none), if it did. A real run always reads it inside its transaction.
  std::optional<std::shared_ptr<const RegisterSummary>> register_summary{};
  unsigned threads = 0; // threads rendering the documents' files (0: one per core, at most 4)
};

struct Outcome {
  render::InvoiceRun run;   // render::run_json gives its JSON
  std::size_t documents = 0;
  std::vector<std::filesystem::path> written; // document files written by this run
};

// Throws diag::Error: usage (unknown --contract), data (month not over, runs go forward,
// invoicing.from changed), busy, cant_write.
Outcome invoice_month(const books::Books& books, const Request& request);

// The files of documents, rendered and written (fsynced) to temporary names next to their final
// ones (invoices/YYYY/N.EXT.tmp.PID), not yet in place. A run stages the files of every document
// that lacks them before the register commits, so that a failure to write (a read-only
// invoices/, a full disk: exit 73) leaves the register as it was; after the commit, publish()
// renames them into place. Files never published are removed when the object goes.
class StagedFiles {
public:
  StagedFiles() = default;
  StagedFiles(StagedFiles&& other) noexcept;
  StagedFiles& operator=(StagedFiles&&) = delete;
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  std::size_t size() const { return m_files.size(); }
  // Renames every file into place and returns the final paths. Throws cant_write when a rename
  // fails (the files not yet in place are removed; the next run writes them).
  std::vector<std::filesystem::path> publish();

private:
  struct File {
    std::filesystem::path tmp;
    std::filesystem::path path;
  };
  std::vector<File> m_files;
  std::vector<std::filesystem::path> m_dirs; // folders made ready (created, stale temporaries removed)

  // Whether `path` is missing (then its folder is made ready: created, stale temporaries removed).
  bool prepare(const std::filesystem::path& path);
  // Stages `path` (prepared) with `content`.
  void stage(const std::filesystem::path& path, std::string_view content);
  // Stages `path` with the bytes `content` gives, unless the file exists.
  template <class Content>
  void stage_if_missing(const std::filesystem::path& path, Content content);
  // Makes every staged file durable before the register commits.
  void sync(const std::filesystem::path& books_dir);

  friend StagedFiles stage_missing_files(const std::filesystem::path&, const std::vector<render::IssuedDocument>&,
                                         const books::DocumentSettings&, unsigned);
  friend StagedFiles stage_missing_reminder_files(const std::filesystem::path&,
                                                  const std::vector<render::ReminderDocument>&);
};

// Stages the files that `documents` lack under books_dir/invoices/YYYY/: json and text, and the
// formats [documents] sets for the payer's kind. Creates the folders; removes temporary files
// killed runs left there. Throws cant_write (73) when a folder or file cannot be written.
// Renders on `threads` threads (0: one per core, at most 4); the files are the same whatever it is.
StagedFiles stage_missing_files(const std::filesystem::path& books_dir, const std::vector<render::IssuedDocument>& documents,
                                const books::DocumentSettings& settings, unsigned threads = 0);

// Stages the files that `reminders` lack under books_dir/invoices/YYYY/ (YYYY: the reminder's
// date): R<n>.json, R<n>.txt and R<n>.pdf (SPEC 9.4). As stage_missing_files.
StagedFiles stage_missing_reminder_files(const std::filesystem::path& books_dir,
                                         const std::vector<render::ReminderDocument>& reminders);

// Writes the files of every registered document that lacks them (invoices/YYYY/N.json, .txt and
// the formats [documents] sets for the payer's kind): stage_missing_files, then publish().
// Returns the paths written.
std::vector<std::filesystem::path> write_missing_files(const std::filesystem::path& books_dir,
                                                       const std::vector<render::IssuedDocument>& documents,
                                                       const books::DocumentSettings& settings);

// Where a document's file of one format is: books_dir/invoices/<year of the issue date>/<number>.<extension>.
std::filesystem::path document_file(const std::filesystem::path& books_dir, const render::IssuedDocument& doc,
                                    std::string_view extension);

// A registered document from its canonical JSON; a data error (65) naming the number when the
// register holds something else (a damaged register).
render::IssuedDocument parse_stored_document(std::int64_t number, const std::string& json);

// The numbers of earlier documents of the same contract that a document's regulation lines and
// credited expenses correct (for the e-invoice's BillingReference), ascending.
std::vector<std::int64_t> corrected_documents(const render::IssuedDocument& doc,
                                              const std::vector<render::IssuedDocument>& earlier);

} // namespace invoicing
