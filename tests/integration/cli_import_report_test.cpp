// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// What `import` reports about users that already exist, run as a child process against an
// in-process emulator: a skipped row carries the existing user's id, and says when the stored
// user differs from the record (which import does not change); CSV column names in any case.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;

using eu::testing::lines_of;
using eu::testing::Outcome;

constexpr const char* kSecret = "Sup3r-Secret-Pa55word";

// The report's rows split at commas (the cells these tests write hold no comma or quote, but
// may be quoted).
std::vector<std::vector<std::string>> read_report(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) {
      if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
        cell = cell.substr(1, cell.size() - 2);  // quoted: these cells hold no quote
      }
      cells.push_back(cell);
    }
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

class CliImportReportTest : public eu::testing::CliEmulatorTest {
 protected:
  CliImportReportTest() : CliEmulatorTest(0) {}
  void SetUp() override {
    CliEmulatorTest::SetUp();
    char pattern[] = "/tmp/cli-import-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const char* name : {"/users.csv", "/report.csv", "/users.jsonl"}) {
      std::remove((dir_ + name).c_str());
    }
    rmdir(dir_.c_str());
    CliEmulatorTest::TearDown();
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string existing(const std::string& email, const std::string& first_name) const {
    eu::ExperienceUserPost post;
    post.email = email;
    post.password = kSecret;
    post.first_name = first_name;
    post.user_tags = eu::Tags{{"role", "admin"}};
    return client().create(app(), post).value().id;
  }
  std::string dir_;
};

// The report's rows (after its header) in row order: they are written as outcomes come.
std::vector<std::vector<std::string>> by_row(std::vector<std::vector<std::string>> rows) {
  if (rows.size() > 1) {
    std::sort(rows.begin() + 1, rows.end(), [](const auto& a, const auto& b) {
      return std::stoul(a.at(0)) < std::stoul(b.at(0));
    });
  }
  return rows;
}

TEST_F(CliImportReportTest, SkippedRowsGetTheExistingIdAndSayHowTheyDiffer) {
  const std::string same = existing("same@example.com", "Ada");
  const std::string renamed = existing("renamed@example.com", "Grace");
  const std::string retagged = existing("Retagged@Example.com", "Alan");
  const std::string csv =
      write("users.csv", std::string("email,password,firstName,tags\n") + "same@example.com," +
                             kSecret + ",Ada,role=admin\n" + "renamed@example.com," + kSecret +
                             ",Hopper,role=admin\n" + "new@example.com," + kSecret + ",New,\n" +
                             "retagged@example.com," + kSecret + ",Alan,role=viewer\n");
  const std::string report = dir_ + "/report.csv";
  const Outcome o = run({"import", "--in", csv, "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "import: 4 rows: 1 created, 3 skipped (2 differ), 0 failed\n") << o;
  EXPECT_NE(o.err.find("note: row 2 (renamed@example.com): skipped (exists; differs: firstName)"),
            std::string::npos)
      << o;
  EXPECT_NE(o.err.find("note: row 4 (retagged@example.com): skipped (exists; differs: email, "
                       "tags)"),
            std::string::npos)
      << o;
  EXPECT_NE(o.err.find("not reconciled"), std::string::npos) << o;
  EXPECT_EQ(o.err.find("row 1 "), std::string::npos) << o;  // the same data: nothing to say
  EXPECT_EQ((o.out + o.err).find(kSecret), std::string::npos) << o;

  const auto rows = by_row(read_report(report));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"row", "email", "outcome", "user_id", "error", "detail"}));
  EXPECT_EQ(rows[1],
            (std::vector<std::string>{"1", "same@example.com", "skipped", same, "", "exists"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "renamed@example.com", "skipped", renamed, "",
                                               "exists; differs: firstName"}));
  ASSERT_EQ(rows[3].size(), 6u);
  EXPECT_EQ(rows[3][2], "created");
  EXPECT_EQ(rows[3][3], emulator_->find_by_email("new@example.com").at(0));
  EXPECT_EQ(rows[4][3], retagged);
  // Import changed nothing.
  EXPECT_EQ(client().get(app(), renamed).value().first_name, "Grace");
}

TEST_F(CliImportReportTest, EverySkippedRowNamesTheExistingUser) {
  std::string text = "email,password\n";
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) {
    const std::string email = "user" + std::to_string(i) + "@example.com";
    ids.push_back(existing(email, "X"));
    text += email + "," + kSecret + "\n";
  }
  const std::string report = dir_ + "/report.csv";
  const Outcome o = run({"import", "--in", write("users.csv", text), "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "import: 30 rows: 0 created, 30 skipped, 0 failed\n") << o;
  const auto rows = by_row(read_report(report));
  ASSERT_EQ(rows.size(), 31u);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(rows[i + 1][3], ids[i]) << i;
}

TEST_F(CliImportReportTest, CsvColumnNamesInAnyCase) {
  const std::string csv =
      write("users.csv", std::string("Email,PASSWORD,FirstName,lastname,Tag.Role\n") +
                             "case@example.com," + kSecret + ",Ada,Lovelace,admin\n");
  const Outcome o = run({"import", "--in", csv});
  ASSERT_EQ(o.exit_code, 0) << o;
  const auto ids = emulator_->find_by_email("case@example.com");
  ASSERT_EQ(ids.size(), 1u);
  const eu::ExperienceUser user = client().get(app(), ids[0]).value();
  EXPECT_EQ(user.first_name, "Ada");
  EXPECT_EQ(user.last_name, "Lovelace");
  EXPECT_EQ(user.user_tags, (eu::Tags{{"Role", "admin"}}));  // a tag key keeps its case

  const Outcome twice = run({"import", "--in",
                             write("users.csv", std::string("email,EMAIL,password\n") +
                                                    "a@b.c,a@b.c," + kSecret + "\n")});
  EXPECT_EQ(twice.exit_code, 3) << twice;
  EXPECT_NE(twice.err.find("column 'EMAIL' appears more than once"), std::string::npos) << twice;
}

}  // namespace
