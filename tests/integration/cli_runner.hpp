// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Running the losant-experience-users tool as a child process from a test: its path, a clean
// environment, stdin/stdout/stderr over pipes (or stderr on a pseudo-terminal, for what the
// tool draws only for a person), and a fixture pointing it at a fresh emulator.
//
// The tool's path comes from the LOSANT_EU_CLI_PATH compile definition (set by
// tests/CMakeLists.txt when the tool is built), else from the environment variable of the same
// name; without either the tests are skipped.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "emulator_fixture.hpp"

namespace losant::experience_users::testing {

using Environment = std::map<std::string, std::string>;

inline std::string cli_path() {
#ifdef LOSANT_EU_CLI_PATH
  return LOSANT_EU_CLI_PATH;
#else
  const char* path = std::getenv("LOSANT_EU_CLI_PATH");
  return path != nullptr ? path : "";
#endif
}

// What a finished child process left behind.
struct Outcome {
  int exit_code = -1;  // the exit status, or -SIGNAL if a signal ended it
  std::string out;
  std::string err;
};

inline std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  return os << "exit " << o.exit_code << "\n--- stdout:\n" << o.out << "--- stderr:\n" << o.err;
}

// How to run the tool besides its arguments and environment.
struct RunOptions {
  std::string input;             // written to its stdin, which is then closed
  bool stderr_terminal = false;  // stderr on a pseudo-terminal instead of a pipe
  bool stdout_terminal = false;  // stdout on a pseudo-terminal (its "\r\n" read back as "\n")
  unsigned short terminal_columns = 80;  // the width of stdout's terminal
};

namespace detail {

inline void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// A channel to the child: the child's end, dup2'ed onto one of its standard streams, and ours.
// A pipe, or a pseudo-terminal (ours is the master).
class Channel {
 public:
  // For the child's stdin when @p to_child, else for one of its outputs.
  static Channel pipe(bool to_child) {
    Channel c;
    std::array<int, 2> fds{-1, -1};
    if (pipe2(fds.data(), O_CLOEXEC) != 0) return c;
    c.child_ = to_child ? fds[0] : fds[1];
    c.ours_ = to_child ? fds[1] : fds[0];
    return c;
  }
  static Channel terminal(unsigned short columns = 80) {
    Channel c;
    c.ours_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (c.ours_ < 0 || grantpt(c.ours_) != 0 || unlockpt(c.ours_) != 0) return c;
    winsize size{};
    size.ws_row = 24;
    size.ws_col = columns;
    ioctl(c.ours_, TIOCSWINSZ, &size);
    const char* name = ptsname(c.ours_);
    if (name != nullptr) c.child_ = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    return c;
  }
  Channel() = default;
  Channel(Channel&& other) noexcept
      : child_(std::exchange(other.child_, -1)), ours_(std::exchange(other.ours_, -1)) {}
  Channel& operator=(Channel&&) = delete;
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;
  ~Channel() {
    close_fd(child_);
    close_fd(ours_);
  }
  bool ok() const { return child_ >= 0 && ours_ >= 0; }
  int child() const { return child_; }
  int ours() const { return ours_; }
  void close_child() { close_fd(child_); }
  void close_ours() { close_fd(ours_); }

 private:
  int child_ = -1;
  int ours_ = -1;
};

inline std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The child's environment: @p env, plus the sanitizer settings the test runs under (so a
// sanitizer build of the tool halts the same way). Nothing else is inherited, so a developer's
// LOSANT_* variables or proxy settings cannot leak in.
inline std::vector<std::string> child_environment(const Environment& env) {
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && env.count(name) == 0) out.push_back(std::string(name) + "=" + value);
  }
  return out;
}

}  // namespace detail

