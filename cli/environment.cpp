#include "environment.hpp"

#include "books/timelog_cache.hpp"
#include "invoicing/monthly_run.hpp"

#include <cstdlib>
#include <optional>
#include <string_view>

extern char** environ;

namespace cli {
namespace fs = std::filesystem;
namespace {

std::string_view setting(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

struct CacheDir {
  fs::path dir;
  bool explicit_dir = false; // named by $HONORAR_CACHE: every books directory is cached
};

std::optional<CacheDir> cache_dir() {
  if (const std::string_view s = setting("HONORAR_CACHE"); !s.empty()) {
    if (s == "off" || s == "0" || s == "no" || s == "false") return std::nullopt;
    return CacheDir{fs::path(s), true};
  }
  if (const std::string_view xdg = setting("XDG_CACHE_HOME"); xdg.starts_with('/'))
    return CacheDir{fs::path(xdg) / "honorar"};
  if (const std::string_view home = setting("HOME"); home.starts_with('/'))
    return CacheDir{fs::path(home) / ".cache" / "honorar"};
  return std::nullopt;
}

} // namespace

books::LoadOptions load_options_from_environment(const fs::path& books_dir) {
  books::LoadOptions options;
  if (setting("HONORAR_FAST_PATH") == "off") options.fast_path = false;
  if (const auto threads = setting("HONORAR_THREADS"); threads.size() == 1 && threads[0] >= '1' && threads[0] <= '8')
    options.threads = static_cast<unsigned>(threads[0] - '0');
  if (const auto where = cache_dir()) {
    if (auto file = books::cache_file_for(where->dir, books_dir)) {
      options.cache_file = std::move(*file);
      options.cache_min_bytes = where->explicit_dir ? 0 : books::k_default_cache_min_bytes;
    }
  }
  return options;
}

int register_busy_timeout_ms() {
  // For tests and impatient scripts: how long to wait for a busy register.
  if (const char* env = std::getenv("HONORAR_BUSY_TIMEOUT_MS"); env && *env) {
    char* end = nullptr;
    const long value = std::strtol(env, &end, 10);
    if (*end == '\0' && value >= 0 && value <= 3'600'000) return static_cast<int>(value);
  }
  return invoicing::k_default_busy_timeout_ms;
}

std::optional<std::string> smtp_password() {
  const std::string_view v = setting("HONORAR_SMTP_PASSWORD");
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

std::vector<std::string> delivery_command_environment() {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e)
    if (!std::string_view(*e).starts_with("HONORAR_SMTP_PASSWORD=")) out.emplace_back(*e);
  return out;
}

} // namespace cli
