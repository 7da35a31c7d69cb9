// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// `update --in`, `delete --in` and `revoke-sessions`, run as a child process against an
// in-process emulator: users named by id and by email, minimal PATCH bodies, every record
// checked before the first write, users already gone, throttling and dropped answers during
// the bulk calls, the report accounting for every row, and revoke-sessions changing only the
// matching users (and nothing at all on a dry run or without a filter). The bulk calls are
// concurrent: nothing here depends on the order requests arrive in.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;
namespace emu = losant::experience_users::testing;
namespace fs = std::filesystem;

using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::read_file;
using eu::testing::write_file;

using Csv = std::vector<std::vector<std::string>>;
using eu::testing::parse_csv;

constexpr const char* kReportHeader = "row,user_id,email,outcome,error";
constexpr const char* kMissingId = "5f0c1a2b3c4d5e6f7a8b9fff";  // valid, held by no user

// The report's rows by their row number, each as {user_id, email, outcome, error}; every row
// number at most once.
std::map<std::size_t, std::vector<std::string>> report_rows(const std::string& path) {
  const std::string text = read_file(path);
  EXPECT_EQ(lines_of(text).empty() ? "" : lines_of(text).front(), kReportHeader);
  std::map<std::size_t, std::vector<std::string>> rows;
  const Csv csv = parse_csv(text);
  for (std::size_t i = 1; i < csv.size(); ++i) {
    EXPECT_EQ(csv[i].size(), 5u) << text;
    if (csv[i].size() != 5) continue;
    const std::size_t row = std::stoul(csv[i][0]);
    EXPECT_EQ(rows.count(row), 0u) << "row " << row << " twice in\n" << text;
    rows[row] = {csv[i][1], csv[i][2], csv[i][3], csv[i][4]};
  }
  return rows;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

class CliBulkEditTest : public emu::CliEmulatorTest {
 protected:
  explicit CliBulkEditTest(std::size_t seed_users = 30) : CliEmulatorTest(seed_users) {}

  void SetUp() override {
    CliEmulatorTest::SetUp();
    if (IsSkipped()) return;
    std::string pattern = (fs::temp_directory_path() / "cli_bulk_edit_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    CliEmulatorTest::TearDown();
  }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // Every user, by id.
  std::map<std::string, eu::ExperienceUser> users_by_id() const {
    std::map<std::string, eu::ExperienceUser> users;
    for (auto& user : client().list_all(app())) {
      EXPECT_TRUE(user) << user.error().to_string();
      if (!user) break;
      users[user->id] = *user;
    }
    return users;
  }
  std::vector<eu::ExperienceUser> users() const {
    std::vector<eu::ExperienceUser> all;
    for (auto& [id, user] : users_by_id()) all.push_back(user);
    return all;
  }

  // The recorded requests of @p method (PATCH, DELETE, ...).
  std::vector<emu::RecordedRequest> requests_of(const std::string& method) const {
    std::vector<emu::RecordedRequest> found;
    for (const auto& request : emulator_->requests()) {
      if (request.method == method) found.push_back(request);
    }
    return found;
  }

  fs::path dir_;
};

// ---- update --in -----------------------------------------------------------------------------

TEST_F(CliBulkEditTest, UpdateByIdAndByEmailSendsOnlyTheFieldsGiven) {
  const std::vector<eu::ExperienceUser> before = users();
  ASSERT_GE(before.size(), 4u);
  const eu::ExperienceUser &a = before[0], &b = before[1], &c = before[2], &d = before[3];
  write_file(file("changes.jsonl"),
             "{\"id\":\"" + a.id +
                 "\",\"firstName\":\"Ada\"}\n"
                 "\n"  // blank lines are not rows
                 "{\"email\":\"" +
                 upper(b.email) + "\",\"lastName\":\"Lovelace\"," +
                 "\"userTags\":{\"role\":\"op\"}}\n"
                 "{\"email\":\"" +
                 c.email +
                 "\",\"newEmail\":\"renamed@example.org\"}\n"
                 "{\"id\":\"" +
                 d.id + "\",\"email\":\"moved@example.org\",\"tokenCutoff\":" +
                 "\"2024-05-01T12:00:00Z\"}\n");
  emulator_->clear_requests();
  const Outcome o = run({"update", "--in", file("changes.jsonl"), "--report", file("r.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "update: 4 rows: 4 updated, 0 failed\n");

  // Each PATCH body is exactly the record's fields (in any order of arrival).
  std::map<std::string, std::string> bodies;
  for (const auto& request : requests_of("PATCH")) {
    bodies[request.path.substr(request.path.rfind('/') + 1)] = request.body;
  }
  ASSERT_EQ(bodies.size(), 4u) << o;
  EXPECT_EQ(bodies[a.id], R"({"firstName":"Ada"})");
  EXPECT_EQ(bodies[b.id], R"({"lastName":"Lovelace","userTags":{"role":"op"}})");
  EXPECT_EQ(bodies[c.id], R"({"email":"renamed@example.org"})");
  EXPECT_EQ(bodies[d.id],
            R"({"email":"moved@example.org","tokenCutoff":"2024-05-01T12:00:00.000Z"})");

  const auto after = users_by_id();
  EXPECT_EQ(after.at(a.id).first_name, std::optional<std::string>("Ada"));
  EXPECT_EQ(after.at(a.id).last_name, a.last_name);
  EXPECT_EQ(after.at(a.id).email, a.email);
  EXPECT_EQ(after.at(b.id).last_name, std::optional<std::string>("Lovelace"));
  EXPECT_EQ(after.at(b.id).first_name, b.first_name);
  EXPECT_EQ(after.at(b.id).user_tags, (std::optional<eu::Tags>(eu::Tags{{"role", "op"}})));
  EXPECT_EQ(after.at(c.id).email, "renamed@example.org");
  EXPECT_EQ(after.at(d.id).email, "moved@example.org");
  EXPECT_EQ(after.at(before[4].id), before[4]);  // a user the file does not name

  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 4u);
  const std::vector<std::string> ids{a.id, b.id, c.id, d.id};
  for (std::size_t row = 1; row <= 4; ++row) {
    EXPECT_EQ(rows.at(row)[0], ids[row - 1]) << row;
    EXPECT_EQ(rows.at(row)[2], "updated") << row;
  }
  EXPECT_EQ(rows.at(3)[1], "renamed@example.org");  // the user's email after the update
}

TEST_F(CliBulkEditTest, UpdateByManyEmailsLooksThemUpWithOneListing) {
  const std::vector<eu::ExperienceUser> before = users();
  ASSERT_EQ(before.size(), 30u);
  std::string records;
  for (const auto& user : before)
    records += "{\"email\":\"" + user.email + "\",\"lastName\":\"X\"}\n";
  write_file(file("many.jsonl"), records);
  emulator_->clear_requests();
  const Outcome o = run({"update", "--in", file("many.jsonl"), "--concurrency", "4"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "update: 30 rows: 30 updated, 0 failed\n");
  // More than 20 emails: no filtered lookup per email, a listing instead.
  for (const auto& request : requests_of("GET")) {
    EXPECT_FALSE(request.parameter("filter")) << request.target;
  }
  EXPECT_EQ(requests_of("PATCH").size(), 30u);
  for (const auto& user : users()) EXPECT_EQ(user.last_name, std::optional<std::string>("X"));
}

TEST_F(CliBulkEditTest, AnInvalidRecordMeansNothingIsSent) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("bad.jsonl"),
             "{\"id\":\"" + before[0].id +
                 "\",\"firstName\":\"Fine\"}\n"                  // 1: valid
                 "{\"id\":\"not-an-id\",\"firstName\":\"A\"}\n"  // 2: id format
                 "{\"id\":\"" +
                 before[1].id +
                 "\",\"nickname\":\"A\"}\n"                                  // 3: unknown field
                 "{\"email\":\"nobody@example.org\",\"firstName\":\"A\"}\n"  // 4: unknown email
                 "{\"email\":\"" +
                 upper(before[0].email) +
                 "\",\"lastName\":\"B\"}\n"  // 5: twice
                 "{\"id\":\"" +
                 before[2].id +
                 "\",\"password\":\"short\"}\n"  // 6: a rule
                 "{\"id\":\"" +
                 before[3].id +
                 "\"}\n"         // 7: no field
                 "not json\n");  // 8
  emulator_->clear_requests();
  const Outcome o = run({"update", "--in", file("bad.jsonl"), "--report", file("r.csv")});
  EXPECT_EQ(o.exit_code, 3) << o;
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("row 2"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 3"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 4 (nobody@example.org): email: no user has this email"),
            std::string::npos)
      << o;
  EXPECT_NE(o.err.find("names the same user as row 1"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 6"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 7"), std::string::npos) << o;
  EXPECT_NE(o.err.find("7 of 8 rows are invalid; nothing was sent"), std::string::npos) << o;
  EXPECT_EQ(o.err.find("short"), std::string::npos) << "a password in a message:\n" << o;
  EXPECT_TRUE(requests_of("PATCH").empty());
  EXPECT_EQ(users(), before);

  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows.at(1)[2], "valid");
  for (std::size_t row = 2; row <= 8; ++row) {
    EXPECT_EQ(rows.at(row)[2], "invalid") << row;
    EXPECT_FALSE(rows.at(row)[3].empty()) << row;
  }
}

TEST_F(CliBulkEditTest, UpdateDryRunChecksAndSendsNoWrite) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("dry.jsonl"), "{\"email\":\"" + before[0].email + "\",\"firstName\":\"Z\"}\n");
  emulator_->clear_requests();
  const Outcome o = run({"update", "--in", file("dry.jsonl"), "--dry-run"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "update: dry run: 1 rows are valid (1 users to update); nothing was sent\n");
  EXPECT_TRUE(requests_of("PATCH").empty());
  EXPECT_EQ(users(), before);
}

