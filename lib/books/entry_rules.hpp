#pragma once
// The rules of one time-log record (SPEC 1.3) in one table, for every reader of time logs: the
// TOML reader (timelog_toml.cpp), its fast path (fast_timelog.cpp), the CSV reader
// (timelog_csv.cpp) and the cache (timelog_cache.cpp). The messages are here too, so that the
// same mistake reads the same whatever the file type.

#include "books/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace books {

// An entry's 'hours', in hundredths: more than 0 and at most 24.
inline constexpr std::int64_t k_max_entry_hundredths = 24 * 100;
// A day in minutes: an entry's 'from' and 'to' are minutes after midnight, below this.
inline constexpr int k_minutes_per_day = 24 * 60;
// An expense's 'amount', in øre: more than 0 and at most 1 000 000 kr.
inline constexpr std::int64_t k_max_expense_hundredths = std::int64_t{1'000'000} * 100;

bool entry_hours_in_range(std::int64_t hundredths);
bool expense_amount_in_range(std::int64_t hundredths);
// 'to' after 'from' on the same day (minutes after midnight).
bool from_to_in_order(int from_minute, int to_minute);

// The status names in the order of EntryStatus, as the JSON output writes them. The empty text
// also means delivered (a CSV field left empty).
inline constexpr std::array<std::string_view, 3> k_entry_status_names{"delivered", "citizen-absent", "staff-absent"};
// The Danish names a time log may use beside them (SPEC 1.3).
struct DanishStatusName {
  std::string_view name;
  EntryStatus status;
};
inline constexpr std::array<DanishStatusName, 6> k_danish_status_names{{
    {"leveret", EntryStatus::delivered},
    {"afbud", EntryStatus::citizen_absent},
    {"udeblevet", EntryStatus::citizen_absent},
    {"borgerfravær", EntryStatus::citizen_absent},
    {"aflyst", EntryStatus::staff_absent},
    {"medarbejderfravær", EntryStatus::staff_absent},
}};
// An English or Danish name, case free ("Afbud", "BORGERFRAVÆR", "Delivered").
std::optional<EntryStatus> parse_entry_status(std::string_view text);

// "HH:MM" (00:00 to 23:59) as minutes after midnight; nullopt for anything else.
std::optional<int> parse_time_of_day(std::string_view text);

// The messages, one per mistake.
namespace entry_message {
std::string unknown_contract(std::string_view id);
// An entry or expense (`record`) naming the id of a contract file that did not load. The books
// loader folds these into one skipped_for_unloaded_contract note per contract.
std::string of_unloaded_contract(std::string_view record, std::string_view id, std::string_view path);
std::string skipped_for_unloaded_contract(std::size_t entries, std::size_t expenses, std::string_view id,
                                          std::string_view path);
std::string hours_out_of_range();
std::string hours_and_from_to();
std::string neither_hours_nor_from_to();
std::string to_not_after_from();
std::string bad_status(std::string_view text);
std::string expense_amount_out_of_range();
} // namespace entry_message

} // namespace books
