#include "util/file.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path temp_file(const char* name) {
  return fs::temp_directory_path() / (std::string(name) + "." + std::to_string(::getpid()));
}

} // namespace

TEST_CASE("util::write_all and util::read_file") {
  const fs::path path = temp_file("honorar-test-util-file");
  std::string content(200'000, 'x'); // more than one read chunk
  content += "æøå\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  CHECK(util::write_all(fd, content) == 0);
  CHECK(util::write_all(fd, "") == 0);
  ::close(fd);

  SUBCASE("the whole file") {
    const util::FileContent read = util::read_file(path);
    CHECK(read.status == util::FileContent::Status::ok);
    CHECK(read.size == content.size());
    CHECK(read.text == content);
  }
  SUBCASE("larger than allowed: refused unread, with its size") {
    const util::FileContent read = util::read_file(path, 1000);
    CHECK(read.status == util::FileContent::Status::too_large);
    CHECK(read.size == content.size());
    CHECK(read.text.empty());
  }
  SUBCASE("exactly as large as allowed") {
    CHECK(util::read_file(path, content.size()).status == util::FileContent::Status::ok);
  }
  fs::remove(path);

  SUBCASE("a file that is not there") { CHECK(util::read_file(path).status == util::FileContent::Status::cannot_open); }
}

TEST_CASE("util::write_all reports the error") { CHECK(util::write_all(-1, "x") == EBADF); }
