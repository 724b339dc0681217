// delivery::run_delivery_command: a real program, run as [delivery] command runs it (SPEC 10.2).
#include "delivery/command.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <fstream>

namespace {

// A shell command as the delivery command: `sh -c SCRIPT upload` gets the XML's path as $1.
delivery::Outcome run_script(const std::string& script, const std::filesystem::path& dir) {
  return delivery::run_delivery_command({"/bin/sh", "-c", script, "upload"}, dir / "1004.xml", dir,
                                        {"PATH=/usr/bin:/bin", "GREETING=hej"}, std::chrono::seconds(10));
}

} // namespace

TEST_CASE("delivery::run_delivery_command") {
  testutil::TempDir dir;
  std::ofstream(dir.path() / "1004.xml") << "<Invoice/>";

  SUBCASE("exit 0 is delivered; the XML's path is the last argument; it runs in the books") {
    const delivery::Outcome o = run_script("test -f ./1004.xml && echo \"sent $(basename \"$1\") $GREETING\"", dir.path());
    CHECK(o.ok());
    CHECK(o.answer == "exit 0\nsent 1004.xml hej");
  }
  SUBCASE("its stderr is kept with the exit status") {
    const delivery::Outcome o = run_script("echo 'EAN unknown' >&2; exit 3", dir.path());
    CHECK(o.failure == delivery::Failure::refused);
    CHECK(o.answer == "exit 3\nEAN unknown");
  }
  SUBCASE("exit 75 is temporary") {
    CHECK(run_script("exit 75", dir.path()).failure == delivery::Failure::temporary);
  }
  SUBCASE("killed by a signal is temporary") {
    const delivery::Outcome o = run_script("kill -TERM $$", dir.path());
    CHECK(o.failure == delivery::Failure::temporary);
    CHECK(o.answer == "killed by signal 15");
  }
  SUBCASE("a program that does not exist is unavailable") {
    const delivery::Outcome o =
        delivery::run_delivery_command({"./no-such-upload-tool"}, dir.path() / "1004.xml", dir.path(), {},
                                       std::chrono::seconds(10));
    CHECK(o.failure == delivery::Failure::unavailable);
    CHECK(o.answer == "cannot run ./no-such-upload-tool: No such file or directory");
  }
  SUBCASE("a command past its timeout is stopped, with what it started: temporary") {
    const auto start = std::chrono::steady_clock::now();
    const delivery::Outcome o = delivery::run_delivery_command(
        {"/bin/sh", "-c", "echo started; sleep 30 & sleep 30", "upload"}, dir.path() / "1004.xml", dir.path(),
        {"PATH=/usr/bin:/bin"}, std::chrono::seconds(1));
    CHECK(o.failure == delivery::Failure::temporary);
    CHECK(o.answer == "stopped after 1 s (the [delivery] timeout)\nstarted");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }
  SUBCASE("a long output is cut at 8 KiB") {
    const delivery::Outcome o = run_script("head -c 100000 /dev/zero | tr '\\\\0' x", dir.path());
    CHECK(o.ok());
    CHECK(o.answer.size() == std::string("exit 0\n").size() + 8192);
  }
}
