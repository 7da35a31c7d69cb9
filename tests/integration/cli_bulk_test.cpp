// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// `export` and `import` of the losant-experience-users tool, run as a child process against
// in-process emulators: every export format over several pages, the round trip through import
// into a fresh emulator, CSV quoting, validation before anything is sent, dry runs, re-runs,
// the report, generated passwords, exit codes, the progress bar, and that no password ever
// reaches the tool's output or its report.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;
namespace emu = losant::experience_users::testing;
namespace fs = std::filesystem;

using eu::testing::Environment;
using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::permissions_of;
using eu::testing::read_file;
using eu::testing::run_tool;
using eu::testing::RunOptions;
using eu::testing::write_file;

using Csv = std::vector<std::vector<std::string>>;
using eu::testing::parse_csv;

constexpr const char* kSecret = "Sup3r-Secret-Pa55word";
constexpr std::size_t kSeededUsers = 2500;  // three pages of 1000
constexpr const char* kCsvHeader =
    "id,email,firstName,lastName,creationDate,lastUpdated,lastLogin,tokenCutoff,groups,tags";

std::string group_ids_of(const eu::ExperienceUser& user) {
  std::string ids;
  for (const auto& group : user.experience_groups.value_or(std::vector<eu::ExperienceGroup>{})) {
    ids += (ids.empty() ? "" : ";") + group.id.value_or("");
  }
  return ids;
}

// What import can carry over: everything but ids, dates set by the server, and the password.
struct Portable {
  std::optional<std::string> first_name, last_name;
  std::optional<eu::Timestamp> token_cutoff;
  eu::Tags tags;
  std::string groups;
  bool operator==(const Portable& o) const {
    return first_name == o.first_name && last_name == o.last_name &&
           token_cutoff == o.token_cutoff && tags == o.tags && groups == o.groups;
  }
};

std::map<std::string, Portable> portable_users(const eu::ExperienceUsersClient& client,
                                               const std::string& app) {
  std::map<std::string, Portable> users;
  for (auto& user : client.list_all(app)) {
    EXPECT_TRUE(user) << user.error().to_string();
    if (!user) break;
    users[user->email] = {user->first_name, user->last_name, user->token_cutoff,
                          user->user_tags.value_or(eu::Tags{}), group_ids_of(*user)};
  }
  return users;
}

void expect_no_secret(const Outcome& o, const std::string& secret = kSecret) {
  EXPECT_EQ(o.out.find(secret), std::string::npos) << o;
  EXPECT_EQ(o.err.find(secret), std::string::npos) << o;
}

// The row of @p report (a parsed report CSV) for input row @p row.
std::vector<std::string> report_row(const Csv& report, std::size_t row) {
  for (const auto& line : report) {
    if (!line.empty() && line[0] == std::to_string(row)) return line;
  }
  ADD_FAILURE() << "no report line for row " << row;
  return std::vector<std::string>(5);
}

class CliBulkTest : public eu::testing::CliEmulatorTest {
 protected:
  CliBulkTest() : CliEmulatorTest(kSeededUsers) {}

  void SetUp() override {
    CliEmulatorTest::SetUp();
    if (IsSkipped()) return;
    std::string pattern = (fs::temp_directory_path() / "cli_bulk_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    CliEmulatorTest::TearDown();
  }

  fs::path file(const std::string& name) const { return dir_ / name; }

  // A second, empty emulator (it has the same seeded groups, so group ids carry over).
  std::unique_ptr<emu::Emulator> fresh_emulator() const {
    auto fresh = std::make_unique<emu::Emulator>();
    EXPECT_TRUE(fresh->start());
    return fresh;
  }
  eu::ExperienceUsersClient client_of(const emu::Emulator& emulator) const {
    eu::ClientOptions o = options();
    o.base_url = emulator.base_url();
    return eu::ExperienceUsersClient(o);
  }

  // Every user of the test's emulator, in the default order (email ascending).
  std::vector<eu::ExperienceUser> all_users() const {
    std::vector<eu::ExperienceUser> users;
    for (auto& user : client().list_all(app())) {
      EXPECT_TRUE(user) << user.error().to_string();
      if (!user) break;
      users.push_back(*user);
    }
    return users;
  }

  fs::path dir_;
};

// ---- export ----------------------------------------------------------------------------------

TEST_F(CliBulkTest, ExportJsonLinesIsEveryUserFetchedPageByPage) {
  emulator_->clear_requests();
  const Outcome o = run({"export"});
  // Three pages of the largest size, one request each (pages 1 and 2 are in flight together:
  // in any order).
  std::map<std::string, std::string> pages;
  for (const emu::RecordedRequest& request : emulator_->requests()) {
    EXPECT_EQ(request.parameter("perPage"), "1000") << request.target;
    pages[request.parameter("page").value_or("none")] = request.target;
  }
  EXPECT_EQ(emulator_->requests().size(), 3u);
  EXPECT_EQ(pages.size(), 3u);
  for (const char* page : {"0", "1", "2"}) EXPECT_EQ(pages.count(page), 1u) << page;

  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err, "");  // no progress bar on a pipe
  const std::vector<std::string> lines = lines_of(o.out);
  const std::vector<eu::ExperienceUser> expected = all_users();
  ASSERT_EQ(lines.size(), kSeededUsers);
  ASSERT_EQ(expected.size(), kSeededUsers);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i], eu::to_json(expected[i])) << "line " << i + 1;
  }
}

