#include "delivery/command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace delivery {
namespace {

constexpr std::size_t k_output_kept = 8192;

// Reads the child's output to its end (every process holding the pipe has closed it), keeping
// the first k_output_kept bytes. False when `deadline` passed first.
bool drain(int fd, std::chrono::steady_clock::time_point deadline, std::string& out) {
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 60'000)));
    if (ready < 0 && errno != EINTR) return true;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    const auto got = static_cast<std::size_t>(n);
    if (out.size() < k_output_kept) out.append(buffer, std::min(got, k_output_kept - out.size()));
  }
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

} // namespace

Outcome run_delivery_command(const std::vector<std::string>& command, const std::filesystem::path& xml,
                             const std::filesystem::path& books_dir, const std::vector<std::string>& environment,
                             std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
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
  // A process group of its own, so that a command past its time goes with all it started.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawn_error = ::posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    return {Failure::unavailable, fmt::format("cannot run {}: {}", command.front(), std::strerror(spawn_error))};
  }
  std::string captured;
  bool in_time = drain(pipe_fds[0], deadline, captured);
  ::close(pipe_fds[0]);
  const std::string output = trimmed(std::move(captured));
  // Its output has ended; the command may still run (having closed it): wait until the deadline.
  int status = 0;
  for (;;) {
    if (!in_time) ::kill(-pid, SIGKILL);
    const pid_t done = ::waitpid(pid, &status, in_time ? WNOHANG : 0);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (done == 0) {
      if (std::chrono::steady_clock::now() >= deadline) in_time = false;
      else std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  Outcome out;
  if (!in_time) {
    out.failure = Failure::temporary;
    out.answer = fmt::format("stopped after {} s (the [delivery] timeout)", timeout.count());
  } else if (WIFEXITED(status)) {
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
