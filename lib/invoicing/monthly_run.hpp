#pragma once
// The monthly invoice run (SPEC §3) end to end: refuse what must be refused, diff against the
// register, number the documents, register them in one transaction, then write their files.
// The one module that joins books, billing, register and render.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "render/json.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace invoicing {

inline constexpr int k_default_busy_timeout_ms = 10'000;

struct Request {
  calendar::Month month;
  calendar::Date today;
  std::vector<std::string> only; // --contract
  bool dry_run = false;
  int busy_timeout_ms = k_default_busy_timeout_ms;
};

struct Outcome {
  render::Json run;          // {"month", "documents", "total"}
  std::size_t documents = 0;
  std::vector<std::filesystem::path> written; // document files written by this run
};

// Throws diag::Error: usage (unknown --contract), data (month not over, runs go forward,
// invoicing.from changed), busy, cant_write.
Outcome invoice_month(const books::Books& books, const Request& request);

// Writes the files of every registered document that lacks them (invoices/YYYY/N.json, .txt and
// the formats [documents] sets for the payer's kind), each to a temporary name renamed into
// place. Returns the paths written.
std::vector<std::filesystem::path> write_missing_files(const std::filesystem::path& books_dir,
                                                       const std::vector<render::Json>& documents,
                                                       const books::DocumentSettings& settings);

// The numbers of earlier documents of the same contract that a document's regulation lines and
// credited expenses correct (for the e-invoice's BillingReference), ascending.
std::vector<std::int64_t> corrected_documents(const render::Json& doc, const std::vector<render::Json>& earlier);

} // namespace invoicing