TEST_F(CliBulkTest, ExportJsonIsOneArrayWrittenToAPrivateFile) {
  const fs::path out = file("users.json");
  const Outcome o = run({"export", "--format", "json", "--out", out.string(), "--per-page", "700"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(permissions_of(out), 0600u);
  // The SDK's own page parser reads the array back (and so checks that it is valid JSON).
  const auto parsed = eu::parse_experience_users("{\"items\":" + read_file(out) + "}");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  const std::vector<eu::ExperienceUser> expected = all_users();
  ASSERT_EQ(parsed->items.size(), expected.size());
  EXPECT_EQ(parsed->items, expected);

  // No user matches: still a valid (empty) array.
  const Outcome none =
      run({"export", "--format", "json", "--filter-field", "email", "--filter", "nobody*"});
  ASSERT_EQ(none.exit_code, 0) << none;
  EXPECT_EQ(none.out, "[]\n");
}

TEST_F(CliBulkTest, ExportCsvHasTheDocumentedColumns) {
  const Outcome o = run({"export", "--format", "csv"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const Csv csv = parse_csv(o.out);
  const std::vector<eu::ExperienceUser> expected = all_users();
  ASSERT_EQ(csv.size(), expected.size() + 1);
  EXPECT_EQ(lines_of(o.out).front(), kCsvHeader);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const eu::ExperienceUser& user = expected[i];
    const std::vector<std::string>& row = csv[i + 1];
    ASSERT_EQ(row.size(), 10u) << i;
    auto date = [](const std::optional<eu::Timestamp>& t) {
      return t ? eu::format_timestamp(*t) : std::string();
    };
    std::string tags;
    for (const auto& [key, value] : user.user_tags.value_or(eu::Tags{})) {
      tags += (tags.empty() ? "" : ";") + key + "=" + value;
    }
    EXPECT_EQ(row, (std::vector<std::string>{user.id, user.email, user.first_name.value_or(""),
                                             user.last_name.value_or(""), date(user.creation_date),
                                             date(user.last_updated), date(user.last_login),
                                             date(user.token_cutoff), group_ids_of(user), tags}))
        << "row " << i + 1;
  }
}

TEST_F(CliBulkTest, ExportCsvTagColumnsTakeTheirKeysOutOfTheTagsColumn) {
  const Outcome o = run({"export", "--format", "csv", "--tag-columns", "role,plan"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const Csv csv = parse_csv(o.out);
  ASSERT_EQ(csv.front().size(), 12u);
  EXPECT_EQ(csv.front()[10], "tag.role");
  EXPECT_EQ(csv.front()[11], "tag.plan");
  const std::vector<eu::ExperienceUser> expected = all_users();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const eu::Tags tags = expected[i].user_tags.value_or(eu::Tags{});
    const std::vector<std::string>& row = csv[i + 1];
    EXPECT_EQ(row[10], tags.count("role") ? tags.at("role") : "");
    EXPECT_EQ(row[11], tags.count("plan") ? tags.at("plan") : "");
    EXPECT_EQ(row[9].find("role="), std::string::npos) << row[9];
    EXPECT_EQ(row[9].find("plan="), std::string::npos) << row[9];
    EXPECT_EQ(row[9], tags.count("region") ? "region=" + tags.at("region") : "");
  }
}

TEST_F(CliBulkTest, ExportAppliesTheListFilters) {
  eu::ListQuery filtered;
  filtered.filter_field = eu::FilterField::kEmail;
  filtered.filter = "user0001*";
  filtered.sort_field = eu::SortField::kEmail;
  filtered.sort_direction = eu::SortDirection::kDesc;
  eu::ListQuery no_group;
  no_group.experience_group = eu::GroupFilter::none();
  const std::vector<std::pair<std::vector<std::string>, eu::ListQuery>> cases{
      {{"--filter-field", "email", "--filter", "user0001*", "--sort-field", "email",
        "--sort-direction", "desc", "--per-page", "30"},
       filtered},
      {{"--group", "none"}, no_group},
  };
  for (const auto& [options, query] : cases) {
    std::vector<std::string> args{"export"};
    args.insert(args.end(), options.begin(), options.end());
    const Outcome o = run(args);
    ASSERT_EQ(o.exit_code, 0) << o.err;
    std::vector<std::string> expected;
    for (auto& user : client().list_all(app(), query)) expected.push_back(eu::to_json(*user));
    EXPECT_EQ(lines_of(o.out), expected);
    EXPECT_FALSE(expected.empty());
  }
  EXPECT_EQ(
      lines_of(run({"export", "--filter-field", "email", "--filter", "user0001*"}).out).size(),
      100u);
}

TEST_F(CliBulkTest, ExportErrorsUseTheExitCodes) {
  Environment wrong = env();
  wrong["LOSANT_API_TOKEN"] = "not-the-token";
  const Outcome unauthorized = run_tool({"export"}, wrong);
  EXPECT_EQ(unauthorized.exit_code, 4) << unauthorized;
  EXPECT_EQ(unauthorized.out, "");

  // The second page fails for good: the message says how far the export got.
  emu::Fault unavailable;
  unavailable.kind = emu::Fault::Kind::kStatus;
  unavailable.status = 500;
  unavailable.count = 3;  // every attempt at the second page
  unavailable.when_query = {{"page", "1"}};
  emulator_->add_fault(emu::Route::kList, unavailable);
  const Outcome broken = run({"export"});
  EXPECT_EQ(broken.exit_code, 6) << broken.err;
  EXPECT_EQ(lines_of(broken.out).size(), 1000u);
  EXPECT_NE(broken.err.find("after 1000 users: the output is incomplete"), std::string::npos)
      << broken.err;

  const Outcome bad_format = run({"export", "--format", "table"});
  EXPECT_EQ(bad_format.exit_code, 2) << bad_format;
  EXPECT_NE(bad_format.err.find("jsonl|csv|json"), std::string::npos) << bad_format;
  const Outcome bad_out = run({"export", "--out", (dir_ / "missing" / "x.jsonl").string()});
  EXPECT_EQ(bad_out.exit_code, 2) << bad_out;
}

TEST_F(CliBulkTest, ProgressBarOnlyWhenStderrIsATerminal) {
  RunOptions on_terminal;
  on_terminal.stderr_terminal = true;
  const Outcome drawn = run_tool({"export", "--out", file("a.jsonl").string()}, env(), on_terminal);
  ASSERT_EQ(drawn.exit_code, 0) << drawn;
  EXPECT_NE(drawn.err.find("2500/2500"), std::string::npos) << drawn.err;
  EXPECT_NE(drawn.err.find("100%"), std::string::npos) << drawn.err;
  EXPECT_NE(drawn.err.find("/s"), std::string::npos) << drawn.err;

  const Outcome piped = run({"export", "--out", file("b.jsonl").string()});
  ASSERT_EQ(piped.exit_code, 0) << piped;
  EXPECT_EQ(piped.err, "");
  EXPECT_EQ(read_file(file("a.jsonl")), read_file(file("b.jsonl")));
}

// ---- export, then import ---------------------------------------------------------------------

TEST_F(CliBulkTest, ExportThenImportRecreatesTheUsersInEachFormat) {
  const std::map<std::string, Portable> original = portable_users(client(), app());
  ASSERT_EQ(original.size(), kSeededUsers);
  for (const char* format : {"csv", "jsonl"}) {
    SCOPED_TRACE(format);
    const fs::path exported = file(std::string("users.") + format);
    const fs::path passwords = file(std::string("passwords-") + format + ".csv");
    const Outcome out = run({"export", "--format", format, "--out", exported.string()});
    ASSERT_EQ(out.exit_code, 0) << out;

    std::unique_ptr<emu::Emulator> target = fresh_emulator();
    const Outcome in = run_tool({"import", "--in", exported.string(), "--generate-passwords",
                                 passwords.string(), "--concurrency", "16"},
                                env(target.get()));
    ASSERT_EQ(in.exit_code, 0) << in;
    EXPECT_EQ(in.out, "import: 2500 rows: 2500 created, 0 skipped, 0 failed\n");
    EXPECT_EQ(portable_users(client_of(*target), target->application_id()), original);

    // Every user got its own generated password, in a file only the owner can read.
    EXPECT_EQ(permissions_of(passwords), 0600u);
    const Csv generated = parse_csv(read_file(passwords));
    ASSERT_EQ(generated.size(), kSeededUsers + 1);
    EXPECT_EQ(generated.front(), (std::vector<std::string>{"row", "email", "password"}));
    std::set<std::string> distinct;
    for (std::size_t i = 1; i < generated.size(); ++i) {
      EXPECT_EQ(generated[i][2].size(), 24u);
      distinct.insert(generated[i][2]);
      expect_no_secret(in, generated[i][2]);
    }
    EXPECT_EQ(distinct.size(), kSeededUsers);
  }
}

TEST_F(CliBulkTest, FormulaLikeValuesAreGuardedInCsvAndRestoredOnImport) {
  eu::ExperienceUserPost risky = new_user("=risky");
  risky.first_name = "=HYPERLINK(\"http://evil.example\",\"x\")";
  risky.last_name = "+1-555-0100";
  risky.user_tags = eu::Tags{{"note", "@SUM(A1)"}, {"quote", "'kept"}};
  ASSERT_TRUE(client().create(app(), risky));

  const fs::path exported = file("users.csv");
  ASSERT_EQ(run({"export", "--format", "csv", "--out", exported.string(), "--filter-field", "email",
                 "--filter", "=risky*"})
                .exit_code,
            0);
  const std::string text = read_file(exported);
  EXPECT_NE(text.find("'=risky@example.org"), std::string::npos) << text;
  EXPECT_NE(text.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), std::string::npos)
      << text;
  EXPECT_NE(text.find(",'+1-555-0100,"), std::string::npos) << text;
  for (const auto& row : parse_csv(text)) {
    for (const auto& cell : row) {
      EXPECT_TRUE(cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos)
          << cell;
    }
  }

  std::unique_ptr<emu::Emulator> target = fresh_emulator();
  const Outcome in = run_tool(
      {"import", "--in", exported.string(), "--generate-passwords", file("passwords.csv").string()},
      env(target.get()));
  ASSERT_EQ(in.exit_code, 0) << in;
  const std::map<std::string, Portable> copied =
      portable_users(client_of(*target), target->application_id());
  ASSERT_EQ(copied.count(risky.email), 1u);
  EXPECT_EQ(copied.at(risky.email).first_name, risky.first_name);
  EXPECT_EQ(copied.at(risky.email).last_name, risky.last_name);
  EXPECT_EQ(copied.at(risky.email).tags, *risky.user_tags);
}

// ---- import ----------------------------------------------------------------------------------

TEST_F(CliBulkTest, ImportCsvReadsQuotingLineBreaksAndUtf8) {
  const std::string group = emulator_->groups().at(1).id;
  const fs::path input = file("users.csv");
  // A byte order mark, CRLF line ends, columns in another order, a quoted comma, quotes, a line
  // break inside a field, UTF-8, a tag column and a tags cell with an escaped ';'.
  write_file(input,
             "\xEF\xBB\xBF"
             "lastName,email,password,firstName,groups,tokenCutoff,tag.team,tags\r\n"
             "\"Lovelace, Countess\",ada@import.example.com," +
                 std::string(kSecret) +
                 ",Ada,,2024-05-01T12:00:00Z,math,\"motto=poetical\\; science\"\r\n"
                 "\"O\"\"Brien\",\"sean@import.example.com\",\"" +
                 kSecret + "\",\"Seán\nline two\"," + group +
                 ",,,\r\n"
                 "Müller,zoe@import.example.com," +
                 kSecret + ",Zoë,,,,\r\n");
  const Outcome o = run({"import", "--in", input.string()});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "import: 3 rows: 3 created, 0 skipped, 0 failed\n");
  expect_no_secret(o);

  const std::map<std::string, Portable> users = portable_users(client(), app());
  const Portable& ada = users.at("ada@import.example.com");
  EXPECT_EQ(ada.first_name, "Ada");
  EXPECT_EQ(ada.last_name, "Lovelace, Countess");
  EXPECT_EQ(ada.token_cutoff, eu::parse_timestamp("2024-05-01T12:00:00Z"));
  EXPECT_EQ(ada.tags, (eu::Tags{{"team", "math"}, {"motto", "poetical; science"}}));
  const Portable& sean = users.at("sean@import.example.com");
  EXPECT_EQ(sean.first_name, "Seán\nline two");
  EXPECT_EQ(sean.last_name, "O\"Brien");
  EXPECT_EQ(sean.groups, group);
  EXPECT_EQ(users.at("zoe@import.example.com").first_name, "Zoë");
  EXPECT_EQ(users.at("zoe@import.example.com").last_name, "Müller");
}

TEST_F(CliBulkTest, ImportJsonLinesFromStdinWithCreateBodies) {
  const std::string body = std::string("{\"email\":\"grace@import.example.com\",\"password\":\"") +
                           kSecret +
                           "\",\"firstName\":\"Grace\",\"userTags\":{\"rank\":\"rear admiral\"}}";
  const Outcome o = run({"import", "--in", "-", "--format", "jsonl"}, body + "\n\n");
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "import: 1 rows: 1 created, 0 skipped, 0 failed\n");
  const std::map<std::string, Portable> users = portable_users(client(), app());
  const Portable& grace = users.at("grace@import.example.com");
  EXPECT_EQ(grace.first_name, "Grace");
  EXPECT_EQ(grace.tags, (eu::Tags{{"rank", "rear admiral"}}));
  bool sent = false;
  for (const emu::RecordedRequest& request : emulator_->requests()) {
    if (request.method == "POST") {
      sent =
          request.body.find(std::string("\"password\":\"") + kSecret + "\"") != std::string::npos;
    }
  }
  EXPECT_TRUE(sent);
}

TEST_F(CliBulkTest, InvalidRowsAreAllReportedAndNothingIsSent) {
  const std::string taken = all_users().front().email;
  const fs::path input = file("users.csv");
  const fs::path report = file("report.csv");
  const std::string s = kSecret;
  write_file(input,
             "email,password,firstName,tokenCutoff,groups,tags\n"
             "good@import.example.com," +
                 s +
                 ",Good,,,\n"  // row 1: valid
                 "not-an-email," +
                 s +
                 ",,,,\n"                                // row 2
                 "short@import.example.com,Xq7#k,,,,\n"  // row 3: never echoed
                 "date@import.example.com," +
                 s +
                 ",,yesterday,,\n"  // row 4
                 "group@import.example.com," +
                 s +
                 ",,,nope,\n"  // row 5
                 "tag@import.example.com," +
                 s +
                 ",,,,bad key=1\n"  // row 6
                 "GOOD@import.example.com," +
                 s +
                 ",,,,\n"  // row 7: duplicate of 1
                 "fields@import.example.com," +
                 s + "\n"                        // row 8: too few fields
                 + taken + "," + s + ",,,,\n");  // row 9: valid (exists)
  const std::size_t requests = emulator_->request_count();
  const Outcome o = run({"import", "--in", input.string(), "--report", report.string()});
  EXPECT_EQ(o.exit_code, 3) << o;
  EXPECT_EQ(o.out, "");
  const std::vector<std::pair<std::size_t, std::string>> expected{
      {2, "email: must be"},  {3, "password: must be"}, {4, "tokenCutoff"},
      {5, "groups #1: must"}, {6, "tags \"bad key\""},  {7, "the same email as row 1"},
      {8, "has 2 fields"}};
  const std::vector<std::string> errors = lines_of(o.err);
  ASSERT_EQ(errors.size(), expected.size() + 1) << o;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    // `row N (EMAIL): ...`, or `row N: ...` when the record could not be read at all.
    const std::string prefix = "error: row " + std::to_string(expected[i].first);
    EXPECT_EQ(errors[i].rfind(prefix, 0), 0u) << errors[i];
    EXPECT_NE(std::string(" :").find(errors[i][prefix.size()]), std::string::npos) << errors[i];
    EXPECT_NE(errors[i].find(expected[i].second), std::string::npos) << errors[i];
  }
  EXPECT_EQ(errors.back(), "error: 7 of 9 rows are invalid; nothing was sent");
  EXPECT_EQ(emulator_->request_count(), requests);
  expect_no_secret(o);
  expect_no_secret(o, "Xq7#k");

  const std::string report_text = read_file(report);
  EXPECT_EQ(report_text.find(kSecret), std::string::npos);
  EXPECT_EQ(report_text.find("Xq7#k"), std::string::npos);
  const Csv rows = parse_csv(report_text);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows.front(),
            (std::vector<std::string>{"row", "email", "outcome", "user_id", "error", "detail"}));
  EXPECT_EQ(report_row(rows, 1)[2], "valid");
  EXPECT_EQ(report_row(rows, 9)[2], "valid");
  for (const auto& [row, mention] : expected) {
    EXPECT_EQ(report_row(rows, row)[2], "invalid");
    EXPECT_NE(report_row(rows, row)[4].find(mention), std::string::npos) << row;
  }
}

