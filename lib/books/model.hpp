#pragma once
// The books as honorar understands them after loading and validation (SPEC §1).
// Plain values; every rule that turns them into bills lives in billing/.

#include "calendar/date.hpp"
#include "calendar/notice.hpp"
#include "calendar/payment_terms.hpp"
#include "diag/diagnostic.hpp"
#include "money/fixed2.hpp"
#include "money/rational.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace books {

using calendar::Date;
using calendar::Month;
using money::Hours;
using money::Money;
using money::Percent;

// VAT treatment: exempt, or a percentage 1 <= p <= 100.
struct Vat {
  std::optional<Percent> percent; // nullopt = exempt
  bool exempt() const { return !percent.has_value(); }
};

struct BankAccount {
  std::string reg;     // Danish reg.nr. (4 digits) ...
  std::string account; // ... and account number
  std::string iban;    // or IBAN ...
  std::string bic;     // ... and BIC
};

struct Provider {
  std::string name;
  std::string cvr;
  std::vector<std::string> address;
  std::string email;
  BankAccount bank;
  std::string fik_creditor; // FIK kreditornummer (8 digits, SPEC 9.1); empty when not set
};

struct Invoicing {
  Month from;
  std::int64_t first_number = 1;
  calendar::PaymentTerms payment_terms;
  Vat vat;
  std::string vat_exemption_note;
};

enum class PayerKind { municipality, private_payer };

// [documents]: which formats are written besides json and text, per payer kind.
struct DocumentSettings {
  // Municipalities receive e-invoices (NemHandel) and a PDF to read; families a PDF.
  std::vector<std::string> municipality{"xml", "pdf"};
  std::vector<std::string> private_payer{"pdf"};

  // The formats listed for a kind of payer.
  const std::vector<std::string>& formats_for(PayerKind kind) const;
  // Whether a payer of this kind gets the e-invoice ("xml").
  bool gets_einvoice(PayerKind kind) const;
  // The key in [documents] for a kind of payer: "municipality" or "private".
  static std::string_view key_of(PayerKind kind);
};
// The names [documents] accepts (render::formats() has each; a test checks it).
inline constexpr std::string_view k_document_format_names[] = {"json", "text", "xml", "pdf"};

// [accounts]: the chart-of-accounts numbers the posting journal uses (SPEC 10.1). Each is
// optional here; an export that needs one that is empty refuses (bookkeeping::missing_accounts).
struct Accounts {
  std::string debtors;       // debitorer: debited with every invoice, credited with payments
  std::string sales_exempt;  // sales of a document without VAT
  std::string sales_vat;     // sales of a document with VAT
  std::string output_vat;    // salgsmoms
  std::string outlays;       // udlæg passed on to the payer (SPEC 2.8)
  std::string bank;
  std::string reminder_fees; // rykkergebyrer
  std::string interest;      // morarenter
  std::string compensation;  // kompensationsbeløb (renteloven § 9 a)
};
// The keys of [accounts], in the order the table documents them (and messages name them).
inline constexpr std::string_view k_account_keys[] = {"debtors", "sales_exempt", "sales_vat",
                                                      "output_vat", "outlays", "bank",
                                                      "reminder_fees", "interest", "compensation"};

// [reminders] (SPEC 9.4, renteloven): what a reminder charges and how reminders are numbered.
struct Reminders {
  Money fee = Money::from_units(100);   // per reminder; at most 100.00 (renteloven § 9 b)
  Money minimum;                        // a reminder only when the own amount open exceeds it
  Money compensation;                   // kompensationsbeløb (§ 9 a): municipality payers, first reminder
  std::int64_t first_number = 1;        // R<first_number> is the first reminder
  // Nationalbanken's reference rate (percent) per half-year, keyed by its first day: 1 January
  // or 1 July. Without gaps between the first and the last half-year.
  std::map<Date, Percent> reference_rates;
};

// [statement]: the columns of a bank statement for `pay --import` (SPEC 9.2).
struct StatementSettings {
  std::string date = "Dato";
  std::string text = "Tekst";
  std::string amount = "Beløb";
};

// [mail] (SPEC 10.2): the SMTP server documents are e-mailed through. The password is never in
// honorar.toml: it comes from HONORAR_SMTP_PASSWORD or the file `password_file` names.
struct MailSettings {
  enum class Security { starttls, tls, none };
  std::string host;
  int port = 587;                     // default: 587 (starttls), 465 (tls), 25 (none)
  Security security = Security::starttls;
  std::string user;                   // empty: no login
  std::string from;                   // the sender's address; default [provider] email
  std::string password_file;          // as written (relative to the books); empty: none
  std::string ca_file;                // extra CA certificates to trust; empty: the system's
};

// [delivery] (SPEC 10.2): the command an e-invoice is handed to (an access point's upload tool).
struct DeliverySettings {
  std::vector<std::string> command;   // the program and its arguments; the XML's path follows
  int timeout_seconds = 600;          // a command still running then is stopped (temporary)
};

struct Settings {
  Provider provider;
  Invoicing invoicing;
  DocumentSettings documents;
  Accounts accounts;
  Reminders reminders;
  StatementSettings statement;
  std::optional<MailSettings> mail;         // delivery (issue 18)
  std::optional<DeliverySettings> delivery; // delivery (issue 18)
};

struct Payer {
  PayerKind kind = PayerKind::municipality;
  std::string name;
  std::vector<std::string> address;
  std::string ean;
  std::string reference;
  std::string order;
  std::string accounting_cost;
  std::string email;
};

// Values in force from a date on. The first one always starts on the contract's start date.
struct Terms {
  Date from;
  Hours hours_per_week;
  Money rate;
};

