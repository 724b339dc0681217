#include "calendar/date.hpp"

#include <date/date.h>
#include <date/iso_week.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>

namespace calendar {

namespace {

// date::year holds a short; anything outside its range would wrap silently.
constexpr int k_min_year = -32767;
constexpr int k_max_year = 32767;

// What parse_* accept (SPEC: four-digit years, 1900..9999); computed dates may go beyond.
constexpr int k_min_text_year = 1900;
constexpr int k_max_text_year = 9999;

date::sys_days to_sys(Date d) { return date::sys_days{date::days{d.days_since_epoch()}}; }

Date from_sys(date::sys_days d) { return Date::from_days(d.time_since_epoch().count()); }

date::year_month_day to_ymd(Date d) { return date::year_month_day{to_sys(d)}; }

bool year_in_range(int year) { return year >= k_min_year && year <= k_max_year; }

// The value of text[pos, pos + len) if it is all ASCII digits. Fixed-width fields, so no
// from_chars: it would stop early at a non-digit and leave the caller to check the length.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t len) {
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<int> text_year(std::string_view text) {
  const auto year = digits(text, 0, 4);
  if (!year || *year < k_min_text_year || *year > k_max_text_year) {
    return std::nullopt;
  }
  return year;
}

// Howard Hinnant's civil-calendar algorithms (the ones date.h is built on), used directly for
// ISO weeks: date.h's iso_week conversions go through year_month_weekday_last and cost several
// times more, and a run over a five-year history converts hundreds of thousands of weeks.
constexpr int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

constexpr int year_of_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153; // 0 = March ... 11 = February
  return static_cast<int>(yoe) + era * 400 + (mp >= 10 ? 1 : 0);
}

// 1 = Monday ... 7 = Sunday; day 0 (1970-01-01) was a Thursday.
constexpr int iso_weekday_of_days(int z) { return (z % 7 + 7 + 3) % 7 + 1; }

} // namespace