TEST_F(CliBulkTest, InvalidJsonLinesAreReportedByRow) {
  const std::string s = kSecret;
  const std::string input = "{\"email\":\"ok@import.example.com\",\"password\":\"" + s +
                            "\"}\n"
                            "{\"email\":\"x@import.example.com\",\"password\":\"" +
                            s +
                            "\",\"nickname\":\"x\"}\n"
                            "{\"email\":\"y@import.example.com\",\"password\":\"" +
                            s +
                            "\"\n"
                            "[1,2]\n"
                            "{\"email\":\"z@import.example.com\",\"password\":\"" +
                            s + "\",\"userTags\":{\"k\":\"\"}}\n";
  const std::size_t requests = emulator_->request_count();
  const Outcome o = run({"import", "--in", "-", "--format", "jsonl"}, input);
  EXPECT_EQ(o.exit_code, 3) << o;
  const std::vector<std::string> errors = lines_of(o.err);
  ASSERT_EQ(errors.size(), 5u) << o;
  EXPECT_NE(errors[0].find("row 2: "), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find(": nickname: "), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("row 3: "), std::string::npos) << errors[1];
  EXPECT_NE(errors[1].find("not valid JSON"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("row 4: "), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("row 5 "), std::string::npos) << errors[3];
  EXPECT_NE(errors[3].find("): tags k: "), std::string::npos) << errors[3];
  EXPECT_EQ(emulator_->request_count(), requests);
  expect_no_secret(o);
}

TEST_F(CliBulkTest, AFileWithoutPasswordsNeedsGeneratedOnes) {
  const fs::path input = file("users.csv");
  write_file(input, "email,firstName\na@import.example.com,A\nb@import.example.com,B\n");
  const Outcome refused = run({"import", "--in", input.string()});
  EXPECT_EQ(refused.exit_code, 3) << refused;
  EXPECT_NE(refused.err.find("--generate-passwords"), std::string::npos) << refused;
  ASSERT_EQ(lines_of(refused.err).size(), 1u) << refused;

  // A file that exists is never overwritten with passwords.
  write_file(file("taken.csv"), "keep me\n");
  const Outcome exists =
      run({"import", "--in", input.string(), "--generate-passwords", file("taken.csv").string()});
  EXPECT_EQ(exists.exit_code, 2) << exists;
  EXPECT_EQ(read_file(file("taken.csv")), "keep me\n");
  EXPECT_TRUE(emulator_->find_by_email("a@import.example.com").empty());
}

TEST_F(CliBulkTest, GeneratedPasswordsAreWrittenBeforeTheUsersAreCreatedWithThem) {
  const fs::path input = file("users.jsonl");
  const fs::path passwords = file("passwords.csv");
  write_file(input, "{\"email\":\"own@import.example.com\",\"password\":\"" + std::string(kSecret) +
                        "\"}\n{\"email\":\"gen@import.example.com\",\"firstName\":\"Gen\"}\n");
  const Outcome o =
      run({"import", "--in", input.string(), "--generate-passwords", passwords.string()});
  ASSERT_EQ(o.exit_code, 0) << o;
  const Csv generated = parse_csv(read_file(passwords));
  ASSERT_EQ(generated.size(), 2u);  // the header and the record without a password
  EXPECT_EQ(generated[1][0], "2");
  EXPECT_EQ(generated[1][1], "gen@import.example.com");
  const std::string password = generated[1][2];
  expect_no_secret(o, password);
  std::size_t creates = 0;
  for (const emu::RecordedRequest& request : emulator_->requests()) {
    if (request.method != "POST") continue;
    ++creates;
    const bool is_gen = request.body.find("gen@import.example.com") != std::string::npos;
    const std::string expected = is_gen ? password : std::string(kSecret);
    EXPECT_NE(request.body.find("\"password\":\"" + expected + "\""), std::string::npos);
  }
  EXPECT_EQ(creates, 2u);
}

TEST_F(CliBulkTest, DryRunChecksEverythingAndSendsNothing) {
  const fs::path input = file("users.csv");
  const fs::path report = file("report.csv");
  write_file(input, "email,password\na@import.example.com," + std::string(kSecret) +
                        "\nb@import.example.com," + kSecret + "\n");
  const std::size_t requests = emulator_->request_count();
  const Outcome o =
      run({"import", "--in", input.string(), "--dry-run", "--report", report.string()});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, "import: dry run: 2 rows are valid; nothing was sent\n");
  EXPECT_EQ(emulator_->request_count(), requests);
  const Csv rows = parse_csv(read_file(report));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "a@import.example.com", "valid", "", "", ""}));
  EXPECT_EQ(permissions_of(report), 0600u);
}

