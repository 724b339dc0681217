// The one table of time-log entry rules (lib/books/entry_rules.hpp), and that the readers of
// every file type give the same message for the same mistake.
#include "books/entry_rules.hpp"
#include "books/fast_timelog.hpp"
#include "books/timelog_csv.hpp"
#include "books/timelog_toml.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using books::EntryStatus;

TEST_CASE("books::parse_entry_status") {
  CHECK(books::parse_entry_status("delivered") == EntryStatus::delivered);
  CHECK(books::parse_entry_status("citizen-absent") == EntryStatus::citizen_absent);
  CHECK(books::parse_entry_status("staff-absent") == EntryStatus::staff_absent);

  SUBCASE("empty means delivered (an empty CSV field)") {
    CHECK(books::parse_entry_status("") == EntryStatus::delivered);
  }
  SUBCASE("the Danish names (SPEC 1.3)") {
    CHECK(books::parse_entry_status("leveret") == EntryStatus::delivered);
    CHECK(books::parse_entry_status("afbud") == EntryStatus::citizen_absent);
    CHECK(books::parse_entry_status("udeblevet") == EntryStatus::citizen_absent);
    CHECK(books::parse_entry_status("borgerfravær") == EntryStatus::citizen_absent);
    CHECK(books::parse_entry_status("aflyst") == EntryStatus::staff_absent);
    CHECK(books::parse_entry_status("medarbejderfravær") == EntryStatus::staff_absent);
  }
  SUBCASE("case is free, also for Æ Ø Å") {
    CHECK(books::parse_entry_status("Leveret") == EntryStatus::delivered);
    CHECK(books::parse_entry_status("AFBUD") == EntryStatus::citizen_absent);
    CHECK(books::parse_entry_status("BORGERFRAVÆR") == EntryStatus::citizen_absent);
    CHECK(books::parse_entry_status("MedarbejderFravÆr") == EntryStatus::staff_absent);
    CHECK(books::parse_entry_status("Delivered") == EntryStatus::delivered);
    CHECK(books::parse_entry_status("STAFF-ABSENT") == EntryStatus::staff_absent);
  }
  SUBCASE("anything else is no status: no spaces, no other spelling") {
    CHECK(books::parse_entry_status("sick") == std::nullopt);
    CHECK(books::parse_entry_status(" delivered") == std::nullopt);
    CHECK(books::parse_entry_status("citizen_absent") == std::nullopt);
    CHECK(books::parse_entry_status("borgerfravaer") == std::nullopt);
    CHECK(books::parse_entry_status("leveret ") == std::nullopt);
    CHECK(books::parse_entry_status("fravær") == std::nullopt);
  }
  SUBCASE("the names are in the order of EntryStatus") {
    for (std::size_t i = 0; i < books::k_entry_status_names.size(); ++i)
      CHECK(books::parse_entry_status(books::k_entry_status_names[i]) == static_cast<EntryStatus>(i));
  }
}

TEST_CASE("books::entry_hours_in_range") {
  CHECK(!books::entry_hours_in_range(0));
  CHECK(!books::entry_hours_in_range(-1));
  CHECK(books::entry_hours_in_range(1));
  CHECK(books::entry_hours_in_range(2400));
  CHECK(!books::entry_hours_in_range(2401));
}

TEST_CASE("books::expense_amount_in_range") {
  CHECK(!books::expense_amount_in_range(0));
  CHECK(books::expense_amount_in_range(1));
  CHECK(books::expense_amount_in_range(100'000'000));
  CHECK(!books::expense_amount_in_range(100'000'001));
}

TEST_CASE("books::from_to_in_order") {
  CHECK(books::from_to_in_order(540, 690));
  CHECK(!books::from_to_in_order(540, 540));
  CHECK(!books::from_to_in_order(690, 540));
}

TEST_CASE("books::parse_time_of_day") {
  CHECK(books::parse_time_of_day("00:00") == 0);
  CHECK(books::parse_time_of_day("09:30") == 570);
  CHECK(books::parse_time_of_day("23:59") == books::k_minutes_per_day - 1);
  SUBCASE("not HH:MM") {
    CHECK(books::parse_time_of_day("24:00") == std::nullopt);
    CHECK(books::parse_time_of_day("12:60") == std::nullopt);
    CHECK(books::parse_time_of_day("9:30") == std::nullopt);
    CHECK(books::parse_time_of_day("09:30:00") == std::nullopt);
    CHECK(books::parse_time_of_day("09.30") == std::nullopt);
    CHECK(books::parse_time_of_day("") == std::nullopt);
  }
}

