#include "context.hpp"

#include <csignal>

int main(int argc, char** argv) {
  // Past the file-size limit (ulimit -f), a write fails with EFBIG instead of killing the process:
  // honorar then reports that it cannot write (exit 73) with the register unchanged.
  std::signal(SIGXFSZ, SIG_IGN);
  return cli::run_main(argc, argv);
}
