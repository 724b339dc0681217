// contracts/*.toml (SPEC 1.2)
#include "books/contract.hpp"

#include "books/free_text.hpp"
#include "books/identifiers.hpp"
#include "books/toml_reader.hpp"
#include "books/vat.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace books {
namespace {

constexpr std::int64_t k_max_hours_per_week = 168 * 100;
constexpr std::int64_t k_max_rate = 100'000 * 100;

// Counts errors reported while reading one contract.
struct ErrorCounter {
  const diag::Diagnostics& diags;
  std::size_t before = diags.error_count();
  bool clean() const { return diags.error_count() == before; }
};

std::optional<Hours> read_hours_per_week(TableReader& r) {
  auto h = r.decimal("hours_per_week", Need::optional);
  if (!h) return std::nullopt;
  if (!in_range_exclusive_low(*h, 0, k_max_hours_per_week)) {
    r.error("hours_per_week", "'hours_per_week' must be more than 0 and at most 168");
    return std::nullopt;
  }
  return Hours::from_hundredths(*h);
}

std::optional<Money> read_rate(TableReader& r) {
  auto h = r.decimal("rate", Need::optional);
  if (!h) return std::nullopt;
  if (!in_range_exclusive_low(*h, 0, k_max_rate)) {
    r.error("rate", "'rate' must be more than 0 and at most 100000");
    return std::nullopt;
  }
  return Money::from_hundredths(*h);
}

std::string read_text(TableReader& r, std::string_view key, Need need) {
  auto text = r.text(key, need);
  if (!text) return {};
  check_no_cpr(key, *text, r.location_of(key), r.diagnostics());
  return *text;
}

void read_payer(const TomlFile& file, TableReader& top, Contract& c, diag::Diagnostics& diags) {
  const toml::table* table = top.table("payer", Need::required);
  if (!table) return;
  TableReader r(file, *table, diags, "[payer]",
                {"kind", "name", "address", "ean", "reference", "order", "accounting_cost", "email"},
                file.location(*table));
  c.payer_where = r.where();
  Payer& payer = c.payer;
  if (auto kind = r.string("kind", Need::required)) {
    if (*kind == "municipality") payer.kind = PayerKind::municipality;
    else if (*kind == "private") payer.kind = PayerKind::private_payer;
    else r.error("kind", fmt::format("payer 'kind' must be \"municipality\" or \"private\", not \"{}\"", *kind));
  }
  payer.name = read_text(r, "name", Need::required);
  payer.address = r.text_lines("address", Need::required).value_or(std::vector<std::string>{});
  const bool municipal = payer.kind == PayerKind::municipality;
  if (auto ean = r.string("ean", municipal ? Need::required : Need::optional)) {
    if (!is_valid_gln(*ean))
      r.error("ean", fmt::format("EAN number '{}' is not valid (13 digits with a GS1 check digit)", *ean));
    payer.ean = *ean;
  }
  payer.reference = read_text(r, "reference", municipal ? Need::required : Need::optional);
  payer.order = r.text("order", Need::optional).value_or("");
  payer.accounting_cost = r.text("accounting_cost", Need::optional).value_or("");
  payer.email = r.text("email", Need::optional).value_or("");
  r.finish();
}

struct TermsChange {
  Date from;
  std::optional<Hours> hours_per_week;
  std::optional<Money> rate;
  diag::Location where;
};

// Builds the complete, sorted terms from the top-level values and the [[terms]] changes.
void build_terms(TableReader& top, Contract& c, std::optional<Hours> hours, std::optional<Money> rate,
                 std::vector<TermsChange> changes, diag::Diagnostics& diags) {
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < changes.size(); ++i)
    if (changes[i].from == changes[i - 1].from)
      diags.error(changes[i].where, fmt::format("two [[terms]] entries start on {}", changes[i].from.to_string()));
  // An entry before the start is an error; it must not hide an entry on the start date.
  std::erase_if(changes, [&](const TermsChange& change) {
    if (!(change.from < c.start)) return false;
    diags.error(change.where, "[[terms]] 'from' is before the contract's start");
    return true;
  });
  std::size_t next = 0;
  if (!changes.empty() && changes[0].from == c.start) {
    if (changes[0].hours_per_week) hours = changes[0].hours_per_week;
    if (changes[0].rate) rate = changes[0].rate;
    next = 1;
  }
  // A value given but invalid has been reported at its place; only a missing one is reported here.
  if (!hours && !top.has("hours_per_week"))
    top.error_here("contract is missing 'hours_per_week' (or a [[terms]] entry from the start date)");
  if (!rate && !top.has("rate")) top.error_here("contract is missing 'rate' (or a [[terms]] entry from the start date)");
  if (!hours || !rate) return;
  c.terms.push_back({c.start, *hours, *rate});
  for (; next < changes.size(); ++next) {
    const TermsChange& change = changes[next];
    Terms t = c.terms.back();
    t.from = change.from;
    if (change.hours_per_week) t.hours_per_week = *change.hours_per_week;
    if (change.rate) t.rate = *change.rate;
    c.terms.push_back(t);
  }
}

} // namespace

