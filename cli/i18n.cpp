// gettext for the CLI, set up on first use (see i18n.hpp).
#include "i18n.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

#ifndef HONORAR_LOCALEDIR
#define HONORAR_LOCALEDIR "/usr/share/locale"
#endif

namespace cli {
namespace {

constexpr const char* k_domain = "honorar";

// The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty, as POSIX reads them.
std::string wanted_locale() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return {};
}

std::string locale_dir() {
  if (const char* env = std::getenv("HONORAR_LOCALEDIR"); env && *env) return env;
  // Relocatable: <prefix>/bin/honorar finds <prefix>/share/locale, also in a tree unpacked with
  // dpkg -x; the build tree puts the catalogue at <build>/share/locale beside <build>/cli/.
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    std::error_code ec;
    const std::filesystem::path dir =
        std::filesystem::path(std::string(buf, static_cast<std::size_t>(n))).parent_path().parent_path() / "share" / "locale";
    if (std::filesystem::is_directory(dir, ec)) return dir.string();
  }
  return HONORAR_LOCALEDIR;
}

void set_up() {
  static bool done = false;
  if (done) return;
  done = true;
  // Only LC_MESSAGES: numbers, dates and character classes stay those of the C locale.
  if (!std::setlocale(LC_MESSAGES, "")) {
    // The environment names a locale that is not installed (da_DK.UTF-8 not generated): gettext
    // then works in C.UTF-8 with the language taken from that name, as LANGUAGE would give it.
    std::string lang = wanted_locale();
    lang = lang.substr(0, lang.find_first_of(".@"));
    if (std::setlocale(LC_MESSAGES, "C.UTF-8") && !lang.empty() && lang != "C" && lang != "POSIX") {
      const char* language = std::getenv("LANGUAGE");
      if (!language || !*language) setenv("LANGUAGE", lang.c_str(), 1);
    }
  }
  bindtextdomain(k_domain, locale_dir().c_str());
  bind_textdomain_codeset(k_domain, "UTF-8");
}

} // namespace

const char* _(const char* msgid) {
  set_up();
  return dgettext(k_domain, msgid);
}

const char* P_(const char* singular, const char* plural, unsigned long n) {
  set_up();
  return dngettext(k_domain, singular, plural, n);
}

} // namespace cli
