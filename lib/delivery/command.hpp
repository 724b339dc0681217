#pragma once
// Handing an e-invoice to [delivery] command (SPEC 10.2): the program runs once per document with
// the XML's path as its last argument, in the books directory, without a shell; exit 0 means
// delivered.

#include "delivery/outcome.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace delivery {

// Runs `command` (program and arguments; the program looked up in PATH unless it holds a '/')
// with `xml` appended, in `books_dir`, stdin from /dev/null, with the environment `environment`
// (NAME=value strings; the CLI leaves out HONORAR_SMTP_PASSWORD). Its stdout and stderr are
// captured together (at most 8 KiB kept). Outcome: exit 0 -> delivered; exit 75 or a signal ->
// temporary; the program cannot be started -> unavailable; any other exit status -> refused.
// The answer is "exit N" (or "killed by signal N", "cannot run PROGRAM: why") and the output.
// A command (with everything it started: its process group) still running after `timeout` is
// killed: temporary, "stopped after N s".
Outcome run_delivery_command(const std::vector<std::string>& command, const std::filesystem::path& xml,
                             const std::filesystem::path& books_dir, const std::vector<std::string>& environment,
                             std::chrono::seconds timeout);

} // namespace delivery
