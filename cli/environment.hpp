#pragma once
// What the environment says about loading the books and waiting for the register
// (man/honorar.1, ENVIRONMENT). The library
// reads no environment variable; the CLI reads them here and passes them in.

#include "books/load.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// The time-log cache at its place: $HONORAR_CACHE if it names a directory (then written for time
// logs of any size), HONORAR_CACHE=off (or 0, no, false): none; else $XDG_CACHE_HOME/honorar,
// else ~/.cache/honorar (written for time logs of 1 MiB or more). For measurements:
// HONORAR_FAST_PATH=off, HONORAR_THREADS=N (1 to 8).
books::LoadOptions load_options_from_environment(const std::filesystem::path& books_dir);

// How long to wait for a register another run holds: $HONORAR_BUSY_TIMEOUT_MS (milliseconds,
// 0 to 3600000), else invoicing::k_default_busy_timeout_ms.
int register_busy_timeout_ms();

// The SMTP password for [mail] user: $HONORAR_SMTP_PASSWORD, nullopt when unset or empty.
std::optional<std::string> smtp_password();
// The environment a [delivery] command runs with: honorar's own, less HONORAR_SMTP_PASSWORD
// (the command has no business with it).
std::vector<std::string> delivery_command_environment();

} // namespace cli
