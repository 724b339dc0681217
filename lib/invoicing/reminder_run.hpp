#pragma once
// Reminders (SPEC 9.4) end to end: the registered reminders read back.

#include "render/reminder.hpp"

#include <cstdint>
#include <string>

namespace invoicing {

// A registered reminder from its canonical JSON; a data error (65) naming R<number> when the
// register holds something else (a damaged register).
render::ReminderDocument parse_stored_reminder(std::int64_t number, const std::string& json);

} // namespace invoicing
