#pragma once
// The helpers every unit test shares: dates from their text, a temporary directory.
// A test file says `using testutil::day;` (or `using namespace testutil;`) and keeps its bodies.

#include "calendar/date.hpp"

#include <filesystem>
#include <string>
#include <string_view>

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

} // namespace testutil