TEST_F(CliBulkTest, ReRunCreatesOnlyWhatIsMissingAndTheReportSaysSo) {
  const fs::path input = file("users.csv");
  const fs::path report = file("report.csv");
  const eu::ExperienceUser existing = all_users().front();
  const std::string taken = existing.email;
  std::string text = "email,password,firstName\n";
  for (int i = 0; i < 40; ++i) {
    text += "new" + std::to_string(i) + "@import.example.com," + kSecret + ",N" +
            std::to_string(i) + "\n";
  }
  text += taken + "," + kSecret + ",Existing\n";
  write_file(input, text);

  const Outcome first =
      run({"import", "--in", input.string(), "--report", report.string(), "--concurrency", "4"});
  ASSERT_EQ(first.exit_code, 0) << first;
  // The existing user has another first name: skipped, and said so (import changes no user).
  EXPECT_EQ(first.out, "import: 41 rows: 40 created, 1 skipped (1 differ), 0 failed\n");
  Csv rows = parse_csv(read_file(report));
  ASSERT_EQ(rows.size(), 42u);
  for (std::size_t row = 1; row <= 40; ++row) {
    const std::vector<std::string> line = report_row(rows, row);
    EXPECT_EQ(line[2], "created");
    const std::vector<std::string> ids = emulator_->find_by_email(line[1]);
    ASSERT_EQ(ids.size(), 1u) << line[1];
    EXPECT_EQ(line[3], ids.front());
    EXPECT_EQ(line[4], "");
  }
  EXPECT_EQ(report_row(rows, 41)[2], "skipped");
  EXPECT_EQ(report_row(rows, 41)[3], existing.id);
  EXPECT_EQ(report_row(rows, 41)[5], "exists; differs: firstName");
  EXPECT_EQ(emulator_->user_count(), kSeededUsers + 40);

  const Outcome again = run({"import", "--in", input.string(), "--report", report.string()});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(again.out, "import: 41 rows: 0 created, 41 skipped (1 differ), 0 failed\n");
  rows = parse_csv(read_file(report));
  for (std::size_t row = 1; row <= 41; ++row) {
    const std::vector<std::string> line = report_row(rows, row);
    EXPECT_EQ(line[2], "skipped");
    EXPECT_EQ(line[3], emulator_->find_by_email(line[1]).at(0)) << line[1];  // the existing id
    EXPECT_EQ(line[5], row <= 40 ? "exists" : "exists; differs: firstName") << line[1];
  }
  EXPECT_EQ(emulator_->user_count(), kSeededUsers + 40);
  EXPECT_EQ(read_file(report).find(kSecret), std::string::npos);
}

