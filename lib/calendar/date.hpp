#pragma once
// Calendar vocabulary: days, billing months and ISO weeks. All date:: spellings stay
// inside calendar/; the rest of honorar sees only these value types.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace calendar {

// A day of the proleptic Gregorian calendar. Invalid days cannot be constructed:
// from_ymd() and parse_date() reject them at the boundary.
class Date {
public:
  constexpr Date() = default; // 1970-01-01

  static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
  static constexpr Date from_days(int days_since_epoch) { return Date(days_since_epoch); }

  int year() const;
  unsigned month() const;
  unsigned day() const;
  unsigned iso_weekday() const; // 1 = Monday ... 7 = Sunday
  constexpr int days_since_epoch() const { return m_days; }

  constexpr Date operator+(int days) const { return Date(m_days + days); }
  constexpr Date operator-(int days) const { return Date(m_days - days); }
  constexpr int operator-(Date other) const { return m_days - other.m_days; }
  constexpr auto operator<=>(const Date&) const = default;

  std::string to_string() const; // YYYY-MM-DD

private:
  constexpr explicit Date(int days) : m_days(days) {}
  int m_days = 0;
};

// Strict YYYY-MM-DD (four-digit year 1900..9999); nullopt for anything else, including 2025-02-30.
std::optional<Date> parse_date(std::string_view text);

// The date forms a text may take: ISO only, or also the day first as a Danish spreadsheet
// writes it (DD-MM-YYYY, DD.MM.YYYY; SPEC 1.3, Danish CSV).
enum class DateForms { iso, iso_or_day_first };
std::optional<Date> parse_date(std::string_view text, DateForms forms);

// For text in one of `forms` that names no day, why not, in words: "November has 30 days",
// "February 2026 has 28 days", "there is no month 13", "there is no day 0". Empty when the text
// is not in one of the forms (or is a valid date).
std::string why_not_a_date(std::string_view text, DateForms forms);

// d + n months, the day of month kept and clamped to the target month's last day
// (2025-11-30 + 3 months = 2026-02-28). n may be negative.
Date add_months(Date d, int months);

// Half-years (renteloven's reference rate is fixed per half-year): the first day of d's
// half-year, 1 January or 1 July; and its name in messages: "the second half of 2026".
Date half_year_start(Date d);
std::string half_year_name(Date d);

// A calendar month, the unit of billing.
class Month {
public:
  constexpr Month() = default;
  static std::optional<Month> from_ym(int year, unsigned month);
  static Month of(Date d);

  int year() const { return m_year; }
  unsigned month() const { return m_month; }
  Date first_day() const;
  Date last_day() const;
  Month operator+(int months) const;
  Month operator-(int months) const { return *this + (-months); }
  auto operator<=>(const Month&) const = default;

  std::string to_string() const; // YYYY-MM

private:
  constexpr Month(int year, unsigned month) : m_year(year), m_month(month) {}
  int m_year = 1970;
  unsigned m_month = 1;
};

// Strict YYYY-MM; nullopt otherwise.
std::optional<Month> parse_month(std::string_view text);

// An ISO 8601 week, named by its ISO week-year (2025-12-29 is in 2026-W01).
class IsoWeek {
public:
  constexpr IsoWeek() = default;
  static IsoWeek of(Date d);
  static std::optional<IsoWeek> from_yw(int iso_year, unsigned week); // week 1..52/53

  int iso_year() const { return m_year; }
  unsigned week() const { return m_week; }
  Date monday() const;
  Date sunday() const { return monday() + 6; }
  IsoWeek next() const;
  auto operator<=>(const IsoWeek&) const = default;

  std::string to_string() const; // YYYY-Www

private:
  constexpr IsoWeek(int year, unsigned week) : m_year(year), m_week(week) {}
  int m_year = 1970;
  unsigned m_week = 1;
};

// Strict YYYY-Www; nullopt otherwise (also for week 53 of a year that has none).
std::optional<IsoWeek> parse_iso_week(std::string_view text);

} // namespace calendar
