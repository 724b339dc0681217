// Document files: invoices/YYYY/NUMBER.{json,txt}, written whole or not at all.
#include "invoicing/monthly_run.hpp"

#include "render/format.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace invoicing {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& path, int error) {
  throw diag::Error(diag::ErrorKind::cant_write, fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
}

// Write to a temporary name in the same directory, fsync, then rename over the final name.
void write_atomically(const fs::path& path, std::string_view content) {
  const fs::path tmp = path.string() + fmt::format(".tmp.{}", ::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) cannot_write(path, errno);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      ::close(fd);
      ::unlink(tmp.c_str());
      cannot_write(path, error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, error);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, error);
  }
}

} // namespace

std::vector<fs::path> write_missing_files(const fs::path& books_dir, const std::vector<render::Json>& documents,
                                         const books::DocumentSettings& settings) {
  std::vector<fs::path> written;
  for (const render::Json& doc : documents) {
    const std::string issue = doc["issue_date"].get<std::string>();
    const fs::path dir = books_dir / "invoices" / issue.substr(0, 4);
    const std::string number = std::to_string(doc["number"].get<long long>());
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) cannot_write(dir, ec.value());
    for (const render::DocumentFormat* format : render::formats_for(doc, settings)) {
      const fs::path path = dir / (number + "." + std::string(format->extension()));
      if (fs::exists(path, ec)) continue;
      write_atomically(path, format->render(doc));
      written.push_back(path);
    }
  }
  return written;
}

} // namespace invoicing
