#include "invoicing/billing_books.hpp"

#include "billing/books_cache.hpp"
#include "billing/checks.hpp"
#include "invoicing/register_checks.hpp"
#include "invoicing/unsettled.hpp"

#include <future>

namespace invoicing {

std::unique_ptr<BillingBooks> load_billing_books(const std::filesystem::path& root, diag::Diagnostics& diags,
                                                 const BillingLoadOptions& options) {
  books::LoadOptions load = options.load;
  load.defer_unchanged_timelogs = options.use_books_cache && load.cache_file.has_value();
  std::function<void()> pending;
  load.deferred_cache_write = &pending;
  books::Books books = books::load_books(root, diags, load);
  if (options.unsettled_suffices && load.cache_file && !diags.has_errors() && books.timelogs_deferred) {
    if (auto part = read_unsettled_part(*load.cache_file, books, options.busy_timeout_ms, load.settle_ns)) {
      books.expenses = std::move(part->expenses);
      auto b = std::make_unique<BillingBooks>(std::move(books));
      b->pending_timelog_cache = std::move(pending);
      b->register_summary = std::make_shared<const RegisterSummary>(std::move(part->summary));
      check_billed_contracts(b->books, *b->register_summary, diags);
      if (diags.has_errors()) return b;
      b->from_books_cache = true;
      b->unsettled_only = true;
      b->static_warnings = part->static_warnings;
      b->weeks = std::move(part->weeks);
      b->weeks.extend_to(b->books, options.horizon);
      return b;
    }
  }
  // The register's summary, read on another thread while the time logs, the entry index and the
  // table are made here (nothing of the books goes into it; its errors count only when the books
  // have none, as before).
  std::future<std::shared_ptr<const RegisterSummary>> summary;
  if (!diags.has_errors())
    summary = std::async(std::launch::async | std::launch::deferred, [&root, &options, &load] {
      return read_register_summary(
          root, options.busy_timeout_ms,
          load.cache_file ? std::optional(register_cache_file(*load.cache_file)) : std::nullopt, load.settle_ns);
    });
  std::optional<billing::BooksSnapshot> snapshot;
  if (load.cache_file && !diags.has_errors())
    snapshot = billing::read_books_cache(billing::books_cache_file(*load.cache_file), books);
  const bool hit = books.timelogs_deferred && snapshot && snapshot->settings_digest == books.settings_digest &&
                   books.timelog_digest && snapshot->timelog_digest == *books.timelog_digest;
  if (hit) {
    books.expenses = std::move(snapshot->expenses);
  } else if (books.timelogs_deferred) {
    books::load_deferred_timelogs(books, diags, load);
  }
  auto b = std::make_unique<BillingBooks>(std::move(books));
  b->pending_timelog_cache = std::move(pending);
  if (diags.has_errors()) return b;
  if (hit) {
    b->from_books_cache = true;
    b->static_warnings = snapshot->static_warnings;
    b->weeks = std::move(snapshot->weeks);
    b->weeks.extend_to(b->books, options.horizon);
  } else {
    b->weeks = billing::WeekTable::build(b->books, b->entries, options.horizon, snapshot ? &snapshot->weeks : nullptr);
    if (load.cache_file && b->books.timelog_digest) b->books_cache_file = billing::books_cache_file(*load.cache_file);
  }
  b->register_summary = summary.get();
  if (b->register_summary) check_billed_contracts(b->books, *b->register_summary, diags);
  if (diags.has_errors()) return b;
  if (options.unsettled_suffices && load.cache_file && b->register_summary && b->register_summary->key)
    b->unsettled_cache_file = *load.cache_file;
  return b;
}

std::size_t count_check_warnings(const BillingBooks& b, calendar::Date today, std::size_t& static_warnings) {
  const billing::BilledState* billed = b.register_summary ? &b.register_summary->billed : nullptr;
  if (b.static_warnings) {
    static_warnings = *b.static_warnings;
  } else {
    diag::Diagnostics diags;
    billing::check_books_static(b.books, b.entries, diags, false);
    static_warnings = diags.warning_count();
  }
  diag::Diagnostics weeks;
  billing::check_week_warnings(b.books, b.weeks, today, weeks, {billed, false, &b.weeks});
  return static_warnings + weeks.warning_count();
}

void finish_caches(const BillingBooks& b, std::size_t static_warnings) {
  if (b.pending_timelog_cache) b.pending_timelog_cache();
  if (b.books_cache_file) billing::write_books_cache(*b.books_cache_file, b.books, b.weeks, static_warnings);
  if (b.unsettled_cache_file && b.books.timelog_digest)
    write_unsettled_part(*b.unsettled_cache_file, b.books, *b.register_summary->key,
                         unsettled_part(b.books, b.books.expenses, b.weeks, *b.register_summary, static_warnings));
}

} // namespace invoicing
