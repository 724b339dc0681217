#pragma once
// What became of one attempt to deliver a document, and what that means for the run's exit code.

#include <string>

namespace delivery {

// Why an attempt failed (SPEC 10.2, ARCHITECTURE.md "Sending"):
//   temporary   - try again later: an SMTP 4xx reply, a connection lost or timed out after it was
//                 made, the delivery command exiting 75 (EX_TEMPFAIL), killed by a signal or
//                 stopped after [delivery] timeout;
//   unavailable - the server cannot be reached or refuses the login or TLS, or the command cannot
//                 be run: no later attempt of this run through that channel can succeed;
//   refused     - the server refused this mail for good (an SMTP 5xx reply, e.g. 550 to the
//                 recipient), or the command exited with another non-zero status.
enum class Failure { none, temporary, unavailable, refused };

struct Outcome {
  Failure failure = Failure::none;
  std::string answer; // the server's last reply, or "exit N" and the command's output
  bool ok() const { return failure == Failure::none; }
};

// "", "temporary", "unavailable", "refused": as the register stores it.
std::string failure_name(Failure f);

} // namespace delivery
