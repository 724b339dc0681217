#include "util/file.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iterator>
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

TEST_CASE("util::write_file_atomically") {
  const fs::path dir = temp_file("honorar-test-atomic");
  fs::create_directories(dir);
  SUBCASE("a new file, then replaced whole; no temporary file left") {
    CHECK(util::write_file_atomically(dir / "a.pdf", "first", 0640) == 0);
    CHECK(util::read_file(dir / "a.pdf").text == "first");
    CHECK((fs::status(dir / "a.pdf").permissions() & fs::perms::others_all) == fs::perms::none);
    CHECK(util::write_file_atomically(dir / "a.pdf", "second") == 0);
    CHECK(util::read_file(dir / "a.pdf").text == "second");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  }
  SUBCASE("a folder that does not exist: its errno, nothing written") {
    CHECK(util::write_file_atomically(dir / "missing" / "a.pdf", "x") == ENOENT);
    CHECK_FALSE(fs::exists(dir / "missing"));
  }
  SUBCASE("the name is a folder: the rename fails, the temporary file is removed") {
    fs::create_directories(dir / "b.pdf");
    CHECK(util::write_file_atomically(dir / "b.pdf", "x") == EISDIR);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  }
  fs::remove_all(dir);
}
