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
using eu::testing::run_tool;
using ::testing::HasSubstr;

std::string emulator_path() {
#ifdef LOSANT_EU_EMULATOR_PATH
  return LOSANT_EU_EMULATOR_PATH;
#else
  return "";
#endif
}

// A running losant-emulator: started with some arguments, its stdout read until the banner's
// four lines arrived; stopped with SIGTERM.
class RunningEmulator {
 public:
  explicit RunningEmulator(std::vector<std::string> args) {
    args.insert(args.begin(), emulator_path());
    std::array<int, 2> fds{-1, -1};
    if (pipe2(fds.data(), O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: errno " << errno;
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* envp[] = {nullptr};
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
    if (spawned != 0) {
      ADD_FAILURE() << "posix_spawn " << argv[0] << ": " << spawned;
      pid_ = -1;
      return;
    }
    // Reads until four lines or end of file; a minute without output fails the test (a safety
    // net against a hang, not a timing assertion).
    while (lines_of(output_).size() < 4 || output_.back() != '\n') {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 60'000) <= 0) {
        ADD_FAILURE() << "no banner within a minute; got: " << output_;
        break;
      }
      std::array<char, 4096> buffer{};
      const ssize_t n = ::read(out_, buffer.data(), buffer.size());
      if (n <= 0) break;
      output_.append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
  RunningEmulator(const RunningEmulator&) = delete;
  RunningEmulator& operator=(const RunningEmulator&) = delete;
  ~RunningEmulator() {
    stop();
    if (out_ >= 0) ::close(out_);
  }

  // Sends SIGTERM and returns the exit code (-SIGNAL if a signal ended it).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return exit_code_;
  }

  std::vector<std::string> banner() const { return lines_of(output_); }
  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
  int exit_code_ = -1;
};

// The values of the three variables after a POSIX shell evaluated @p line.
std::vector<std::string> evaluated(const std::string& line) {
  const eu::testing::Outcome o =
      run_tool({"/bin/sh", "-c",
                R"(eval "$1" && printf '%s\n%s\n%s\n' "$LOSANT_API_URL" "$LOSANT_API_TOKEN" )"
                R"("$LOSANT_APPLICATION_ID")",
                "sh", line},
               {});
  EXPECT_EQ(o.exit_code, 0) << o;
  return lines_of(o.out);
}

class EmulatorProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (emulator_path().empty()) GTEST_SKIP() << "LOSANT_EU_EMULATOR_PATH is not set";
  }
};

TEST_F(EmulatorProgramTest, BannerGivesUrlTokenApplicationAndAnExportLine) {
  RunningEmulator emulator({"--port", "0", "--seed-users", "3"});
  const std::vector<std::string> banner = emulator.banner();
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
  const std::vector<std::string> banner = emulator.banner();
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
  const eu::testing::Outcome o = run_tool({emulator_path(), "--token", "two\nlines"}, {});
  EXPECT_EQ(o.exit_code, 1) << o;
  EXPECT_THAT(o.err, HasSubstr("token must not contain control characters"));
  EXPECT_EQ(o.out, "");
}

}  // namespace
