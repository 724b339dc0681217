// honorar init [DIR] | opret: a new books directory to fill in, never overwriting anything.
#include "context.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"
#include "init_templates.hpp"

#include "util/file.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace cli {
namespace {

namespace fs = std::filesystem;

// Creates `path` with `content`; never replaces an existing file (O_EXCL).
void create_file(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    throw diag::Error(diag::ErrorKind::cant_write,
                      fmt::format(fmt::runtime(_("cannot create '{}': {}")), path.string(), std::strerror(errno)));
  if (const int err = util::write_all(fd, content)) {
    ::close(fd);
    throw diag::Error(diag::ErrorKind::cant_write,
                      fmt::format(fmt::runtime(_("cannot write '{}': {}")), path.string(), std::strerror(err)));
  }
  if (::close(fd) != 0)
    throw diag::Error(diag::ErrorKind::cant_write,
                      fmt::format(fmt::runtime(_("cannot write '{}': {}")), path.string(), std::strerror(errno)));
}

int run_init(const std::string& dir_option, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  const fs::path dir = dir_option.empty() ? ctx.books_dir() : fs::path(dir_option);
  const calendar::Date today = ctx.today();
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status))
      throw diag::Error(diag::ErrorKind::cant_write,
                        fmt::format(fmt::runtime(_("'{}' exists and is not a directory; nothing was created")),
                                    dir.string()));
    if (!fs::is_empty(dir, ec) || ec)
      throw diag::Error(diag::ErrorKind::cant_write,
                        fmt::format(fmt::runtime(_("'{}' is not empty; init never overwrites anything, so nothing "
                                                   "was created (give a new or empty directory)")),
                                    dir.string()));
  }

  // The example's time log is named after the month it logs, the first to invoice.
  const calendar::Month logged = init_templates::first_month(today);
  const std::string year = std::to_string(logged.year());
  const std::string month = fmt::format("{:02}", logged.month());
  const std::vector<std::pair<std::string, std::string>> files{
      {"honorar.toml", init_templates::settings_toml(today)},
      {"contracts/eksempel.toml", init_templates::contract_toml(today)},
      {"timelog/" + year + "/" + month + ".toml", init_templates::timelog_toml(today)},
  };
  // What this run made, to remove again if a later step fails: a half-made books is worse than none.
  std::vector<fs::path> made;
  try {
    // DIR and any missing parents (as mkdir -p), then the folders inside it.
    std::vector<fs::path> dirs;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      dirs.insert(dirs.begin(), p);
      if (p == p.parent_path()) break;
    }
    if (dirs.empty() || dirs.back() != dir) dirs.push_back(dir);
    for (const fs::path& d : {dir / "contracts", dir / "timelog", dir / "timelog" / year}) dirs.push_back(d);
    for (const fs::path& d : dirs) {
      if (fs::create_directory(d, ec)) made.push_back(d);
      else if (ec)
        throw diag::Error(diag::ErrorKind::cant_write,
                          fmt::format(fmt::runtime(_("cannot create '{}': {}")), d.string(), ec.message()));
    }
    for (const auto& [name, content] : files) {
      create_file(dir / name, content);
      made.push_back(dir / name);
    }
  } catch (...) {
    for (auto it = made.rbegin(); it != made.rend(); ++it) fs::remove(*it, ec);
    throw;
  }

  if (ctx.format == "json") {
    render::Json j;
    j["books"] = dir.string();
    j["created"] = render::Json::array();
    for (const auto& f : files) j["created"].push_back(f.first);
    print_out(render::dump(j));
  } else {
    for (const auto& f : files) print_out(f.first + "\n");
    if (!ctx.quiet)
      print_err(fmt::format(fmt::runtime(_("honorar: new books in '{}': fill in honorar.toml and the example "
                                           "contract, then run 'honorar check'\n")),
                            dir.string()));
  }
  return ExitCode::ok;
}

} // namespace

void add_init(CLI::App& app, Context& ctx) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("init", N_("create a new books directory DIR to fill in (never overwrites)"));
  cmd->alias("opret");
  cmd->add_option("DIR", *dir, N_("the new directory (default: --books, $HONORAR_BOOKS, else .); new or empty"));
  cmd->callback([&ctx, dir] { ctx.run = [&ctx, dir] { return run_init(*dir, ctx); }; });
}

} // namespace cli
