#pragma once
// iCalendar (RFC 5545) for calendar programs: the deadlines as all-day events.
// Presentation only: every item comes in computed, as the deadlines JSON (SPEC §7).

#include "render/json.hpp"

#include <string>

namespace render {

// One VCALENDAR with one all-day VEVENT per deadline. Reproducible: the same JSON gives the same
// bytes (DTSTAMP is the JSON's as_of day at 00:00 UTC, never the clock). Each event's UID is
//   <contract>-<kind>[-<number>]-<due as YYYYMMDD>@honorar
// so importing the same deadline twice updates one event, and a moved deadline is a new one.
// CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT escaped.
std::string deadlines_ics(const DeadlineList& deadlines);

// RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped.
std::string ics_escape(const std::string& text);
// RFC 5545 3.1: a content line folded into lines of at most 75 octets, each ending in CRLF.
std::string ics_fold(const std::string& line);

} // namespace render
