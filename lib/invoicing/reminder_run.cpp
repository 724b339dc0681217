#include "invoicing/reminder_run.hpp"

#include "diag/diagnostic.hpp"

#include <fmt/format.h>

namespace invoicing {

render::ReminderDocument parse_stored_reminder(std::int64_t number, const std::string& json) {
  render::Json j;
  try {
    j = render::Json::parse(json);
  } catch (const std::exception&) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: reminder R{} is not the JSON it was issued as (restore the "
                                  "register from a backup; the file is left untouched)",
                                  number));
  }
  try {
    return render::reminder_from_json(j);
  } catch (const diag::Error& e) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: reminder R{} is not a reminder ({}); restore the register "
                                  "from a backup (the file is left untouched)",
                                  number, e.what()));
  }
}

} // namespace invoicing