void check_einvoice_needs(const Contract& c, const DocumentSettings& documents, diag::Diagnostics& diags) {
  // A municipality payer must have both whatever it gets (SPEC 1.2), reported where they are read.
  if (c.payer.kind == PayerKind::municipality || !documents.gets_einvoice(c.payer.kind)) return;
  const std::string_view kind = DocumentSettings::key_of(c.payer.kind);
  const std::string why = fmt::format("payer '{}' gets an e-invoice (\"xml\" in [documents] {})", c.payer.name, kind);
  const std::string or_else = fmt::format("or remove \"xml\" from [documents] {} in honorar.toml", kind);
  if (c.payer.ean.empty())
    diags.error(c.payer_where, fmt::format("{}, which needs its 'ean': give the payer's EAN/GLN, {}", why, or_else));
  if (c.payer.reference.empty() && c.payer.order.empty())
    diags.error(c.payer_where,
                fmt::format("{}, which needs a 'reference' or an 'order' (Peppol R003): give one, {}", why, or_else));
}

bool load_contract(const std::string& rel_path, std::string text, Contract& c, diag::Diagnostics& diags) {
  ErrorCounter counter{diags};
  TomlFile file(rel_path, std::move(text));
  c.where = {rel_path, 0, 0};
  auto root = parse_toml(file, diags);
  if (!root) return false;
  TableReader r(file, *root, diags, "the contract",
                {"id", "citizen", "service", "legal_basis", "case_ref", "start", "end", "hours_per_week", "rate",
                 "absence_billed", "notice", "handleplan", "status_reports", "vat", "payer", "terms",
                 "termination", "suspension", "expenses"},
                {rel_path, 1, 1});

  if (auto id = r.string("id", Need::required)) {
    if (!is_valid_contract_id(*id))
      r.error("id", fmt::format("contract id \"{}\" must match [A-Za-z0-9][A-Za-z0-9._-]{{0,63}}", *id));
    c.id = *id;
    c.where = r.location_of("id");
  }
  c.citizen = read_text(r, "citizen", Need::required);
  if (util::codepoints(c.citizen) > 32) r.error("citizen", "'citizen' must be initials or a pseudonym of at most 32 characters");
  c.service = read_text(r, "service", Need::required);
  c.legal_basis = read_text(r, "legal_basis", Need::optional);
  c.case_ref = read_text(r, "case_ref", Need::optional);
  auto start = r.date("start", Need::required);
  if (start) c.start = *start;
  c.end = r.date("end", Need::optional);
  if (start && c.end && *c.end < *start) r.error("end", "'end' is before 'start'");
  auto hours = read_hours_per_week(r);
  auto rate = read_rate(r);
  c.absence_billed = r.boolean("absence_billed", Need::optional).value_or(true);
  const std::string notice = r.string("notice", Need::optional).value_or(std::string(calendar::k_default_notice_rule));
  if (auto rule = calendar::NoticeRule::parse(notice)) c.notice = *rule;
  else
    r.error("notice", fmt::format("notice rule \"{}\" does not parse (expected e.g. \"løbende måned + 1\", "
                                  "\"14 dage\", \"3 måneder\" or \"ingen\")", notice));
  c.handleplan = r.date("handleplan", Need::optional);
  c.status_reports = r.date_array("status_reports", Need::optional).value_or(std::vector<Date>{});
  std::sort(c.status_reports.begin(), c.status_reports.end());
  c.vat = read_vat(r, "vat");
  read_payer(file, r, c, diags);

  std::vector<TermsChange> changes;
  for (const toml::table* t : r.tables("terms")) {
    TableReader tr(file, *t, diags, "[[terms]]", {"from", "rate", "hours_per_week"}, file.location(*t));
    auto from = tr.date("from", Need::required);
    TermsChange change{from.value_or(Date{}), read_hours_per_week(tr), read_rate(tr), tr.where()};
    if (!tr.has("rate") && !tr.has("hours_per_week")) tr.error_here("[[terms]] needs 'rate' and/or 'hours_per_week'");
    tr.finish();
    if (from) changes.push_back(change);
  }
  if (start) build_terms(r, c, hours, rate, std::move(changes), diags);

  if (const toml::table* t = r.table("termination", Need::optional)) {
    TableReader tr(file, *t, diags, "[termination]", {"given", "end"}, file.location(*t));
    auto given = tr.date("given", Need::required);
    auto end = tr.date("end", Need::optional);
    if (given) c.termination = Termination{*given, end};
    tr.finish();
  }
  for (const toml::table* t : r.tables("suspension")) {
    TableReader sr(file, *t, diags, "[[suspension]]", {"from", "to", "billed"}, file.location(*t));
    auto from = sr.date("from", Need::required);
    auto to = sr.date("to", Need::required);
    const bool billed = sr.boolean("billed", Need::optional).value_or(false);
    if (from && to && *to < *from) sr.error("to", "[[suspension]] 'to' is before 'from'");
    else if (from && to) c.suspensions.push_back({*from, *to, billed});
    sr.finish();
  }
  std::sort(c.suspensions.begin(), c.suspensions.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < c.suspensions.size(); ++i)
    if (c.suspensions[i].from <= c.suspensions[i - 1].to)
      r.error("suspension", "two [[suspension]] periods overlap");
  if (const toml::table* t = r.table("expenses", Need::optional)) {
    TableReader er(file, *t, diags, "[expenses]", {"agreed"}, file.location(*t));
    c.expenses_agreed = er.boolean("agreed", Need::optional).value_or(false);
    er.finish();
  }
  r.finish();
  return counter.clean();
}

} // namespace books