TEST_F(CliBulkEditTest, UsageErrorsOfTheFileForms) {
  const std::string id = users().front().id;
  write_file(file("one.jsonl"), "{\"id\":\"" + id + "\",\"firstName\":\"A\"}\n");
  emulator_->clear_requests();
  EXPECT_EQ(run({"update", id, "--in", file("one.jsonl")}).exit_code, 2);
  EXPECT_EQ(run({"update", "--in", file("one.jsonl"), "--first-name", "B"}).exit_code, 2);
  EXPECT_EQ(run({"update", id, "--first-name", "B", "--report", file("r.csv")}).exit_code, 2);
  EXPECT_EQ(run({"delete", id, "--yes"}).exit_code, 2);
  EXPECT_EQ(run({"delete"}).exit_code, 2);
  EXPECT_EQ(run({"update", "--in", file("one.jsonl"), "--report", file("one.jsonl")}).exit_code, 2);
  EXPECT_EQ(run({"update", "--in", file("missing.jsonl")}).exit_code, 2);
  EXPECT_TRUE(requests_of("PATCH").empty());
  EXPECT_TRUE(requests_of("DELETE").empty());
}

TEST_F(CliBulkEditTest, ThrottlingDuringUpdateIsWaitedOutAndEveryUserUpdated) {
  const std::vector<eu::ExperienceUser> before = users();
  std::string records;
  for (std::size_t i = 0; i < 12; ++i) {
    records += "{\"id\":\"" + before[i].id + "\",\"firstName\":\"T" + std::to_string(i) + "\"}\n";
  }
  write_file(file("t.jsonl"), records);
  emulator_->add_fault(emu::Route::kUpdate, emu::Fault::http_status(429, "1", 2));
  emulator_->add_fault(emu::Route::kUpdate, emu::Fault::http_status(503, std::nullopt, 2));
  emulator_->clear_requests();
  const Outcome o = run({"update", "--in", file("t.jsonl"), "--report", file("r.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "update: 12 rows: 12 updated, 0 failed\n");
  EXPECT_EQ(requests_of("PATCH").size(), 12u + 4u);  // the 4 throttled ones sent again
  const auto after = users_by_id();
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(after.at(before[i].id).first_name, "T" + std::to_string(i));
  }
  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 12u);
  for (const auto& [row, cells] : rows) EXPECT_EQ(cells[2], "updated") << row;
}

// ---- delete --in -----------------------------------------------------------------------------

TEST_F(CliBulkEditTest, DeleteByIdAndEmailReportsUsersAlreadyGone) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("gone.txt"), before[0].id + "\n" + upper(before[1].email) + "\r\n\n" +
                                   kMissingId + "\n" + "nobody@example.org\n" + "{\"id\":\"" +
                                   before[2].id + "\",\"email\":\"ignored\"}\n");
  const Outcome o = run({"delete", "--in", file("gone.txt"), "--report", file("r.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "delete: 5 rows: 3 deleted, 2 not found, 0 failed\n");
  EXPECT_NE(o.err.find("note: row 3 (" + std::string(kMissingId) + "): not found"),
            std::string::npos)
      << o;
  EXPECT_NE(o.err.find("note: row 4 (nobody@example.org): not found"), std::string::npos) << o;
  const auto after = users_by_id();
  EXPECT_EQ(after.size(), before.size() - 3);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(after.count(before[i].id), 0u) << i;

  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows.at(1), (std::vector<std::string>{before[0].id, "", "deleted", ""}));
  EXPECT_EQ(rows.at(2)[0], before[1].id);
  EXPECT_EQ(rows.at(2)[2], "deleted");
  EXPECT_EQ(rows.at(3)[0], kMissingId);
  EXPECT_EQ(rows.at(3)[2], "not-found");
  EXPECT_EQ(rows.at(4)[1], "nobody@example.org");
  EXPECT_EQ(rows.at(4)[2], "not-found");
  EXPECT_EQ(rows.at(5)[2], "deleted");

  // The same file again: everything is gone already, which is what was asked.
  const Outcome again = run({"delete", "--in", file("gone.txt")});
  EXPECT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(again.out, "delete: 5 rows: 0 deleted, 5 not found, 0 failed\n");
}

TEST_F(CliBulkEditTest, DeleteTakesACsvWithAnIdOrEmailColumn) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("users.csv"),
             "Email,firstName,ID\n" + before[0].email + ",x,\n" + "," + "y," + before[1].id + "\n");
  const Outcome o = run({"delete", "--in", file("users.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "delete: 2 rows: 2 deleted, 0 not found, 0 failed\n");
  EXPECT_EQ(users().size(), before.size() - 2);

  write_file(file("other.csv"), "name\nx\n");
  const Outcome bad = run({"delete", "--in", file("other.csv")});
  EXPECT_EQ(bad.exit_code, 3) << bad;
  EXPECT_NE(bad.err.find("no id or email column"), std::string::npos) << bad;
}

TEST_F(CliBulkEditTest, DeleteWithAnInvalidLineOrADryRunDeletesNothing) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("bad.txt"), before[0].id + "\nnot-an-id\n" + before[0].email + "\n");
  emulator_->clear_requests();
  const Outcome o = run({"delete", "--in", file("bad.txt")});
  EXPECT_EQ(o.exit_code, 3) << o;
  EXPECT_NE(o.err.find("row 2: id: must be 24 hexadecimal characters"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 3 (" + before[0].email + "): names the same user as row 1"),
            std::string::npos)
      << o;

  write_file(file("ok.txt"), before[0].id + "\n" + before[1].email + "\n");
  const Outcome dry =
      run({"delete", "--in", file("ok.txt"), "--dry-run", "--report", file("r.csv")});
  ASSERT_EQ(dry.exit_code, 0) << dry;
  EXPECT_EQ(dry.out,
            "delete: dry run: 2 rows are valid (2 users to delete, 0 not found); nothing was "
            "sent\n");
  EXPECT_TRUE(requests_of("DELETE").empty());
  EXPECT_EQ(users(), before);
  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.at(1)[2], "valid");
  EXPECT_EQ(rows.at(2)[0], before[1].id);
}