struct Suspension {
  Date from;
  Date to; // inclusive
  bool billed = false;
};

struct Termination {
  Date given;
  std::optional<Date> end; // an agreed last day that replaces the notice rule
};

struct Contract {
  std::string id;
  std::string citizen;
  std::string service;
  std::string legal_basis;
  std::string case_ref;
  Date start;
  std::optional<Date> end;
  std::vector<Terms> terms; // sorted by `from`, complete values (never empty once valid)
  bool absence_billed = true;
  calendar::NoticeRule notice;
  std::optional<Date> handleplan;
  std::vector<Date> status_reports; // sorted
  std::optional<Vat> vat;           // overrides [invoicing].vat
  Payer payer;
  std::optional<Termination> termination;
  std::vector<Suspension> suspensions;
  bool expenses_agreed = false;
  diag::Location where;       // the file
  diag::Location payer_where; // the [payer] table (not in Payer: a document's Buyer is a Payer)

  // The last day (SPEC 1.2): termination.end replaces the notice rule; else the earlier of
  // `end` and the notice rule's date for termination.given. nullopt: the course runs on.
  std::optional<Date> last_day() const;
  // The terms in force on day d (d >= start).
  const Terms& terms_on(Date d) const;
  // The suspension containing d, if any.
  const Suspension* suspension_on(Date d) const;
};

enum class EntryStatus : std::uint8_t { delivered, citizen_absent, staff_absent };

// The one stored copy of a time-log path, shared by every entry of that file (a five-year
// history holds ~650k entries; a path per entry cost ~55 MB). Paths live until the process
// ends; there are only as many as there are files. Thread-safe.
const std::string* intern_path(std::string_view path);

// Where a time-log entry was read: like diag::Location, but with an interned path, so that an
// Entry stays small and trivially copyable. Converts to and from diag::Location.
struct SourceRef {
  const std::string* file = nullptr; // from intern_path()
  int line = 0;
  int column = 0;

  SourceRef() = default;
  SourceRef(const std::string* f, int l, int c) : file(f), line(l), column(c) {}
  SourceRef(const diag::Location& where) // NOLINT(google-explicit-constructor): a Location is a SourceRef
      : file(intern_path(where.path)), line(where.line), column(where.column) {}
  operator diag::Location() const { return {path(), line, column}; } // NOLINT(google-explicit-constructor)

  const std::string& path() const;
  std::string to_string() const { return diag::Location(*this).to_string(); }
};

// Append-only storage for the staff and note texts of entries. What it hands out never moves:
// it grows by whole chunks. An entry's text is stored as [u32 staff length][u32 note length]
// [staff][note], unaligned; the time-log cache stores it in the same form, so that entries
// restored from the cache point into its mapping instead of copying (timelog_cache.hpp).
class TextArena {
public:
  // The text of an entry with this staff and note; nullptr when both are empty.
  const char* add(std::string_view staff, std::string_view note);

private:
  std::vector<std::unique_ptr<char[]>> m_chunks;
  char* m_free = nullptr;
  std::size_t m_left = 0;
};

// The bytes add() stores for (staff, note), for formats that keep them in the same form.
inline constexpr std::size_t k_entry_text_header = 8;

// A time-log entry. Small (64 bytes) and trivially copyable: a five-year history holds ~650k of
// them, and loading, merging and indexing them is most of a run (bench/README.md).
struct Entry {
  money::Rational hours;  // exact: 2 decimals, or minutes / 60 from from/to
  SourceRef where;
  const char* text = nullptr; // staff and note, from TextArena::add or the cache (nullptr: neither)
  std::uint32_t contract = 0; // index into Books::contracts
  Date date;
  std::optional<std::int16_t> from_minute; // set when given as from/to (0..1440)
  std::optional<std::int16_t> to_minute;
  EntryStatus status = EntryStatus::delivered;

  std::string_view staff() const; // who delivered it ("" when not given)
  std::string_view note() const;  // internal: never printed on an invoice
};
static_assert(std::is_trivially_copyable_v<Entry>);
static_assert(sizeof(Entry) <= 64);

struct Expense {
  std::size_t contract = 0;
  Date date;
  bool outlay = false; // an udlæg (SPEC 1.3): passed on at cost, never charged VAT (2.8); beside
                       // the 4-byte date it takes no room of its own
  Money amount;
  std::string text;
  diag::Location where;
};

struct Books {
  std::filesystem::path root;
  Settings settings;
  std::vector<Contract> contracts; // sorted by id
  std::vector<Entry> entries;      // in log order
  // What the entries' texts point into (text arenas, the time-log cache's mapping). Shared, so
  // that a copy of the Books stays valid.
  std::vector<std::shared_ptr<const void>> text_storage;
  std::vector<Expense> expenses;   // in log order
  // When LoadOptions::defer_unchanged_timelogs found every time-log file as the time-log cache
  // recorded it, load_books leaves `entries` and `expenses` empty and sets this: the books cache
  // (billing/books_cache.hpp) may know all a command needs of them; else load_deferred_timelogs.
  bool timelogs_deferred = false;
  // For the books cache: a digest of honorar.toml and of every contract file (path and bytes) ...
  std::uint64_t settings_digest = 0;
  // ... and of every time-log file's path and stamp as the time-log cache records them after this
  // load; nullopt when a file is not recorded (or there is no cache). Equal digests: the same bytes.
  std::optional<std::uint64_t> timelog_digest;

  const Contract* find_contract(std::string_view id) const;
  // The VAT treatment of a contract: its own, else [invoicing].vat.
  const Vat& vat_of(const Contract& c) const;
};

} // namespace books