// Runs the tool with @p args and child_environment(@p env), writes the input to its stdin, and
// collects stdout, stderr and the exit status. A child still running after 60 s is killed and
// the test fails. (On a terminal, the line discipline turns each "\n" of stderr into "\r\n".)
inline Outcome run_tool(const std::vector<std::string>& args, const Environment& env,
                        const RunOptions& options) {
  Outcome outcome;
  detail::Channel in = detail::Channel::pipe(/*to_child=*/true);
  detail::Channel out = options.stdout_terminal
                            ? detail::Channel::terminal(options.terminal_columns)
                            : detail::Channel::pipe(/*to_child=*/false);
  detail::Channel err = options.stderr_terminal ? detail::Channel::terminal()
                                                : detail::Channel::pipe(/*to_child=*/false);
  if (!in.ok() || !out.ok() || !err.ok()) {
    ADD_FAILURE() << "could not make the child's channels: errno " << errno;
    return outcome;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.child(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.child(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.child(), STDERR_FILENO);

  std::vector<std::string> argv_strings{cli_path()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = detail::child_environment(env);
  std::vector<char*> argv = detail::c_strings(argv_strings);
  std::vector<char*> envp = detail::c_strings(env_strings);

  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "posix_spawn " << argv[0] << " failed: " << spawned;
    return outcome;
  }
  in.close_child();
  out.close_child();
  err.close_child();  // so that reading the terminal's master ends (EIO) when the child exits
  fcntl(in.ours(), F_SETFL, O_NONBLOCK);
  const std::string& input = options.input;
  if (input.empty()) in.close_ours();

  std::size_t written = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (out.ours() >= 0 || err.ours() >= 0) {
    std::vector<pollfd> fds;
    if (in.ours() >= 0) fds.push_back({in.ours(), POLLOUT, 0});
    if (out.ours() >= 0) fds.push_back({out.ours(), POLLIN, 0});
    if (err.ours() >= 0) fds.push_back({err.ours(), POLLIN, 0});
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || poll(fds.data(), fds.size(), static_cast<int>(left.count())) == 0) {
      kill(pid, SIGKILL);
      ADD_FAILURE() << "the tool did not finish within 60 s";
      break;
    }
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in.ours()) {
        const ssize_t n = write(p.fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) in.close_ours();  // EPIPE: the tool did not read
        continue;
      }
      std::array<char, 4096> buffer{};
      const ssize_t n = read(p.fd, buffer.data(), buffer.size());
      if (n > 0) {
        (p.fd == out.ours() ? outcome.out : outcome.err)
            .append(buffer.data(), static_cast<std::size_t>(n));
      } else {
        (p.fd == out.ours() ? out : err).close_ours();  // end of file, or EIO from a terminal
      }
    }
  }
  if (options.stdout_terminal) {
    std::string plain;
    for (std::size_t i = 0; i < outcome.out.size(); ++i) {
      if (outcome.out[i] == '\r' && i + 1 < outcome.out.size() && outcome.out[i + 1] == '\n') {
        continue;
      }
      plain += outcome.out[i];
    }
    outcome.out = std::move(plain);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return outcome;
}

inline Outcome run_tool(const std::vector<std::string>& args, const Environment& env,
                        const std::string& input = "") {
  RunOptions options;
  options.input = input;
  return run_tool(args, env, options);
}

// The records of a CSV text: an RFC 4180 reader written for the tests, independent of the
// tool's (libcsv). A last record without its line end counts.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// The whole content of @p path (empty if it cannot be read).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The permission bits of @p path itself (a symlink is not followed); 0 if it does not exist.
inline unsigned permissions_of(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 ? (info.st_mode & 0777U) : 0U;
}

// A fresh emulator with @p seed_users users per test, and the tool pointed at it; client() is
// the SDK talking to it, the reference for what the emulator holds.
class CliEmulatorTest : public EmulatorTest {
 protected:
  explicit CliEmulatorTest(std::size_t seed_users) : EmulatorTest(seed_users) {}
  static void SetUpTestSuite() { signal(SIGPIPE, SIG_IGN); }  // a tool that ignores its stdin

  void SetUp() override {
    if (cli_path().empty()) GTEST_SKIP() << "LOSANT_EU_CLI_PATH is not set";
    EmulatorTest::SetUp();
  }

  // The environment that points the tool at @p emulator (the test's own by default).
  Environment env(const Emulator* emulator = nullptr) const {
    const Emulator& e = emulator != nullptr ? *emulator : *emulator_;
    return {{"LOSANT_API_URL", e.base_url()},
            {"LOSANT_API_TOKEN", e.token()},
            {"LOSANT_APPLICATION_ID", e.application_id()}};
  }

  Outcome run(const std::vector<std::string>& args, const std::string& input = "") const {
    return run_tool(args, env(), input);
  }
};

}  // namespace losant::experience_users::testing
