#include "delivery/command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace delivery {
namespace {

constexpr std::size_t k_output_kept = 8192;

// Reads the child's output to its end, keeping the first k_output_kept bytes.
std::string drain(int fd) {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const auto got = static_cast<std::size_t>(n);
    if (out.size() < k_output_kept) out.append(buffer, std::min(got, k_output_kept - out.size()));
  }
  return out;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

} // namespace

Outcome run_delivery_command(const std::vector<std::string>& command, const std::filesystem::path& xml,
                             const std::filesystem::path& books_dir, const std::vector<std::string>& environment) {
  std::vector<std::string> words = command;
  words.push_back(xml.string());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_copy = environment;
  std::vector<char*> envp;
  for (std::string& e : env_copy) envp.push_back(e.data());
  envp.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return {Failure::temporary, fmt::format("cannot run {}: {}", command.front(), std::strerror(errno))};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addchdir_np(&actions, books_dir.c_str());
  pid_t pid = 0;
  const int spawn_error = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    return {Failure::unavailable, fmt::format("cannot run {}: {}", command.front(), std::strerror(spawn_error))};
  }
  const std::string output = trimmed(drain(pipe_fds[0]));
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Outcome out;
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    // posix_spawnp reports a program it cannot execute as exit 127 from the child.
    out.failure = code == 0 ? Failure::none : code == 75 ? Failure::temporary : code == 127 ? Failure::unavailable
                                                                                           : Failure::refused;
    out.answer = fmt::format("exit {}", code);
  } else {
    out.failure = Failure::temporary;
    out.answer = fmt::format("killed by signal {}", WTERMSIG(status));
  }
  if (!output.empty()) out.answer += "\n" + output;
  return out;
}

} // namespace delivery