TEST_F(CliBulkEditTest, ADeleteWhoseAnswerWasLostIsReportedDeleted) {
  const std::vector<eu::ExperienceUser> before = users();
  write_file(file("ids.txt"), before[0].id + "\n" + before[1].id + "\n" + before[2].id + "\n");
  emulator_->add_fault(emu::Route::kDelete, emu::Fault::of(emu::Fault::Kind::kApplyThenDrop, 2));
  const Outcome o = run({"delete", "--in", file("ids.txt"), "--report", file("r.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "delete: 3 rows: 3 deleted, 0 not found, 0 failed\n");
  EXPECT_EQ(users().size(), before.size() - 3);
  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& [row, cells] : rows) EXPECT_EQ(cells[2], "deleted") << row;
}

TEST_F(CliBulkEditTest, ThrottlingDuringDeleteIsWaitedOutAndEveryUserDeleted) {
  const std::vector<eu::ExperienceUser> before = users();
  std::string lines;
  for (std::size_t i = 0; i < 10; ++i)
    lines += (i % 2 == 0 ? before[i].id : before[i].email) + "\n";
  write_file(file("ids.txt"), lines);
  emulator_->add_fault(emu::Route::kDelete, emu::Fault::http_status(429, "1", 2));
  emulator_->add_fault(emu::Route::kDelete, emu::Fault::http_status(503, std::nullopt, 2));
  emulator_->clear_requests();
  const Outcome o = run({"delete", "--in", file("ids.txt"), "--report", file("r.csv")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "delete: 10 rows: 10 deleted, 0 not found, 0 failed\n");
  EXPECT_EQ(requests_of("DELETE").size(), 10u + 4u);
  const auto after = users_by_id();
  EXPECT_EQ(after.size(), before.size() - 10);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(after.count(before[i].id), 0u) << i;
  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 10u);
  for (const auto& [row, cells] : rows) EXPECT_EQ(cells[2], "deleted") << row;
}

// ---- revoke-sessions -------------------------------------------------------------------------

class CliRevokeSessionsTest : public CliBulkEditTest {
 protected:
  void SetUp() override {
    CliBulkEditTest::SetUp();
    if (IsSkipped()) return;
    for (int i = 0; i < 3; ++i) {
      emu::UserSeed seed;
      seed.email = "floor3-" + std::to_string(i) + "@example.org";
      seed.tags = {{"floor", "3"}};
      floor3_.insert(emulator_->add_user(seed));
    }
  }
  std::set<std::string> floor3_;
};

TEST_F(CliRevokeSessionsTest, SetsTokenCutoffToNowOnlyForTheMatchingUsers) {
  const auto before = users_by_id();
  const auto start = std::chrono::system_clock::now();
  const Outcome o = run({"revoke-sessions", "--has-tag", "floor=3", "--report", file("r.csv")});
  const auto end = std::chrono::system_clock::now();
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out.rfind("revoke-sessions: 3 users: 3 updated (tokenCutoff ", 0), 0u) << o;
  const auto after = users_by_id();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [id, user] : after) {
    if (floor3_.count(id) == 0) {
      EXPECT_EQ(user, before.at(id)) << "a user that does not match was changed: " << id;
      continue;
    }
    ASSERT_TRUE(user.token_cutoff) << id;
    EXPECT_GE(*user.token_cutoff, start - std::chrono::seconds(1)) << id;
    EXPECT_LE(*user.token_cutoff, end + std::chrono::seconds(1)) << id;
  }
  const auto rows = report_rows(file("r.csv"));
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& [row, cells] : rows) {
    EXPECT_EQ(floor3_.count(cells[0]), 1u) << row;
    EXPECT_EQ(cells[2], "updated") << row;
  }
}

