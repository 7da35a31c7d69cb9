// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// `sync` of the losant-experience-users tool, run as a child process against an in-process
// emulator: creates, minimal updates, unchanged users, --prune; fields a record leaves out are
// left alone; emails compared ignoring case; group names; the dry run's plan; the report; an
// export fed back (and a second sync) sends no write; an invalid record stops everything; and
// throttling and lost answers during a sync end in exactly the file's users. Bulk calls are
// concurrent: no test assumes the order requests arrive in.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;

using eu::testing::Fault;
using eu::testing::Outcome;
using eu::testing::Route;

using eu::testing::read_file;

constexpr const char* kSecret = "Sup3r-Secret-Pa55word";

// The cells of one CSV line (RFC 4180 quoting; the reports these tests read hold no line break
// inside a cell).
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

// A report row by its column names.
using ReportRow = std::map<std::string, std::string>;

// The report's header and its rows by lower-case email (each email once).
struct Report {
  std::vector<std::string> header;
  std::map<std::string, ReportRow> by_email;
  std::size_t rows = 0;
};

Report read_report(const std::string& path) {
  Report report;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return report;
  report.header = csv_cells(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = csv_cells(line);
    ReportRow row;
    for (std::size_t i = 0; i < cells.size() && i < report.header.size(); ++i) {
      row[report.header[i]] = cells[i];
    }
    std::string email = row["email"];
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_EQ(report.by_email.count(email), 0u) << "reported twice: " << email;
    report.by_email[email] = row;
    ++report.rows;
  }
  return report;
}

class CliSyncTest : public eu::testing::CliEmulatorTest {
 protected:
  CliSyncTest() : CliEmulatorTest(0) {}
  void SetUp() override {
    CliEmulatorTest::SetUp();
    char pattern[] = "/tmp/cli-sync-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const char* name : {"/users.csv", "/users.jsonl", "/report.csv", "/export.csv",
                             "/export.jsonl", "/passwords.csv"}) {
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
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  std::string add(const std::string& email, const std::string& first_name,
                  const eu::Tags& tags = {}, const std::vector<std::string>& groups = {}) const {
    eu::testing::UserSeed seed;
    seed.email = email;
    seed.first_name = first_name;
    seed.tags = tags;
    seed.group_ids = groups;
    return emulator_->add_user(seed);
  }
  eu::ExperienceUser user(const std::string& email) const {
    const auto ids = emulator_->find_by_email(email);
    EXPECT_EQ(ids.size(), 1u) << email;
    return ids.empty() ? eu::ExperienceUser{} : client().get(app(), ids[0]).value();
  }
  // The recorded requests that write (POST, PATCH, DELETE).
  std::vector<eu::testing::RecordedRequest> writes() const {
    std::vector<eu::testing::RecordedRequest> found;
    for (auto& request : emulator_->requests()) {
      if (request.method == "POST" || request.method == "PATCH" || request.method == "DELETE") {
        found.push_back(request);
      }
    }
    return found;
  }
  std::vector<std::string> bodies_of(const std::string& method) const {
    std::vector<std::string> bodies;
    for (auto& request : writes()) {
      if (request.method == method) bodies.push_back(request.body);
    }
    std::sort(bodies.begin(), bodies.end());
    return bodies;
  }
  std::string dir_;
};

// ---- What a sync does ------------------------------------------------------------------------

