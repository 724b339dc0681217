#include "books/entry_rules.hpp"

#include "util/utf8.hpp"

#include <fmt/format.h>

namespace books {

static_assert(k_entry_status_names.size() == static_cast<std::size_t>(EntryStatus::staff_absent) + 1);

bool entry_hours_in_range(std::int64_t hundredths) { return hundredths > 0 && hundredths <= k_max_entry_hundredths; }

bool expense_amount_in_range(std::int64_t hundredths) {
  return hundredths > 0 && hundredths <= k_max_expense_hundredths;
}

bool from_to_in_order(int from_minute, int to_minute) { return to_minute > from_minute; }

std::optional<EntryStatus> parse_entry_status(std::string_view text) {
  if (text.empty()) return EntryStatus::delivered;
  // The names as the spec writes them first, compared exactly: a history holds hundreds of
  // thousands of entries, nearly all spelt so.
  for (std::size_t i = 0; i < k_entry_status_names.size(); ++i)
    if (text == k_entry_status_names[i]) return static_cast<EntryStatus>(i);
  for (std::size_t i = 0; i < k_entry_status_names.size(); ++i)
    if (util::equal_folded(text, k_entry_status_names[i])) return static_cast<EntryStatus>(i);
  for (const DanishStatusName& danish : k_danish_status_names)
    if (util::equal_folded(text, danish.name)) return danish.status;
  return std::nullopt;
}

std::optional<int> parse_time_of_day(std::string_view text) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || !digit(text[0]) || !digit(text[1]) || text[2] != ':' || !digit(text[3]) || !digit(text[4]))
    return std::nullopt;
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour >= 24 || minute >= 60) return std::nullopt;
  return hour * 60 + minute;
}

namespace entry_message {

std::string unknown_contract(std::string_view id) { return fmt::format("unknown contract '{}'", id); }

std::string of_unloaded_contract(std::string_view record, std::string_view id, std::string_view path) {
  return fmt::format("{} of contract '{}' skipped because {} has errors", record, id, path);
}

std::string skipped_for_unloaded_contract(std::size_t entries, std::size_t expenses, std::string_view id,
                                          std::string_view path) {
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  std::string what;
  if (entries > 0) what = count(entries, "entry", "entries");
  if (entries > 0 && expenses > 0) what += " and ";
  if (expenses > 0) what += count(expenses, "expense", "expenses");
  return fmt::format("{} of contract '{}' {} skipped because {} has errors", what, id,
                     entries + expenses == 1 ? "was" : "were", path);
}

std::string hours_out_of_range() { return "'hours' must be more than 0 and at most 24"; }

std::string hours_and_from_to() { return "give either 'hours' or 'from'/'to', not both"; }

std::string neither_hours_nor_from_to() { return "[[entry]] needs 'hours' or 'from' and 'to'"; }

std::string to_not_after_from() { return "'to' must be after 'from' on the same day"; }

std::string bad_status(std::string_view text) {
  std::string danish;
  for (const DanishStatusName& name : k_danish_status_names)
    danish += fmt::format("{}\"{}\"", danish.empty() ? "" : ", ", name.name);
  return fmt::format("'status' must be \"{}\", \"{}\" or \"{}\" (or in Danish {}), not \"{}\"", k_entry_status_names[0],
                     k_entry_status_names[1], k_entry_status_names[2], danish, text);
}

std::string expense_amount_out_of_range() { return "'amount' must be more than 0 and at most 1000000"; }

} // namespace entry_message

} // namespace books
