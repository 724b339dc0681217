#pragma once
// What the commands that read the register need of it -- the billed state, the contracts billed,
// invoicing.from and the latest month run -- read once per command, and kept in the cache between
// commands while the register file is unchanged: a register of five years holds ~130k billed
// week parts, which took longer to read than a month takes to bill (issue 19).
//
// Kept under the register file's identity, read while the register's read lock is held (no run
// can commit meanwhile): its size, mtime, ctime and inode, and the change counter in its header
// (SQLite increments it with every committed write in the rollback-journal mode the register
// uses). As for time logs, the stamp is trusted only when the file was settled (its last change
// 2 s before it was read), and never while a journal or WAL file lies beside it. A real run never
// uses it: it reads the register inside its own transaction.

#include "billing/run.hpp"
#include "calendar/date.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace invoice_register {
class Register;
}

namespace invoicing {

struct RegisterSummary {
  billing::BilledState billed;
  std::map<std::string, std::vector<std::int64_t>> billed_contracts; // Register::billed_contracts
  std::optional<std::string> invoicing_from;
  std::optional<calendar::Month> latest_month;
  // The register's identity (register_key) this was read under, when it can be trusted.
  std::optional<std::string> key;
};

// Read from an open register (inside its transaction).
RegisterSummary summarise_register(const invoice_register::Register& reg);

// The books' register summarised (read-only), from `cache_file` when it holds this very register
// state, else read and (when the register is settled) written there; nullptr when there is no
// register yet. cache_file nullopt: no cache.
std::shared_ptr<const RegisterSummary> read_register_summary(const std::filesystem::path& books_dir,
                                                             int busy_timeout_ms,
                                                             const std::optional<std::filesystem::path>& cache_file,
                                                             std::int64_t settle_ns = 2'000'000'000);

// The cache file beside a time-log cache file (LoadOptions::cache_file).
std::filesystem::path register_cache_file(const std::filesystem::path& timelog_cache_file);

// The books' register's identity now -- size, mtime, ctime, inode and header -- to be taken while
// its read lock is held; nullopt when it must not be trusted (changed in the last settle_ns, a
// journal or WAL beside it, unreadable).
std::optional<std::string> register_key(const std::filesystem::path& books_dir, std::int64_t settle_ns);

// A summary kept in `file` under `key` (the register's, and what else it depends on), if this
// build wrote it so and it is undamaged; and writing one (silently giving up on any failure).
std::optional<RegisterSummary> read_register_summary_file(const std::filesystem::path& file, const std::string& key);
void write_register_summary_file(const std::filesystem::path& file, const std::string& key, const RegisterSummary& s);

} // namespace invoicing