TEST_CASE("books::entry_message") {
  CHECK(books::entry_message::bad_status("sick") ==
        "'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\" (or in Danish \"leveret\", \"afbud\", "
        "\"udeblevet\", \"borgerfravær\", \"aflyst\", \"medarbejderfravær\"), not \"sick\"");
  CHECK(books::entry_message::hours_out_of_range() == "'hours' must be more than 0 and at most 24");
  CHECK(books::entry_message::unknown_contract("C9") == "unknown contract 'C9'");
  CHECK(books::entry_message::to_not_after_from() == "'to' must be after 'from' on the same day");
  CHECK(books::entry_message::hours_and_from_to() == "give either 'hours' or 'from'/'to', not both");
  CHECK(books::entry_message::neither_hours_nor_from_to() == "[[entry]] needs 'hours' or 'from' and 'to'");
  CHECK(books::entry_message::expense_amount_out_of_range() == "'amount' must be more than 0 and at most 1000000");
}

namespace {

// The messages (without location) of one time-log file read by the full TOML reader, and
// whether the fast path took the file.
struct Read {
  std::vector<std::string> messages;
  bool fast = false;
};

std::vector<std::string> messages_of(const diag::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const diag::Diagnostic& d : diags.items()) out.push_back(d.message);
  return out;
}

Read read_toml(const std::string& text, const books::ContractIndex& index) {
  std::vector<books::Entry> entries;
  std::vector<books::Expense> expenses;
  books::TextArena texts;
  diag::Diagnostics diags;
  Read r;
  r.fast = books::fast_timelog_toml("timelog/a.toml", text, index, entries, expenses, texts);
  books::load_timelog_toml("timelog/a.toml", text, index, entries, expenses, texts, diags);
  r.messages = messages_of(diags);
  return r;
}

std::vector<std::string> read_csv(const std::string& text, const books::ContractIndex& index) {
  std::vector<books::Entry> entries;
  books::TextArena texts;
  diag::Diagnostics diags;
  books::load_timelog_csv("timelog/a.csv", text, index, entries, texts, diags);
  return messages_of(diags);
}

} // namespace

TEST_CASE("books::entry_message from every file type") {
  std::vector<books::Contract> contracts(1);
  contracts[0].id = "C1";
  const books::ContractIndex index(contracts);
  auto toml = [](const std::string& contract, const std::string& hours, const std::string& status) {
    return "[[entry]]\ncontract = \"" + contract + "\"\ndate = 2025-11-03\nhours = " + hours + "\nstatus = \"" + status +
           "\"\n";
  };
  auto csv = [](const std::string& contract, const std::string& hours, const std::string& status) {
    return "contract,date,hours,status\n" + contract + ",2025-11-03," + hours + "," + status + "\n";
  };

  SUBCASE("an unknown status") {
    const std::vector<std::string> expected{books::entry_message::bad_status("sick")};
    const Read t = read_toml(toml("C1", "2", "sick"), index);
    CHECK(!t.fast); // the fast path leaves every message to the full reader
    CHECK(t.messages == expected);
    CHECK(read_csv(csv("C1", "2", "sick"), index) == expected);
  }
  SUBCASE("hours out of range") {
    const std::vector<std::string> expected{books::entry_message::hours_out_of_range()};
    for (const char* hours : {"0", "24.01", "-1"}) {
      CAPTURE(hours);
      const Read t = read_toml(toml("C1", hours, "delivered"), index);
      CHECK(!t.fast);
      CHECK(t.messages == expected);
      CHECK(read_csv(csv("C1", hours, "delivered"), index) == expected);
    }
  }
  SUBCASE("an unknown contract") {
    const std::vector<std::string> expected{books::entry_message::unknown_contract("C9")};
    const Read t = read_toml(toml("C9", "2", "delivered"), index);
    CHECK(!t.fast);
    CHECK(t.messages == expected);
    CHECK(read_csv(csv("C9", "2", "delivered"), index) == expected);
  }
  SUBCASE("a good entry: no message, and the fast path takes it") {
    const Read t = read_toml(toml("C1", "24", "staff-absent"), index);
    CHECK(t.fast);
    CHECK(t.messages.empty());
    CHECK(read_csv(csv("C1", "24", "staff-absent"), index).empty());
  }
}

TEST_CASE("books::entry_message::skipped_for_unloaded_contract") {
  CHECK(books::entry_message::skipped_for_unloaded_contract(1, 0, "X", "contracts/x.toml") ==
        "1 entry of contract 'X' was skipped because contracts/x.toml has errors");
  CHECK(books::entry_message::skipped_for_unloaded_contract(12, 0, "X", "contracts/x.toml") ==
        "12 entries of contract 'X' were skipped because contracts/x.toml has errors");
  CHECK(books::entry_message::skipped_for_unloaded_contract(0, 2, "X", "contracts/x.toml") ==
        "2 expenses of contract 'X' were skipped because contracts/x.toml has errors");
  CHECK(books::entry_message::skipped_for_unloaded_contract(3, 1, "X", "contracts/x.toml") ==
        "3 entries and 1 expense of contract 'X' were skipped because contracts/x.toml has errors");
}
