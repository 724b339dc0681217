#pragma once
// The helpers every unit test shares: dates from their text, a temporary directory, and for the
// property tests a seeded random source and the seed and case count from the environment.
// A test file says `using testutil::day;` (or `using namespace testutil;`) and keeps its bodies.

#include "calendar/date.hpp"

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace testutil {

// The day, week or month written as text ("2025-11-18", "2025-W47", "2025-11"); a text that
// does not parse fails the test (REQUIRE) instead of reaching the code under test.
calendar::Date day(std::string_view text);
calendar::Date day(int y, unsigned m, unsigned d);
calendar::IsoWeek iso_week(std::string_view text);
calendar::Month month(std::string_view text);

// A new empty directory under the system's temporary directory (mkdtemp: unique across
// processes and threads), removed with everything in it at the end of the test.
class TempDir {
public:
  explicit TempDir(std::string_view prefix = "honorar-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `text` to path()/rel byte for byte, creating its folders; a failure fails the test.
  void write(const std::filesystem::path& rel, std::string_view text) const;
  // The bytes of path()/rel ("" when it cannot be read).
  std::string read(const std::filesystem::path& rel) const;

private:
  std::filesystem::path m_path;
};

// The text of a PDF as `pdftotext -layout` reads it (poppler-utils); a failure fails the test.
std::string pdf_text(const std::string& pdf);

// $NAME as a number (HONORAR_PROPERTY_SEED, HONORAR_PROPERTY_CASES), else `fallback`.
std::uint64_t env_number(const char* name, std::uint64_t fallback);

// Random draws for the property tests, reproducible from the seed.
class Random {
public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_engine);
  }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

private:
  std::mt19937_64 m_engine;
};

} // namespace testutil
