// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The losant-emulator program, run as a child process: its banner says where it serves, with
// which token and application, and gives a line a shell can paste to reach it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <regex>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "losant/experience_users.hpp"

namespace {

namespace eu = losant::experience_users;
using eu::testing::lines_of;
using ::testing::HasSubstr;

std::string emulator_path() {
#ifdef LOSANT_EU_EMULATOR_PATH
  return LOSANT_EU_EMULATOR_PATH;
#else
  return "";
#endif
}

// A child process with its stdout and stderr on pipes: read_lines() reads stdout until it has
// some lines or the child closed it; stop() sends SIGTERM (if asked) and collects the rest.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    std::array<int, 2> out{-1, -1};
    std::array<int, 2> err{-1, -1};
    if (pipe2(out.data(), O_CLOEXEC) != 0 || pipe2(err.data(), O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: errno " << errno;
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* envp[] = {nullptr};
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
    if (spawned != 0) {
      ADD_FAILURE() << "posix_spawn " << args[0] << ": " << spawned;
      pid_ = -1;
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    finish(/*terminate=*/true);
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }

  // Reads stdout until it holds @p count whole lines or ends. A minute without output fails the
  // test (a safety net against a hang, not a timing assertion).
  std::vector<std::string> read_lines(std::size_t count) {
    while (lines_of(out_text_).size() < count || out_text_.back() != '\n') {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 60'000) <= 0) {
        ADD_FAILURE() << "no output within a minute; got: " << out_text_;
        break;
      }
      if (!read_into(out_, out_text_)) break;
    }
    return lines_of(out_text_);
  }

  // Sends SIGTERM if @p terminate, waits, reads what is left; returns the exit code (-SIGNAL if
  // a signal ended it).
  int finish(bool terminate) {
    if (pid_ <= 0) return exit_code_;
    if (terminate) ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    while (read_into(out_, out_text_)) {
    }
    while (read_into(err_, err_text_)) {
    }
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return exit_code_;
  }

  const std::string& out() const { return out_text_; }
  const std::string& err() const { return err_text_; }

 private:
  static bool read_into(int fd, std::string& text) {
    std::array<char, 4096> buffer{};
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0) return false;
    text.append(buffer.data(), static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string out_text_;
  std::string err_text_;
  int exit_code_ = -1;
};

// A running losant-emulator with these arguments, its banner read.
struct RunningEmulator {
  explicit RunningEmulator(std::vector<std::string> args)
      : child([&args] {
          args.insert(args.begin(), emulator_path());
          return args;
        }()),
        banner(child.read_lines(4)) {}
  int stop() { return child.finish(/*terminate=*/true); }
  const std::string& output() const { return child.out(); }

  Child child;
  std::vector<std::string> banner;
};

// The values of the three variables after a POSIX shell evaluated @p line.
std::vector<std::string> evaluated(const std::string& line) {
  Child shell({"/bin/sh", "-c",
               R"(eval "$1" && printf '%s\n%s\n%s\n' "$LOSANT_API_URL" "$LOSANT_API_TOKEN" )"
               R"("$LOSANT_APPLICATION_ID")",
               "sh", line});
  EXPECT_EQ(shell.finish(/*terminate=*/false), 0) << shell.err();
  return lines_of(shell.out());
}

class EmulatorProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (emulator_path().empty()) GTEST_SKIP() << "LOSANT_EU_EMULATOR_PATH is not set";
  }
};

TEST_F(EmulatorProgramTest, BannerGivesUrlTokenApplicationAndAnExportLine) {
  RunningEmulator emulator({"--port", "0", "--seed-users", "3"});
  const std::vector<std::string>& banner = emulator.banner;
  ASSERT_EQ(banner.size(), 4U) << emulator.output();
  std::smatch match;
  ASSERT_TRUE(std::regex_match(banner[0], match,
                               std::regex(R"(listening on (http://127\.0\.0\.1:[0-9]+))")))
      << banner[0];
  const std::string url = match[1];
  EXPECT_EQ(banner[1], "token: emulator-token");
  EXPECT_EQ(banner[2], "application id: 5f0c1a2b3c4d5e6f7a8b9c0d");
  EXPECT_EQ(banner[3], "export LOSANT_API_URL=" + url +
                           " LOSANT_API_TOKEN=emulator-token"
                           " LOSANT_APPLICATION_ID=5f0c1a2b3c4d5e6f7a8b9c0d");

  // What the line sets is what reaches the emulator.
  const std::vector<std::string> values = evaluated(banner[3]);
  ASSERT_EQ(values.size(), 3U);
  eu::ClientOptions options;
  options.base_url = values[0];
  options.token = values[1];
  const auto page = eu::ExperienceUsersClient(options).list(values[2]);
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(page->total_count, 3);
  EXPECT_EQ(emulator.stop(), 0);
}

TEST_F(EmulatorProgramTest, ExportLineQuotesValuesForTheShell) {
  const std::string token = "it's a $token; `x` \\ \"y\"";
  RunningEmulator emulator({"--token", token, "--application-id", "ABCDEF0123456789abcdef01"});
  const std::vector<std::string>& banner = emulator.banner;
  ASSERT_EQ(banner.size(), 4U) << emulator.output();
  EXPECT_EQ(banner[1], "token: " + token);
  EXPECT_EQ(banner[2], "application id: ABCDEF0123456789abcdef01");
  const std::vector<std::string> values = evaluated(banner[3]);
  ASSERT_EQ(values.size(), 3U) << banner[3];
  EXPECT_EQ(values[0], banner[0].substr(std::string("listening on ").size()));
  EXPECT_EQ(values[1], token);
  EXPECT_EQ(values[2], "ABCDEF0123456789abcdef01");
  EXPECT_EQ(emulator.stop(), 0);
}

TEST_F(EmulatorProgramTest, RefusesATokenThatNoHeaderCouldCarry) {
  Child emulator({emulator_path(), "--token", "two\nlines"});
  const std::vector<std::string> lines = emulator.read_lines(1);  // Until it exits, if it does.
  ASSERT_TRUE(lines.empty()) << "it serves: " << lines.front();   // (The destructor stops it.)
  EXPECT_EQ(emulator.finish(/*terminate=*/false), 1) << emulator.err();
  EXPECT_THAT(emulator.err(), HasSubstr("token must not contain control characters"));
  EXPECT_EQ(emulator.out(), "");
}

}  // namespace