TEST_F(CliRevokeSessionsTest, ADryRunCountsAndWritesNothing) {
  const auto before = users_by_id();
  emulator_->clear_requests();
  const Outcome o =
      run({"revoke-sessions", "--query", R"({"userTags":{"floor":"3"}})", "--dry-run"});
  ASSERT_EQ(o.exit_code, 0) << o;
  const std::vector<std::string> lines = lines_of(o.out);
  ASSERT_EQ(lines.size(), 4u) << o;
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(floor3_.count(lines[i].substr(0, 24)), 1u) << lines[i];
  EXPECT_EQ(lines[3],
            "revoke-sessions: dry run: 3 users match; their tokenCutoff would be set to now; "
            "nothing was sent");
  EXPECT_TRUE(requests_of("PATCH").empty());
  EXPECT_EQ(users_by_id(), before);
}

TEST_F(CliRevokeSessionsTest, RefusesWithoutAFilterUnlessAll) {
  const auto before = users_by_id();
  emulator_->clear_requests();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"revoke-sessions"},
        std::vector<std::string>{"revoke-sessions", "--query", "{}"},
        std::vector<std::string>{"revoke-sessions", "--all", "--has-tag", "floor"}}) {
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 2) << o;
    EXPECT_NE(o.err.find("--all"), std::string::npos) << o;
  }
  EXPECT_TRUE(emulator_->requests().empty());  // refused before any request
  EXPECT_EQ(users_by_id(), before);

  const Outcome all = run({"revoke-sessions", "--all", "--concurrency", "16"});
  ASSERT_EQ(all.exit_code, 0) << all;
  for (const auto& [id, user] : users_by_id()) EXPECT_TRUE(user.token_cutoff) << id;
  EXPECT_EQ(requests_of("PATCH").size(), before.size());
}

