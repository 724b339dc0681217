#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace util {

int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : ENOSPC;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int write_file_atomically(const std::filesystem::path& path, std::string_view bytes, unsigned mode) {
  const std::string tmp = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode));
  if (fd < 0) return errno;
  int error = write_all(fd, bytes);
  if (!error && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  if (!error && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
  if (error) {
    ::unlink(tmp.c_str());
    return error;
  }
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    (void)::fsync(dfd); // the name made durable; the file itself already is
    ::close(dfd);
  }
  return 0;
}

FileContent read_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  FileContent out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.status = FileContent::Status::cannot_open;
    return out;
  }
  std::string& text = out.text;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    out.status = FileContent::Status::too_large;
    out.size = static_cast<std::uint64_t>(st.st_size);
    return out;
  }
  if (st.st_size > 0) text.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  std::size_t done = 0;
  while (true) {
    if (text.capacity() > done) { // read straight into the buffer
      text.resize(text.capacity());
      const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
      continue;
    }
    const ssize_t n = ::read(fd, chunk, sizeof chunk); // the file grew, or its size was unknown
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.resize(done);
    text.append(chunk, static_cast<std::size_t>(n));
    done += static_cast<std::size_t>(n);
    if (done > max_bytes) {
      ::close(fd);
      out.status = FileContent::Status::grew_too_large;
      out.text.clear();
      return out;
    }
  }
  text.resize(done);
  ::close(fd);
  out.size = done;
  return out;
}

} // namespace util
