// Document files: invoices/YYYY/NUMBER.{json,txt,...}, written whole or not at all: staged to
// temporary names before the register commits, renamed into place after (ARCHITECTURE.md).
#include "invoicing/monthly_run.hpp"

#include "render/format.hpp"
#include "render/reminder.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>

namespace invoicing {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& path, int error) {
  throw diag::Error(diag::ErrorKind::cant_write, fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
}

// A document file's temporary name: next to it, with this process's id.
fs::path temporary_name(const fs::path& path) { return path.string() + fmt::format(".tmp.{}", ::getpid()); }

// Writes `content` to `tmp` (created 0640, umask applied); removes it on failure. Not synced
// here: stage_missing_files makes all of a run's files durable at once (sync_staged).
void write_temporary(const fs::path& tmp, const fs::path& path, std::string_view content) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
  if (fd < 0) cannot_write(path, errno);
  if (const int error = util::write_all(fd, content)) {
    ::close(fd);
    ::unlink(tmp.c_str());
    cannot_write(path, error);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, error);
  }
}

// Removes temporary files (NAME.tmp.PID) that a killed run left in `dir`: those whose process is
// gone. A live one belongs to a run that committed and is renaming its files right now.
void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(".tmp.");
    if (at == std::string::npos || at + 5 == name.size()) continue;
    const std::string pid_text = name.substr(at + 5);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) ::unlink(it->path().c_str());
  }
}

// Makes the staged files durable before the register commits: one syncfs() of the books'
// file system instead of an fsync() per file. A monthly run writes ~2000 files (json, txt, xml,
// pdf for 500 contracts); an fsync each cost ~3.5 ms of waiting for the disk's cache flush,
// 6.7 s of the run (bench/README.md). syncfs returns a write-back error of any of them.
void sync_staged(const fs::path& books_dir, const std::vector<fs::path>& tmps) {
  if (tmps.empty()) return;
  const int fd = ::open(books_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    for (const fs::path& tmp : tmps) ::unlink(tmp.c_str());
    cannot_write(books_dir / "invoices", error);
  }
  ::close(fd);
}

// Makes the changes of a directory (new names) durable; failures are ignored (the files are).
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

} // namespace

StagedFiles::StagedFiles(StagedFiles&& other) noexcept : m_files(std::move(other.m_files)) { other.m_files.clear(); }

StagedFiles::~StagedFiles() {
  for (const File& f : m_files) ::unlink(f.tmp.c_str());
}

std::vector<fs::path> StagedFiles::publish() {
  std::vector<fs::path> written;
  std::vector<fs::path> dirs;
  std::vector<File> files = std::move(m_files);
  m_files.clear();
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (::rename(files[i].tmp.c_str(), files[i].path.c_str()) != 0) {
      const int error = errno;
      for (std::size_t j = i; j < files.size(); ++j) ::unlink(files[j].tmp.c_str());
      cannot_write(files[i].path, error);
    }
    written.push_back(files[i].path);
    if (std::find(dirs.begin(), dirs.end(), files[i].path.parent_path()) == dirs.end())
      dirs.push_back(files[i].path.parent_path());
  }
  for (const fs::path& dir : dirs) sync_directory(dir);
  return written;
}

bool StagedFiles::prepare(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) return false;
  const fs::path dir = path.parent_path();
  if (std::find(m_dirs.begin(), m_dirs.end(), dir) == m_dirs.end()) {
    fs::create_directories(dir, ec);
    if (ec) cannot_write(dir, ec.value());
    remove_stale_temporaries(dir);
    m_dirs.push_back(dir);
  }
  return true;
}

void StagedFiles::stage(const fs::path& path, std::string_view content) {
  const fs::path tmp = temporary_name(path);
  write_temporary(tmp, path, content);
  m_files.push_back({tmp, path});
}

template <class Content>
void StagedFiles::stage_if_missing(const fs::path& path, Content content) {
  if (prepare(path)) stage(path, content());
}

void StagedFiles::sync(const fs::path& books_dir) {
  std::vector<fs::path> tmps;
  for (const auto& f : m_files) tmps.push_back(f.tmp);
  sync_staged(books_dir, tmps);
}

fs::path document_file(const fs::path& books_dir, const render::IssuedDocument& doc, std::string_view extension) {
  return books_dir / "invoices" / std::to_string(doc.issue_date.year()) /
         (std::to_string(doc.number.value()) + "." + std::string(extension));
}

StagedFiles stage_missing_files(const fs::path& books_dir, const std::vector<render::IssuedDocument>& documents,
                                const books::DocumentSettings& settings, unsigned threads) {
  StagedFiles staged;
  // The files to write, in order; then rendered on a few threads (a PDF takes milliseconds, and a
  // monthly run renders hundreds) and written here in that order, a bounded number waiting.
  struct Wanted {
    const render::IssuedDocument* doc;
    const render::DocumentFormat* format;
    fs::path path;
  };
  std::vector<Wanted> wanted;
  for (const render::IssuedDocument& doc : documents)
    for (const render::DocumentFormat* format : render::formats_for(doc, settings))
      if (fs::path path = document_file(books_dir, doc, format->extension()); staged.prepare(path))
        wanted.push_back({&doc, format, std::move(path)});
  util::for_each_ordered(
      wanted.size(), threads ? threads : util::worker_threads(), 8,
      [&wanted](std::size_t i) { return wanted[i].format->render(*wanted[i].doc); },
      [&](std::size_t i, std::string content) { staged.stage(wanted[i].path, content); });
  staged.sync(books_dir);
  return staged;
}

StagedFiles stage_missing_reminder_files(const fs::path& books_dir, const std::vector<render::ReminderDocument>& reminders) {
  StagedFiles staged;
  for (const render::ReminderDocument& r : reminders) {
    const fs::path dir = books_dir / "invoices" / std::to_string(r.date.year());
    const std::string name = render::reminder_name(r); // "R3": only registered reminders have files
    for (const std::string_view format : render::k_reminder_formats)
      staged.stage_if_missing(dir / (name + "." + std::string(format == "text" ? "txt" : format)),
                              [&] { return *render::render_reminder(r, format); });
  }
  staged.sync(books_dir);
  return staged;
}

std::vector<fs::path> write_missing_files(const fs::path& books_dir, const std::vector<render::IssuedDocument>& documents,
                                         const books::DocumentSettings& settings) {
  return stage_missing_files(books_dir, documents, settings).publish();
}

} // namespace invoicing
