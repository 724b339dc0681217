#pragma once
// Plumbing for whole files: writing all of a buffer to a descriptor, reading all of a file.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

namespace util {

// Writes all of `bytes` to `fd`, retrying short writes and EINTR. Returns 0, or the errno of
// the failure (ENOSPC when the system wrote nothing and said no more).
int write_all(int fd, std::string_view bytes);

// Writes `bytes` to `path` whole or not at all: to a temporary name beside it (PATH.tmp.PID,
// created with `mode` less the umask), fsynced, renamed into place, the folder fsynced. Returns 0,
// or the errno of the failure (the temporary file is removed).
int write_file_atomically(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0644);

// The whole content of a file, read into a buffer of its size (no stream copies: time logs can
// be large). A read error ends the content where it happened.
struct FileContent {
  enum class Status {
    ok,
    cannot_open,
    too_large,     // refused unread: `size` is its size
    grew_too_large // it grew past the limit while being read (or is no plain file)
  };
  Status status = Status::ok;
  std::string text;
  std::uint64_t size = 0;
};
FileContent read_file(const std::filesystem::path& path,
                      std::uint64_t max_bytes = std::numeric_limits<std::uint64_t>::max());

} // namespace util