// ---------------------------------------------------------------------------------------
// Date

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day) {
  // Checked before building date:: types: month and day are stored in a byte there, so
  // month 257 would otherwise come back as January.
  if (!year_in_range(year) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return from_sys(date::sys_days{ymd});
}

int Date::year() const { return static_cast<int>(to_ymd(*this).year()); }

unsigned Date::month() const { return static_cast<unsigned>(to_ymd(*this).month()); }

unsigned Date::day() const { return static_cast<unsigned>(to_ymd(*this).day()); }

unsigned Date::iso_weekday() const { return date::weekday{to_sys(*this)}.iso_encoding(); }

std::string Date::to_string() const {
  const auto ymd = to_ymd(*this);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

namespace {

struct DateFields {
  int year;
  unsigned month;
  unsigned day;
};

// The numbers of a text in one of `forms` (four-digit year 1900..9999), whether or not they
// name a day.
std::optional<DateFields> date_fields(std::string_view text, DateForms forms) {
  if (text.size() != 10) {
    return std::nullopt;
  }
  std::optional<int> year, month, day;
  if (text[4] == '-' && text[7] == '-') {
    year = text_year(text);
    month = digits(text, 5, 2);
    day = digits(text, 8, 2);
  } else if (forms == DateForms::iso_or_day_first && (text[2] == '-' || text[2] == '.') && text[5] == text[2]) {
    year = text_year(text.substr(6));
    month = digits(text, 3, 2);
    day = digits(text, 0, 2);
  }
  if (!year || !month || !day) {
    return std::nullopt;
  }
  return DateFields{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
}

constexpr std::array<std::string_view, 12> k_month_names{"January", "February", "March",     "April",
                                                         "May",     "June",     "July",      "August",
                                                         "September", "October", "November", "December"};

} // namespace

std::optional<Date> parse_date(std::string_view text) { return parse_date(text, DateForms::iso); }

std::optional<Date> parse_date(std::string_view text, DateForms forms) {
  const auto fields = date_fields(text, forms);
  if (!fields) {
    return std::nullopt;
  }
  return Date::from_ymd(fields->year, fields->month, fields->day);
}

std::string why_not_a_date(std::string_view text, DateForms forms) {
  const auto fields = date_fields(text, forms);
  if (!fields || Date::from_ymd(fields->year, fields->month, fields->day)) {
    return {};
  }
  if (fields->month < 1 || fields->month > 12) {
    return fmt::format("there is no month {}", fields->month);
  }
  if (fields->day < 1) {
    return "there is no day 0";
  }
  const date::year_month ym{date::year{fields->year}, date::month{fields->month}};
  const auto last = static_cast<unsigned>((ym / date::last).day());
  const std::string_view name = k_month_names[fields->month - 1];
  if (fields->month == 2) {
    return fmt::format("{} {} has {} days", name, fields->year, last);
  }
  return fmt::format("{} has {} days", name, last);
}

Date add_months(Date d, int months) {
  const auto ymd = to_ymd(d);
  const auto target = ymd.year() / ymd.month() + date::months{months};
  // Clamp: the 31st of a 30-day month is its last day, not the 1st of the next.
  const auto last = (target / date::last).day();
  return from_sys(date::sys_days{target / std::min(ymd.day(), last)});
}

Date half_year_start(Date d) { return *Date::from_ymd(d.year(), d.month() <= 6 ? 1U : 7U, 1); }

std::string half_year_name(Date d) {
  return std::string(d.month() <= 6 ? "the first half of " : "the second half of ") + std::to_string(d.year());
}

// ---------------------------------------------------------------------------------------
// Month

std::optional<Month> Month::from_ym(int year, unsigned month) {
  if (!year_in_range(year) || month < 1 || month > 12) {
    return std::nullopt;
  }
  return Month(year, month);
}

Month Month::of(Date d) {
  const auto ymd = to_ymd(d);
  return Month(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
}

Date Month::first_day() const {
  return from_sys(date::sys_days{date::year{m_year} / date::month{m_month} / 1});
}

Date Month::last_day() const {
  return from_sys(date::sys_days{date::year{m_year} / date::month{m_month} / date::last});
}

Month Month::operator+(int months) const {
  const auto ym = date::year{m_year} / date::month{m_month} + date::months{months};
  return Month(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

std::string Month::to_string() const { return fmt::format("{:04}-{:02}", m_year, m_month); }

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return std::nullopt;
  }
  const auto year = text_year(text);
  const auto month = digits(text, 5, 2);
  if (!year || !month) {
    return std::nullopt;
  }
  return Month::from_ym(*year, static_cast<unsigned>(*month));
}

// ---------------------------------------------------------------------------------------
// IsoWeek

IsoWeek IsoWeek::of(Date d) {
  // The week belongs to the ISO year of its Thursday, and counts from the year's first Thursday.
  const int z = d.days_since_epoch();
  const int thursday = z - iso_weekday_of_days(z) + 4;
  const int year = year_of_days(thursday);
  return IsoWeek(year, static_cast<unsigned>((thursday - days_from_civil(year, 1, 1)) / 7 + 1));
}

std::optional<IsoWeek> IsoWeek::from_yw(int iso_year, unsigned week) {
  // One year of margin inside date::year's range: an ISO year's Monday of week 1 can lie
  // in the previous calendar year.
  if (iso_year <= k_min_year || iso_year >= k_max_year || week < 1) {
    return std::nullopt;
  }
  const auto weeks_in_year =
      static_cast<unsigned>((iso_week::year{iso_year} / iso_week::last).weeknum());
  if (week > weeks_in_year) {
    return std::nullopt;
  }
  return IsoWeek(iso_year, week);
}

Date IsoWeek::monday() const {
  // Week 1 holds 4 January.
  const int jan4 = days_from_civil(m_year, 1, 4);
  return Date::from_days(jan4 - (iso_weekday_of_days(jan4) - 1) + 7 * (static_cast<int>(m_week) - 1));
}

IsoWeek IsoWeek::next() const {
  // Every ISO year has week 52; only after it can the year change.
  if (m_week < 52) return IsoWeek(m_year, m_week + 1);
  return of(monday() + 7);
}

std::string IsoWeek::to_string() const { return fmt::format("{:04}-W{:02}", m_year, m_week); }

std::optional<IsoWeek> parse_iso_week(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') {
    return std::nullopt;
  }
  const auto year = text_year(text);
  const auto week = digits(text, 6, 2);
  if (!year || !week) {
    return std::nullopt;
  }
  return IsoWeek::from_yw(*year, static_cast<unsigned>(*week));
}

} // namespace calendar