TEST_F(CliBulkTest, PartialFailureExitsWith9AndReportsEachFailure) {
  const fs::path input = file("users.csv");
  const fs::path report = file("report.csv");
  const std::string unknown_group = "0123456789abcdef01234567";  // well-formed, not there
  write_file(input, "email,password,groups\nok@import.example.com," + std::string(kSecret) +
                        ",\nlost@import.example.com," + kSecret + "," + unknown_group + "\n");
  const Outcome o =
      run({"--verbose", "import", "--in", input.string(), "--report", report.string()});
  EXPECT_EQ(o.exit_code, 9) << o;
  EXPECT_EQ(o.out, "import: 2 rows: 1 created, 0 skipped, 1 failed\n");
  EXPECT_NE(o.err.find("error: row 2 (lost@import.example.com): HTTP 400 Validation"),
            std::string::npos)
      << o;
  expect_no_secret(o);
  const Csv rows = parse_csv(read_file(report));
  EXPECT_EQ(report_row(rows, 1)[2], "created");
  EXPECT_EQ(report_row(rows, 2)[2], "failed");
  EXPECT_NE(report_row(rows, 2)[4].find("400"), std::string::npos);
  EXPECT_EQ(read_file(report).find(kSecret), std::string::npos);
}

TEST_F(CliBulkTest, ImportExitCodes) {
  const fs::path input = file("users.csv");
  write_file(input, "email,password\na@import.example.com," + std::string(kSecret) + "\n");

  Environment wrong = env();
  wrong["LOSANT_API_TOKEN"] = "not-the-token";
  const Outcome unauthorized = run_tool({"import", "--in", input.string()}, wrong);
  EXPECT_EQ(unauthorized.exit_code, 4) << unauthorized;
  EXPECT_NE(unauthorized.err.find("nothing was imported"), std::string::npos) << unauthorized;

  const std::vector<std::vector<std::string>> usage{
      {"import"},
      {"import", "--in", file("missing.csv").string()},
      {"import", "--in", input.string(), "--format", "json"},
      {"import", "--in", input.string(), "--concurrency", "0"},
      {"import", "--in", input.string(), "--concurrency", "65"},
      {"import", "--in", input.string(), "--report", (dir_ / "no" / "r.csv").string()},
  };
  for (const auto& args : usage) {
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 2) << o;
  }

  write_file(file("stray.csv"), "email,password\na@import.example.com,pa\"ss\n");
  const Outcome stray = run({"import", "--in", file("stray.csv").string()});
  EXPECT_EQ(stray.exit_code, 3) << stray;
  EXPECT_NE(stray.err.find("line 2: not valid CSV"), std::string::npos) << stray;
  expect_no_secret(stray, "pa\"ss");
  write_file(file("open.csv"), "email,password\n\"a@import.example.com,x\n");
  const Outcome open = run({"import", "--in", file("open.csv").string()});
  EXPECT_EQ(open.exit_code, 3) << open;
  EXPECT_NE(open.err.find("still open at the end"), std::string::npos) << open;
  write_file(file("unknown.csv"), "email,password,nickname\n");
  const Outcome unknown = run({"import", "--in", file("unknown.csv").string()});
  EXPECT_EQ(unknown.exit_code, 3) << unknown;
  EXPECT_NE(unknown.err.find("unknown column 'nickname'"), std::string::npos) << unknown;
  EXPECT_TRUE(emulator_->find_by_email("a@import.example.com").empty());

  const Outcome ok = run({"import", "--in", input.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok;
}

TEST_F(CliBulkTest, ImportProgressBarOnlyWhenStderrIsATerminal) {
  const fs::path input = file("users.csv");
  std::string text = "email,password\n";
  for (int i = 0; i < 300; ++i) {
    text += "p" + std::to_string(i) + "@import.example.com," + kSecret + "\n";
  }
  write_file(input, text);
  RunOptions on_terminal;
  on_terminal.stderr_terminal = true;
  const Outcome drawn = run_tool({"import", "--in", input.string()}, env(), on_terminal);
  ASSERT_EQ(drawn.exit_code, 0) << drawn;
  EXPECT_NE(drawn.err.find("300/300"), std::string::npos) << drawn.err;
  EXPECT_NE(drawn.err.find("created 300"), std::string::npos) << drawn.err;
  expect_no_secret(drawn);

  const Outcome piped = run({"import", "--in", input.string()});
  ASSERT_EQ(piped.exit_code, 0) << piped;
  EXPECT_EQ(piped.err, "");
}

}  // namespace
