#include "color.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace cli {

bool use_color(std::FILE* stream) {
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  if (const char* term = std::getenv("TERM"); term && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(stream)) == 1;
}

std::string paint(std::string_view text, std::string_view sgr, bool on) {
  if (!on) return std::string(text);
  std::string out;
  out.reserve(text.size() + sgr.size() + k_reset.size());
  out.append(sgr).append(text).append(k_reset);
  return out;
}

} // namespace cli
