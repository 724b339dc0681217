#pragma once
// What the journal of a period is made from, read from the register (SPEC 10.1): the documents
// as issued (their canonical JSON), and the vouchers' PDFs.

#include "bookkeeping/journal.hpp"
#include "register/register.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace bookkeeping {

// Everything dated from the first day of `from` to the last day of `to`: documents by their
// issue date, payments and reminders by their dates (a register before schema 3 has none). An
// absent register (nullptr: no real run yet) has nothing.
Sources read_sources(const invoice_register::Register* reg, calendar::Month from, calendar::Month to);

// The PDF of each voucher the postings name, re-rendered from the register exactly as
// `register render N --format pdf` (a reminder: `register render R<n> --format pdf`) renders
// it, by voucher ("1004", "R3"). Payments have none: their voucher is the bank's statement.
std::map<std::string, std::string> voucher_pdfs(const invoice_register::Register* reg, const Sources& sources,
                                                const std::vector<Posting>& postings);

// Writes each voucher's PDF as DIR/<voucher>.pdf, each whole or not at all (creating DIR).
// Throws diag::Error(cant_write) when DIR or a file cannot be written.
void write_vouchers(const std::filesystem::path& dir, const std::map<std::string, std::string>& pdfs);

} // namespace bookkeeping
