#pragma once
// Loading all time-log files of the books: read, reuse the cache or parse (fast path, else
// toml++), on a few threads, merged in log order. Internal to books/.

#include "books/contract_index.hpp"
#include "books/load.hpp"

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace books {

// Reads a file of the books, reporting a failure to `diags` (load.cpp's read_file).
using ReadBooksFile = std::function<std::string(const std::filesystem::path& path, const std::string& rel,
                                                diag::Diagnostics& diags)>;

// Appends the entries and expenses of the time-log files `rels` (relative to `root`, in log
// order) to `books`, and their diagnostics to `diags`, exactly as loading them one by one with
// load_timelog_toml / load_timelog_csv would -- except that the entries and expenses naming an
// `unloaded` contract are reported with one note per contract, at the first of them.
void load_timelog_files(const std::filesystem::path& root, const std::vector<std::string>& rels, Books& books,
                        diag::Diagnostics& diags, const LoadOptions& options, const ReadBooksFile& read,
                        std::span<const UnloadedContract> unloaded = {});

// Appends the diagnostics of `from` to `to`, in order.
void append_diagnostics(diag::Diagnostics& to, const diag::Diagnostics& from);

} // namespace books
