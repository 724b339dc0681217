// timelog/**/*.toml: [[entry]] and [[expense]] tables (SPEC 1.3)
#include "books/timelog_toml.hpp"

#include "books/entry_rules.hpp"
#include "books/free_text.hpp"
#include "books/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace books {
namespace {

std::optional<std::size_t> read_contract_ref(TableReader& r, const ContractIndex& contracts, std::string_view record) {
  auto id = r.string("contract", Need::required);
  if (!id) return std::nullopt;
  return contracts.resolve(*id, record, r.location_of("contract"), r.diagnostics());
}

void read_entry(const TomlFile& file, const std::string* path, const toml::table& t, const ContractIndex& contracts,
                std::vector<Entry>& out, TextArena& texts, diag::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  TableReader r(file, t, diags, "[[entry]]", {"contract", "date", "hours", "from", "to", "status", "staff", "note"},
                file.location(t));
  Entry e;
  e.where = SourceRef{path, r.where().line, r.where().column};
  auto contract = read_contract_ref(r, contracts, "entry");
  auto date = r.date("date", Need::required);
  if (r.has("hours") && (r.has("from") || r.has("to"))) {
    r.error("hours", entry_message::hours_and_from_to());
  } else if (r.has("hours")) {
    if (auto h = r.decimal("hours", Need::required)) {
      if (!entry_hours_in_range(*h)) r.error("hours", entry_message::hours_out_of_range());
      else e.hours = money::Rational(*h, 100);
    }
  } else if (r.has("from") || r.has("to")) {
    auto from = r.time_of_day("from", Need::required);
    auto to = r.time_of_day("to", Need::required);
    if (from && to && !from_to_in_order(*from, *to)) r.error("to", entry_message::to_not_after_from());
    else if (from && to) {
      e.from_minute = static_cast<std::int16_t>(*from);
      e.to_minute = static_cast<std::int16_t>(*to);
      e.hours = money::Rational(*to - *from, 60);
    }
  } else {
    r.error_here(entry_message::neither_hours_nor_from_to());
  }
  if (auto status = r.string("status", Need::optional)) {
    if (auto s = parse_entry_status(*status)) e.status = *s;
    else r.error("status", entry_message::bad_status(*status));
  }
  std::string staff, note;
  if (auto s = r.string("staff", Need::optional)) {
    check_no_cpr("staff", *s, r.location_of("staff"), diags);
    staff = std::move(*s);
  }
  if (auto n = r.string("note", Need::optional)) {
    check_no_cpr("note", *n, r.location_of("note"), diags);
    note = std::move(*n);
  }
  r.finish();
  if (diags.error_count() != errors_before || !contract || !date) return;
  e.text = texts.add(staff, note);
  e.contract = static_cast<std::uint32_t>(*contract);
  e.date = *date;
  out.push_back(e);
}

void read_expense(const TomlFile& file, const toml::table& t, const ContractIndex& contracts,
                  std::vector<Expense>& out, diag::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  TableReader r(file, t, diags, "[[expense]]", {"contract", "date", "amount", "text", "outlay"},
                file.location(t));
  Expense x;
  x.where = r.where();
  auto contract = read_contract_ref(r, contracts, "expense");
  if (contract && !contracts.at(*contract).expenses_agreed)
    r.error("contract", fmt::format("expense for contract '{}', which has no expense agreement "
                                    "([expenses] agreed = true, §11)", contracts.at(*contract).id));
  auto date = r.date("date", Need::required);
  if (auto amount = r.decimal("amount", Need::required)) {
    if (!expense_amount_in_range(*amount)) r.error("amount", entry_message::expense_amount_out_of_range());
    else x.amount = Money::from_hundredths(*amount);
  }
  if (auto text = r.text("text", Need::required)) {
    check_no_cpr("text", *text, r.location_of("text"), diags);
    x.text = *text;
  }
  x.outlay = r.boolean("outlay", Need::optional).value_or(false);
  r.finish();
  if (diags.error_count() != errors_before || !contract || !date) return;
  x.contract = *contract;
  x.date = *date;
  out.push_back(std::move(x));
}

} // namespace

void load_timelog_toml(const std::string& rel_path, std::string text, const ContractIndex& contracts,
                       std::vector<Entry>& entries, std::vector<Expense>& expenses, TextArena& texts,
                       diag::Diagnostics& diags) {
  TomlFile file(rel_path, std::move(text));
  auto root = parse_toml(file, diags);
  if (!root) return;
  TableReader r(file, *root, diags, "a time log", {"entry", "expense"}, {rel_path, 1, 1});
  const std::string* path = intern_path(rel_path);
  for (const toml::table* t : r.tables("entry")) read_entry(file, path, *t, contracts, entries, texts, diags);
  for (const toml::table* t : r.tables("expense")) read_expense(file, *t, contracts, expenses, diags);
  r.finish();
}

} // namespace books