TEST_F(CliSyncTest, CreatesUpdatesWithMinimalPatchesAndLeavesTheRestUntouched) {
  const std::string ada = add("ada@example.com", "Ada", {{"role", "admin"}});
  const std::string bob = add("bob@example.com", "Bob", {{"role", "viewer"}});
  const std::string cat = add("cat@example.com", "Cat");
  emulator_->clear_requests();
  // No tags column: every user's tags are left as they are.
  const std::string csv =
      write("users.csv", std::string("email,password,firstName,lastName\n") +
                             "ada@example.com,,Augusta,\n" + "bob@example.com,,Bob,Builder\n" +
                             "dan@example.com," + kSecret + ",Dan,\n");
  const Outcome o = run({"sync", "--in", csv});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out,
            "sync: 3 records: 1 created, 2 updated, 0 unchanged, 0 deleted, 1 not in the file "
            "(kept), 0 failed\n")
      << o;
  // Only the fields that differ; an empty lastName equals Ada's absent one.
  EXPECT_EQ(bodies_of("PATCH"),
            (std::vector<std::string>{R"({"firstName":"Augusta"})", R"({"lastName":"Builder"})"}));
  ASSERT_EQ(bodies_of("POST").size(), 1u);
  EXPECT_EQ(bodies_of("POST")[0].find("lastName"), std::string::npos);  // empty: not sent
  EXPECT_TRUE(bodies_of("DELETE").empty());
  EXPECT_EQ(user("ada@example.com").first_name, "Augusta");
  EXPECT_EQ(user("ada@example.com").user_tags, (eu::Tags{{"role", "admin"}}));
  EXPECT_EQ(user("bob@example.com").last_name, "Builder");
  EXPECT_EQ(user("cat@example.com").id, cat);
  EXPECT_EQ(user("dan@example.com").first_name, "Dan");
  EXPECT_EQ(emulator_->user_count(), 4u);
  EXPECT_EQ((o.out + o.err).find(kSecret), std::string::npos) << o;

  // The same file again: nothing to write.
  emulator_->clear_requests();
  const Outcome again = run({"sync", "--in", csv});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(again.out,
            "sync: 3 records: 0 created, 0 updated, 3 unchanged, 0 deleted, 1 not in the file "
            "(kept), 0 failed\n")
      << again;
  EXPECT_TRUE(writes().empty());
  (void)ada;
  (void)bob;
}