TEST_F(CliRevokeSessionsTest, AGlobFilterWorksToo) {
  const Outcome o = run({"revoke-sessions", "--filter-field", "email", "--filter", "floor3-*"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(requests_of("PATCH").size(), 3u);
  for (const auto& request : requests_of("PATCH")) {
    EXPECT_EQ(floor3_.count(request.path.substr(request.path.rfind('/') + 1)), 1u) << request.path;
  }
}

// Users that stop matching once updated (a query on lastUpdated) over several pages: keyset
// paging visits each exactly once, where page numbers would skip a page's worth.
class CliRevokeSessionsPagesTest : public CliBulkEditTest {
 protected:
  CliRevokeSessionsPagesTest() : CliBulkEditTest(0) {
    emu::EmulatorOptions options;
    options.seed_users = 2100;
    options.max_recorded_requests = 5000;  // every PATCH, to count them
    emulator_ = std::make_unique<emu::Emulator>(options);
  }
};

TEST_F(CliRevokeSessionsPagesTest, UsersThatStopMatchingAreEachUpdatedOnce) {
  const std::string now = eu::format_timestamp(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  emulator_->clear_requests();
  const Outcome o =
      run({"revoke-sessions", "--query", "{\"lastUpdated\":{\"$lt\":\"" + now + "\"}}", "--yes",
           "--concurrency", "16"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out.rfind("revoke-sessions: 2100 users: 2100 updated", 0), 0u) << o;
  std::set<std::string> patched;
  std::size_t patches = 0;
  for (const auto& request : requests_of("PATCH")) {
    patched.insert(request.path);
    ++patches;
  }
  EXPECT_EQ(patched.size(), 2100u);
  EXPECT_EQ(patches, 2100u);
  for (const auto& [id, user] : users_by_id()) EXPECT_TRUE(user.token_cutoff) << id;
}

}  // namespace
