#pragma once
// Colour in text output: only on a terminal, never with NO_COLOR set (https://no-color.org/),
// nor with TERM=dumb. Decided per stream: stdout for data, stderr for diagnostics.

#include <cstdio>
#include <string>
#include <string_view>

namespace cli {

// True when text written to `stream` (stdout or stderr) may carry ANSI colour escapes.
bool use_color(std::FILE* stream);

// SGR sequences; `paint` wraps text in one and the reset when `on`.
inline constexpr std::string_view k_bold_red = "\x1b[1;31m";
inline constexpr std::string_view k_yellow = "\x1b[33m";
inline constexpr std::string_view k_reset = "\x1b[0m";
std::string paint(std::string_view text, std::string_view sgr, bool on);

} // namespace cli