TEST_F(CliSyncTest, PruneDeletesTheUsersTheFileDoesNotName) {
  add("keep@example.com", "Keep");
  const std::string gone = add("gone@example.com", "Gone");
  const std::string csv = write("users.csv", "email,firstName\nKEEP@example.com,Keep\n");
  const std::string report = path("report.csv");
  const Outcome o = run({"sync", "--in", csv, "--prune", "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "sync: 1 records: 0 created, 0 updated, 1 unchanged, 1 deleted, 0 failed\n")
      << o;
  EXPECT_TRUE(emulator_->find_by_email("gone@example.com").empty());
  EXPECT_EQ(emulator_->find_by_email("keep@example.com").size(), 1u);
  const Report r = read_report(report);
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.by_email.at("gone@example.com").at("action"), "delete");
  EXPECT_EQ(r.by_email.at("gone@example.com").at("outcome"), "deleted");
  EXPECT_EQ(r.by_email.at("gone@example.com").at("user_id"), gone);
  EXPECT_EQ(r.by_email.at("gone@example.com").at("row"), "");
  EXPECT_EQ(r.by_email.at("keep@example.com").at("action"), "unchanged");

  // A file without records would delete everyone: refused.
  emulator_->clear_requests();
  const Outcome empty = run({"sync", "--in", write("users.csv", "email,firstName\n"), "--prune"});
  EXPECT_EQ(empty.exit_code, 3) << empty;
  EXPECT_NE(empty.err.find("--prune would delete every user (1)"), std::string::npos) << empty;
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliSyncTest, JsonLinesManageTheFieldsTheyHaveAndAnEmptyUserTagsClearsThem) {
  add("tags@example.com", "Tess", {{"role", "admin"}, {"floor", "3"}});
  add("names@example.com", "Nora", {{"role", "viewer"}});
  emulator_->clear_requests();
  const std::string jsonl =
      write("users.jsonl", std::string(R"({"email":"tags@example.com","userTags":{}})") + "\n" +
                               R"({"email":"names@example.com","lastName":"Nash"})" + "\n");
  const Outcome o = run({"sync", "--in", jsonl});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(bodies_of("PATCH"),
            (std::vector<std::string>{R"({"lastName":"Nash"})", R"({"userTags":{}})"}));
  const eu::ExperienceUser tess = user("tags@example.com");
  EXPECT_TRUE(!tess.user_tags || tess.user_tags->empty());
  EXPECT_EQ(tess.first_name, "Tess");  // absent from the record: left as it is
  const eu::ExperienceUser nora = user("names@example.com");
  EXPECT_EQ(nora.first_name, "Nora");
  EXPECT_EQ(nora.user_tags, (eu::Tags{{"role", "viewer"}}));
  EXPECT_EQ(nora.last_name, "Nash");
}

TEST_F(CliSyncTest, EmailsAreKeysIgnoringCase) {
  add("Mixed.Case@Example.com", "Mia");
  emulator_->clear_requests();
  const Outcome o =
      run({"sync", "--in", write("users.csv", "email,firstName\nmixed.case@example.COM,Mia\n")});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_TRUE(writes().empty());  // a difference of case is not a change
  EXPECT_EQ(user("mixed.case@example.com").email, "Mixed.Case@Example.com");

  // Twice in one file, ignoring case: invalid, nothing sent.
  const Outcome twice =
      run({"sync", "--in",
           write("users.csv", std::string("email,password\n") + "new@example.com," + kSecret +
                                  "\n" + "NEW@example.com," + kSecret + "\n")});
  EXPECT_EQ(twice.exit_code, 3) << twice;
  EXPECT_NE(twice.err.find("row 2 (NEW@example.com): email: the same email as row 1"),
            std::string::npos)
      << twice;
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliSyncTest, GroupNamesResolveToIdsAndAnEmptyGroupsCellMeansNoGroup) {
  const std::vector<eu::testing::Group> groups = emulator_->groups();
  ASSERT_GE(groups.size(), 2u);
  add("member@example.com", "Mem", {}, {groups[0].id});
  add("leaver@example.com", "Lee", {}, {groups[0].id});
  emulator_->clear_requests();
  const std::string csv = write("users.csv",
                                "email,groups,groupNames\n"
                                "member@example.com,," +
                                    groups[1].name + "\n" + "leaver@example.com,,\n");
  const Outcome o = run({"sync", "--in", csv});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(bodies_of("PATCH"),
            (std::vector<std::string>{R"({"experienceGroupIds":[")" + groups[1].id + R"("]})",
                                      R"({"experienceGroupIds":[]})"}));
  const eu::ExperienceUser member = user("member@example.com");
  ASSERT_TRUE(member.experience_groups.has_value());
  ASSERT_EQ(member.experience_groups->size(), 1u);
  EXPECT_EQ(member.experience_groups->at(0).id, groups[1].id);
  const eu::ExperienceUser leaver = user("leaver@example.com");
  EXPECT_TRUE(!leaver.experience_groups || leaver.experience_groups->empty());

  emulator_->clear_requests();
  ASSERT_EQ(run({"sync", "--in", csv}).exit_code, 0);
  EXPECT_TRUE(writes().empty());

  const Outcome unknown =
      run({"sync", "--in", write("users.csv", "email,groupNames\nmember@example.com,No Such\n")});
  EXPECT_EQ(unknown.exit_code, 3) << unknown;
  EXPECT_TRUE(writes().empty());
}

// ---- Dry run, report, checks -----------------------------------------------------------------

TEST_F(CliSyncTest, DryRunSendsNoWriteAndPrintsThePlanFieldByField) {
  const std::string ada = add("ada@example.com", "Ada", {{"role", "admin"}});
  add("same@example.com", "Sam");
  const std::string old_one = add("old@example.com", "Old");
  emulator_->clear_requests();
  const std::string csv =
      write("users.csv", std::string("email,password,firstName,tags\n") +
                             "ada@example.com,,Augusta,role=viewer\n" + "same@example.com,,Sam,\n" +
                             "new@example.com," + kSecret + ",New,\n");
  const std::string report = path("report.csv");
  const Outcome o = run({"sync", "--in", csv, "--prune", "--dry-run", "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out,
            "sync: dry run: 3 records: 1 to create, 1 to update, 1 unchanged, 1 to delete; "
            "nothing was sent\n"
            "create row 3 (new@example.com)\n"
            "update row 1 (ada@example.com): firstName, tags\n"
            "delete old@example.com (" +
                old_one + ")\n")
      << o;
  EXPECT_TRUE(writes().empty());
  EXPECT_EQ(emulator_->user_count(), 3u);

  const Report r = read_report(report);
  EXPECT_EQ(r.header, (std::vector<std::string>{"row", "email", "action", "outcome", "user_id",
                                                "changes", "error"}));
  ASSERT_EQ(r.rows, 4u);
  EXPECT_EQ(r.by_email.at("ada@example.com"), (ReportRow{{"row", "1"},
                                                         {"email", "ada@example.com"},
                                                         {"action", "update"},
                                                         {"outcome", ""},
                                                         {"user_id", ada},
                                                         {"changes", "firstName;tags"},
                                                         {"error", ""}}));
  EXPECT_EQ(r.by_email.at("new@example.com").at("action"), "create");
  EXPECT_EQ(r.by_email.at("same@example.com").at("action"), "unchanged");
  EXPECT_EQ(r.by_email.at("old@example.com").at("action"), "delete");
  EXPECT_EQ(r.by_email.at("old@example.com").at("outcome"), "");
}

TEST_F(CliSyncTest, TheReportHasOneRowPerUserOfTheFileOrTheApplication) {
  const std::string ada = add("ada@example.com", "Ada");
  const std::string same = add("same@example.com", "Sam");
  const std::string other = add("other@example.com", "Otto");
  const std::string report = path("report.csv");
  const Outcome o =
      run({"sync", "--in",
           write("users.csv", std::string("email,password,firstName\n") +
                                  "ada@example.com,,Augusta\nsame@example.com,,Sam\n" +
                                  "new@example.com," + kSecret + ",New\n"),
           "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  const Report r = read_report(report);
  ASSERT_EQ(r.rows, 4u);
  const auto expect = [&](const std::string& email, const std::string& row,
                          const std::string& action, const std::string& outcome,
                          const std::string& id, const std::string& changes) {
    EXPECT_EQ(r.by_email.at(email), (ReportRow{{"row", row},
                                               {"email", email},
                                               {"action", action},
                                               {"outcome", outcome},
                                               {"user_id", id},
                                               {"changes", changes},
                                               {"error", ""}}))
        << email;
  };
  expect("ada@example.com", "1", "update", "updated", ada, "firstName");
  expect("same@example.com", "2", "unchanged", "unchanged", same, "");
  expect("new@example.com", "3", "create", "created", user("new@example.com").id, "");
  expect("other@example.com", "", "unchanged", "unchanged", other, "");
  EXPECT_EQ(read_file(report).find(kSecret), std::string::npos);
}

TEST_F(CliSyncTest, AnInvalidRecordStopsEverythingBeforeTheFirstWrite) {
  add("ada@example.com", "Ada");
  emulator_->clear_requests();
  const std::string report = path("report.csv");
  const Outcome o =
      run({"sync", "--in",
           write("users.csv", std::string("email,password,firstName,tags\n") +
                                  "ada@example.com,,Augusta,\n" + "new@example.com," + kSecret +
                                  ",New,bad key=1\n" + "nopass@example.com,,Nemo,\n" +
                                  "not-an-email," + kSecret + ",X,\n"),
           "--prune", "--report", report});
  EXPECT_EQ(o.exit_code, 3) << o;
  EXPECT_NE(o.err.find("row 2 (new@example.com): "), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 3 (nopass@example.com): password: required"), std::string::npos) << o;
  EXPECT_NE(o.err.find("row 4 (not-an-email): email"), std::string::npos) << o;
  EXPECT_NE(o.err.find("3 of 4 records are invalid; nothing was sent"), std::string::npos) << o;
  EXPECT_TRUE(writes().empty());
  EXPECT_EQ(user("ada@example.com").first_name, "Ada");
  const Report r = read_report(report);
  EXPECT_EQ(r.by_email.at("nopass@example.com").at("outcome"), "invalid");
  EXPECT_EQ(r.by_email.at("ada@example.com").at("outcome"), "");
  EXPECT_EQ(r.by_email.at("ada@example.com").at("action"), "update");
}

TEST_F(CliSyncTest, GeneratedPasswordsAreWrittenBeforeTheUsersAreCreated) {
  add("ada@example.com", "Ada");
  const std::string passwords = path("passwords.csv");
  const Outcome o = run({"sync", "--in",
                         write("users.csv",
                               "email,firstName\nada@example.com,Ada\n"
                               "new@example.com,New\n"),
                         "--generate-passwords", passwords});
  ASSERT_EQ(o.exit_code, 0) << o;
  const std::vector<std::string> lines = eu::testing::lines_of(read_file(passwords));
  ASSERT_EQ(lines.size(), 2u);  // only the new user needs one
  EXPECT_EQ(lines[0], "row,email,password");
  EXPECT_EQ(lines[1].rfind("2,new@example.com,", 0), 0u);
  EXPECT_EQ(eu::testing::permissions_of(passwords), 0600u);
  EXPECT_EQ(user("new@example.com").first_name, "New");
}

// ---- Round trips -----------------------------------------------------------------------------

TEST_F(CliSyncTest, AnExportFedBackSendsNoWrite) {
  const std::vector<eu::testing::Group> groups = emulator_->groups();
  add("full@example.com", "Full", {{"role", "admin"}, {"odd_key", "a=b;c"}},
      {groups[0].id, groups[1].id});
  add("bare@example.com", "");
  const std::string cut = add("cut@example.com", "Cut", {{"role", "viewer"}});
  eu::ExperienceUserPatch cutoff;
  cutoff.token_cutoff = eu::parse_timestamp("2024-05-01T12:00:00.123Z");
  cutoff.last_name = "=SUM(A1)";  // formula-guarded in CSV
  ASSERT_TRUE(client().update(app(), cut, cutoff));
  for (const char* format : {"csv", "jsonl"}) {
    const std::string file = path(std::string("export.") + format);
    ASSERT_EQ(run({"export", "--format", format, "--out", file}).exit_code, 0) << format;
    emulator_->clear_requests();
    const Outcome o = run({"sync", "--in", file, "--prune"});
    ASSERT_EQ(o.exit_code, 0) << format << ": " << o;
    EXPECT_EQ(o.out, "sync: 3 records: 0 created, 0 updated, 3 unchanged, 0 deleted, 0 failed\n")
        << format << ": " << o;
    EXPECT_TRUE(writes().empty()) << format;
  }
}

// ---- Faults ----------------------------------------------------------------------------------

TEST_F(CliSyncTest, ThrottlingAndLostAnswersEndInExactlyTheFilesUsers) {
  std::vector<std::string> kept_ids;
  std::string text = "email,password,firstName\n";
  for (int i = 0; i < 6; ++i) {
    const std::string n = std::to_string(i);
    kept_ids.push_back(add("old" + n + "@example.com", "Old"));
    text += "old" + n + "@example.com,,Renamed" + n + "\n";  // an update each
    text += "new" + n + "@example.com," + kSecret + ",New" + n + "\n";
    add("gone" + n + "@example.com", "Gone");
  }
  emulator_->add_fault(Route::kCreate, Fault::http_status(429, "1"));
  emulator_->add_fault(Route::kCreate, Fault::of(Fault::Kind::kApplyThenDrop, 2));
  emulator_->add_fault(Route::kCreate, Fault::http_status(503));
  emulator_->add_fault(Route::kUpdate, Fault::http_status(503, "1"));
  emulator_->add_fault(Route::kUpdate, Fault::of(Fault::Kind::kApplyThenDrop, 2));
  emulator_->add_fault(Route::kUpdate, Fault::http_status(429));
  emulator_->add_fault(Route::kDelete, Fault::of(Fault::Kind::kApplyThenDrop, 2));
  emulator_->add_fault(Route::kDelete, Fault::http_status(429, "1"));
  emulator_->add_fault(Route::kDelete, Fault::http_status(503));
  const std::string csv = write("users.csv", text);
  const std::string report = path("report.csv");
  const Outcome o = run({"sync", "--in", csv, "--prune", "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "sync: 12 records: 6 created, 6 updated, 0 unchanged, 6 deleted, 0 failed\n")
      << o;
  EXPECT_EQ(emulator_->user_count(), 12u);
  // Every fault was met: each costs its request one more attempt.
  EXPECT_GE(bodies_of("POST").size(), 6u + 2u);
  EXPECT_GE(bodies_of("PATCH").size(), 6u + 4u);
  EXPECT_GE(bodies_of("DELETE").size(), 6u + 4u);
  for (int i = 0; i < 6; ++i) {
    const std::string n = std::to_string(i);
    EXPECT_EQ(emulator_->find_by_email("new" + n + "@example.com").size(), 1u) << n;
    EXPECT_EQ(user("new" + n + "@example.com").first_name, "New" + n);
    EXPECT_EQ(user("old" + n + "@example.com").first_name, "Renamed" + n);
    EXPECT_TRUE(emulator_->find_by_email("gone" + n + "@example.com").empty()) << n;
  }
  const Report r = read_report(report);
  ASSERT_EQ(r.rows, 18u);
  for (const auto& [email, row] : r.by_email) {
    const std::string expected = email.rfind("new", 0) == 0   ? "created"
                                 : email.rfind("old", 0) == 0 ? "updated"
                                                              : "deleted";
    EXPECT_EQ(row.at("outcome"), expected) << email;
  }

  // Done: the same file again writes nothing.
  emulator_->clear_faults();
  emulator_->clear_requests();
  const Outcome again = run({"sync", "--in", csv, "--prune"});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_TRUE(writes().empty());
}

}  // namespace
