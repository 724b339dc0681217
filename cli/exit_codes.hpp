#pragma once
// honorar's exit codes (SPEC §6, honorar(1) "EXIT STATUS"), named after sysexits.h, and the one
// mapping of a diag::Error's kind to its code.

#include "diag/diagnostic.hpp"

namespace cli {

// Unscoped so that a command returns ExitCode::usage as its int; always spelt qualified.
enum ExitCode : int {
  ok = 0,
  internal = 1,     // a bug in honorar, or out of memory
  usage = 64,       // EX_USAGE: the command line is wrong
  data = 65,        // EX_DATAERR: the books (or the register) are invalid; nothing was written
  no_input = 66,    // EX_NOINPUT: the books or a named file do not exist
  unavailable = 69, // EX_UNAVAILABLE: pango/cairo, needed for PDF documents, cannot be loaded
  cant_create = 73, // EX_CANTCREAT: an output cannot be written
  temp_fail = 75,   // EX_TEMPFAIL: the register is busy; try again
};

constexpr ExitCode exit_code(diag::ErrorKind kind) {
  switch (kind) {
  case diag::ErrorKind::usage: return ExitCode::usage;
  case diag::ErrorKind::data: return ExitCode::data;
  case diag::ErrorKind::missing: return ExitCode::no_input;
  case diag::ErrorKind::unavailable: return ExitCode::unavailable;
  case diag::ErrorKind::cant_write: return ExitCode::cant_create;
  case diag::ErrorKind::busy: return ExitCode::temp_fail;
  case diag::ErrorKind::internal: return ExitCode::internal;
  }
  return ExitCode::internal;
}

} // namespace cli
