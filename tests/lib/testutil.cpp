#include "testutil.hpp"

#include <doctest/doctest.h>

#include <stdlib.h> // mkdtemp

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

namespace fs = std::filesystem;

namespace testutil {

calendar::Date day(std::string_view text) {
  const auto parsed = calendar::parse_date(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test date does not parse: ", std::string(text));
  return *parsed;
}

calendar::Date day(int y, unsigned m, unsigned d) {
  const auto made = calendar::Date::from_ymd(y, m, d);
  REQUIRE_MESSAGE(made.has_value(), "not a test date: ", y, "-", m, "-", d);
  return *made;
}

calendar::IsoWeek iso_week(std::string_view text) {
  const auto parsed = calendar::parse_iso_week(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test week does not parse: ", std::string(text));
  return *parsed;
}

calendar::Month month(std::string_view text) {
  const auto parsed = calendar::parse_month(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test month does not parse: ", std::string(text));
  return *parsed;
}

TempDir::TempDir(std::string_view prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  REQUIRE_MESSAGE(::mkdtemp(pattern.data()) != nullptr, "cannot create a temporary directory ", pattern);
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

void TempDir::write(const fs::path& rel, std::string_view text) const {
  const fs::path path = m_path / rel;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE_MESSAGE(out.good(), "cannot write ", path.string());
}

std::string TempDir::read(const fs::path& rel) const {
  std::ifstream in(m_path / rel, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string pdf_text(const std::string& pdf) {
  const TempDir dir("honorar-test-pdf");
  const std::filesystem::path file = dir.path() / "document.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  FILE* pipe = ::popen(("pdftotext -layout '" + file.string() + "' - 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  const int status = ::pclose(pipe);
  INFO(text);
  REQUIRE(status == 0);
  return text;
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  if (const char* v = std::getenv(name); v && *v) return std::strtoull(v, nullptr, 10);
  return fallback;
}

} // namespace testutil
