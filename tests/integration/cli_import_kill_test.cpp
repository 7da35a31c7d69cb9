// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// `import` killed with SIGKILL at several points (while checking, after the first user, a
// third and two thirds of the way), then run again with the same command: in the end exactly
// one user per row, none lost, none twice; the killed run's report holds only outcomes that
// happened, and the second run's report accounts for every row, `created` or `skipped` with
// the existing user's id.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;

using eu::testing::Outcome;

constexpr const char* kSecret = "Sup3r-Secret-Pa55word";
constexpr std::size_t kRows = 600;

// Splits a report line at commas (these reports' cells hold no comma or quote).
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

// The report's rows after its header, by row number; a row reported twice fails the test.
std::map<std::size_t, std::vector<std::string>> report_rows(const std::string& path) {
  std::ifstream in(path);
  std::map<std::size_t, std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "row,email,outcome,user_id,error,detail");
  while (std::getline(in, line)) {
    EXPECT_FALSE(in.eof()) << "a report line without its newline: " << line;
    std::vector<std::string> cells = cells_of(line);
    EXPECT_EQ(cells.size(), 6u) << line;
    if (cells.size() != 6u) continue;
    const std::size_t row = std::stoul(cells[0]);
    EXPECT_TRUE(rows.emplace(row, std::move(cells)).second) << "row " << row << " twice";
  }
  return rows;
}

// The emulator answers every request 5 ms late, so that a kill can land in the middle.
class CliImportKillTest : public eu::testing::CliEmulatorTest,
                          public ::testing::WithParamInterface<std::size_t> {
 protected:
  CliImportKillTest() : CliEmulatorTest(0) {
    eu::testing::EmulatorOptions slow;
    slow.latency = std::chrono::milliseconds(5);
    emulator_ = std::make_unique<eu::testing::Emulator>(slow);
  }
  void SetUp() override {
    CliEmulatorTest::SetUp();
    char pattern[] = "/tmp/cli-import-kill-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const char* name : {"/users.csv", "/report.csv"}) std::remove((dir_ + name).c_str());
    rmdir(dir_.c_str());
    CliEmulatorTest::TearDown();
  }

  // Starts the tool with @p args (output to /dev/null); its pid.
  pid_t spawn(const std::vector<std::string>& args) const {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> argv_strings{eu::testing::cli_path()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<std::string> env_strings = eu::testing::detail::child_environment(env());
    std::vector<char*> argv = eu::testing::detail::c_strings(argv_strings);
    std::vector<char*> envp = eu::testing::detail::c_strings(env_strings);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(spawned, 0);
    return spawned == 0 ? pid : -1;
  }

  std::string dir_;
};

TEST_P(CliImportKillTest, KilledThenRunAgainEndsWithExactlyOneUserPerRow) {
  const std::size_t kill_at = GetParam();  // users existing when the kill is sent
  std::string csv = "email,password,firstName\n";
  std::vector<std::string> emails;
  for (std::size_t i = 1; i <= kRows; ++i) {
    emails.push_back("kill" + std::to_string(i) + "@example.com");
    csv += emails.back() + "," + kSecret + ",K" + std::to_string(i) + "\n";
  }
  const std::string input = dir_ + "/users.csv";
  const std::string report = dir_ + "/report.csv";
  std::ofstream(input) << csv;
  const std::vector<std::string> args{"import", "--in",          input, "--report",
                                      report,   "--concurrency", "8"};

  const pid_t pid = spawn(args);
  ASSERT_GT(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (emulator_->user_count() < kill_at && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  const std::size_t at_kill = emulator_->user_count();
  // The kill landed mid-run (else this point proves nothing).
  ASSERT_TRUE(WIFSIGNALED(status))
      << "the import ended before the kill, with " << at_kill << " users";
  ASSERT_LT(at_kill, kRows);

  // What the killed run reported happened: each created row's user exists with its email.
  std::size_t reported = 0;
  if (std::ifstream(report).good()) {
    for (const auto& [row, cells] : report_rows(report)) {
      ASSERT_LE(row, kRows);
      EXPECT_EQ(cells[1], emails[row - 1]);
      if (cells[2] != "created") continue;
      ++reported;
      const auto ids = emulator_->find_by_email(emails[row - 1]);
      ASSERT_EQ(ids.size(), 1u) << cells[1];
      EXPECT_EQ(cells[3], ids[0]);
    }
  }
  // Every outcome was in the report as it happened: at most the requests in flight (8) and
  // the answers being read (8) are missing from it.
  EXPECT_GE(reported + 16, at_kill);
  // Requests the killed run had in flight may still be applied: let them land.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::size_t before_rerun = emulator_->user_count();
  EXPECT_LE(reported, before_rerun);

  const Outcome again = run(args);
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(emulator_->user_count(), kRows);
  const auto rows = report_rows(report);
  ASSERT_EQ(rows.size(), kRows);
  std::size_t created = 0;
  for (std::size_t row = 1; row <= kRows; ++row) {
    const auto ids = emulator_->find_by_email(emails[row - 1]);
    ASSERT_EQ(ids.size(), 1u) << emails[row - 1] << " exists " << ids.size() << " times";
    const std::vector<std::string>& cells = rows.at(row);
    EXPECT_EQ(cells[1], emails[row - 1]);
    EXPECT_TRUE(cells[2] == "created" || cells[2] == "skipped") << cells[2];
    EXPECT_EQ(cells[3], ids[0]) << "row " << row;
    created += cells[2] == "created";
  }
  // The second run created exactly what the first had not.
  EXPECT_EQ(created, kRows - before_rerun);
}

// 0: during the checking pass, before any user exists.
INSTANTIATE_TEST_SUITE_P(KillPoints, CliImportKillTest,
                         ::testing::Values(0, 1, kRows / 3, 2 * kRows / 3));

}  // namespace
