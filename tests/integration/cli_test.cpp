// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The losant-experience-users tool, run as a child process against an in-process emulator:
// every command in its formats, the environment fallbacks, every exit code, and that no
// password ever reaches the tool's output. (export and import: cli_bulk_test.cpp.)
#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

// Readable failure messages for the models.
namespace losant::experience_users {
void PrintTo(const ExperienceUser& user, std::ostream* os) {
  *os << to_json(user);
}
void PrintTo(const ExperienceUsers& page, std::ostream* os) {
  *os << to_json(page);
}
}  // namespace losant::experience_users

namespace {

namespace eu = losant::experience_users;
namespace emu = losant::experience_users::testing;

using eu::testing::Environment;
using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::run_tool;

constexpr const char* kSecret = "Sup3r-Secret-Pa55word";
constexpr const char* kUnknownUserId = "0123456789abcdef01234567";

// The tool against a fresh emulator with 30 users per test.
class CliTest : public eu::testing::CliEmulatorTest {
 protected:
  CliTest() : CliEmulatorTest(30) {}

  eu::ExperienceUsers list(const eu::ListQuery& query) const {
    auto page = client().list(app(), query);
    EXPECT_TRUE(page) << page.error().to_string();
    return page ? *page : eu::ExperienceUsers{};
  }
  eu::ExperienceUser any_user() const {
    eu::ListQuery query;
    query.per_page = 1;
    const eu::ExperienceUsers page = list(query);
    return page.items.empty() ? eu::ExperienceUser{} : page.items.front();
  }
};

// An error is exactly one `error: ...` line on stderr and nothing on stdout.
void expect_one_error_line(const Outcome& o) {
  EXPECT_EQ(o.out, "") << o;
  ASSERT_EQ(lines_of(o.err).size(), 1u) << o;
  EXPECT_EQ(o.err.rfind("error: ", 0), 0u) << o;
}

void expect_no_secret(const Outcome& o, const std::string& secret = kSecret) {
  EXPECT_EQ(o.out.find(secret), std::string::npos) << o;
  EXPECT_EQ(o.err.find(secret), std::string::npos) << o;
}

// ---- Help, version, usage errors -------------------------------------------------------------

TEST_F(CliTest, HelpDocumentsCommandsEnvironmentAndExitCodes) {
  const Outcome o = run_tool({"--help"}, {});
  ASSERT_EQ(o.exit_code, 0) << o;
  for (const char* text :
       {"list", "get", "create", "update", "delete", "LOSANT_API_URL", "LOSANT_API_TOKEN",
        "LOSANT_APPLICATION_ID", "Exit codes:", "  2  usage", "  7  network", "  8  malformed"}) {
    EXPECT_NE(o.out.find(text), std::string::npos) << text << "\n" << o;
  }
  EXPECT_EQ(run_tool({"create", "--help"}, {}).exit_code, 0);
}

TEST_F(CliTest, VersionIsTheSdkVersion) {
  const Outcome o = run_tool({"--version"}, {});
  EXPECT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.out, std::string("losant-experience-users ") + eu::kVersion + "\n");
}

TEST_F(CliTest, UsageErrorsExitWith2AndNameTheProblem) {
  const std::string id = any_user().id;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{},
       "A command (list, get, create, update, delete, export, import, sync, revoke-sessions or "
       "groups) is required"},
      {{"frobnicate"}, "not expected: frobnicate"},
      {{"list", "--bogus"}, "--bogus"},
      {{"list", "--sort-field", "age"}, "firstName|lastName|email|id|creationDate|lastLogin"},
      {{"list", "--sort-direction", "up"}, "asc|desc"},
      {{"list", "--filter-field", "id", "--filter", "x"}, "--filter-field"},
      {{"list", "--page", "one"}, "--page"},
      {{"--format", "xml", "list"}, "table|json"},
      {{"delete", id, "--format", "csv"}, "csv is not a format of delete (it takes table|json)"},
      {{"list", "--timeout", "0"}, "--timeout"},
      {{"list", "--ca-bundle", "/nonexistent/ca.pem"}, "--ca-bundle"},
      {{"get"}, "USER_ID"},
      {{"get", id, id}, "not expected"},
      {{"create", "--password-stdin"}, "--email"},
      {{"create", "--email", "a@example.com"}, "--password"},
      {{"create", "--email", "a@example.com", "--password", kSecret, "--password-stdin"},
       "--password"},
      {{"create", "--email", "a@example.com", "--password-stdin", "--tag", "role"}, "KEY=VALUE"},
      {{"update", id, "--tag", "a=1", "--tag", "a=2"}, "'a'"},
      {{"update", id, "--token-cutoff", "yesterday"}, "ISO 8601"},
  };
  for (const auto& [args, mention] : cases) {
    const Outcome o = run(args, std::string(kSecret) + "\n");
    EXPECT_EQ(o.exit_code, 2) << o;
    expect_one_error_line(o);
    EXPECT_NE(o.err.find(mention), std::string::npos) << mention << "\n" << o;
    expect_no_secret(o);
  }
  EXPECT_EQ(emulator_->request_count(), 1u);  // any_user() only: nothing was sent
}

TEST_F(CliTest, MissingApplicationIsAUsageError) {
  Environment no_application = env();
  no_application.erase("LOSANT_APPLICATION_ID");
  const Outcome o = run_tool({"list"}, no_application);
  EXPECT_EQ(o.exit_code, 2) << o;
  EXPECT_NE(o.err.find("--application"), std::string::npos) << o;
}

// ---- list ------------------------------------------------------------------------------------

TEST_F(CliTest, ListTableHasAlignedColumnsAndAFooter) {
  const Outcome o = run({"list", "--per-page", "10", "--sort-field", "email"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.err, "");
  const std::vector<std::string> lines = lines_of(o.out);
  ASSERT_EQ(lines.size(), 12u) << o;  // header, 10 users, footer

  const std::string& header = lines.front();
  const auto email_column = header.find("EMAIL");
  for (const char* column : {"ID", "EMAIL", "FIRST NAME", "LAST NAME", "LAST LOGIN", "GROUPS"}) {
    EXPECT_NE(header.find(column), std::string::npos) << column;
  }
  eu::ListQuery query;
  query.per_page = 10;
  query.sort_field = eu::SortField::kEmail;
  const eu::ExperienceUsers expected = list(query);
  ASSERT_EQ(expected.items.size(), 10u);
  for (std::size_t i = 0; i < expected.items.size(); ++i) {
    const std::string& row = lines[i + 1];
    EXPECT_EQ(row.rfind(expected.items[i].id + "  ", 0), 0u) << row;
    EXPECT_EQ(row.find(expected.items[i].email), email_column) << row;  // aligned
    EXPECT_NE(row.back(), ' ') << "trailing space: " << row;
  }
  EXPECT_EQ(lines.back(), "page 0 of 3 (showing 10 of 30 users)");
}

// The number of characters (code points) of a UTF-8 line.
std::size_t display_width(const std::string& line) {
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

// On a terminal the table fits its width, but never by cutting an id or an email: other
// columns are narrowed, then hidden (and the footer says which).
TEST_F(CliTest, ListTableFitsTheTerminalWithoutCuttingIdsOrEmails) {
  eu::ListQuery query;
  query.per_page = 10;
  query.sort_field = eu::SortField::kEmail;
  const eu::ExperienceUsers expected = list(query);
  ASSERT_EQ(expected.items.size(), 10u);
  const std::vector<std::string> args{"list", "--per-page", "10", "--sort-field", "email"};
  const std::string ellipsis = "\xE2\x80\xA6";

  for (const unsigned short columns : {120, 80, 60}) {
    eu::testing::RunOptions terminal;
    terminal.stdout_terminal = true;
    terminal.terminal_columns = columns;
    const Outcome o = run_tool(args, env(), terminal);
    ASSERT_EQ(o.exit_code, 0) << o;
    const std::vector<std::string> lines = lines_of(o.out);
    ASSERT_GE(lines.size(), 12u) << o;
    for (const std::string& line : lines) EXPECT_LE(display_width(line), columns) << o;
    const std::string& header = lines.front();
    const auto email_column = header.find("EMAIL");
    ASSERT_NE(email_column, std::string::npos) << o;
    for (std::size_t i = 0; i < expected.items.size(); ++i) {
      const std::string& row = lines[i + 1];
      EXPECT_EQ(row.rfind(expected.items[i].id + "  ", 0), 0u) << columns << "\n" << o;
      EXPECT_EQ(row.find(expected.items[i].email + " "), email_column) << columns << "\n" << o;
    }
    if (columns == 60) {
      ASSERT_EQ(lines.size(), 13u) << o;
      EXPECT_EQ(header.find("GROUPS"), std::string::npos) << o;
      EXPECT_NE(lines.back().find("(hidden to fit 60 columns: LAST NAME, LAST LOGIN, GROUPS)"),
                std::string::npos)
          << o;
    }
  }

  // Too narrow for whole ids and emails: they stay whole, and the tool says so.
  eu::testing::RunOptions tiny;
  tiny.stdout_terminal = true;
  tiny.terminal_columns = 30;
  const Outcome narrow = run_tool(args, env(), tiny);
  ASSERT_EQ(narrow.exit_code, 0) << narrow;
  EXPECT_NE(narrow.out.find(expected.items[0].id + "  " + expected.items[0].email),
            std::string::npos)
      << narrow;
  EXPECT_NE(narrow.out.find("30 columns are too narrow for whole ids and emails"),
            std::string::npos)
      << narrow;

  // Not a terminal: whole values, whatever COLUMNS says.
  Environment columns = env();
  columns["COLUMNS"] = "40";
  const Outcome piped = run_tool(args, columns);
  ASSERT_EQ(piped.exit_code, 0) << piped;
  EXPECT_EQ(piped.out.find(ellipsis), std::string::npos) << piped;
  EXPECT_EQ(piped.out.find("hidden to fit"), std::string::npos) << piped;
  EXPECT_EQ(lines_of(piped.out).size(), 12u) << piped;
  EXPECT_NE(lines_of(piped.out).front().find("GROUPS"), std::string::npos) << piped;
}

TEST_F(CliTest, ListAndGetAsCsvAndJsonLines) {
  eu::ListQuery query;
  query.per_page = 10;
  query.sort_field = eu::SortField::kEmail;
  const eu::ExperienceUsers expected = list(query);
  ASSERT_EQ(expected.items.size(), 10u);

  const Outcome csv = run({"list", "--per-page", "10", "--sort-field", "email", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv;
  std::vector<std::string> lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 11u) << csv;
  const std::string header =
      "id,email,firstName,lastName,creationDate,lastUpdated,lastLogin,tokenCutoff,groups,tags";
  EXPECT_EQ(lines.front(), header);
  for (std::size_t i = 0; i < 10; ++i) {
    const eu::ExperienceUser& user = expected.items[i];
    const std::string start = user.id + "," + user.email + "," + user.first_name.value_or("") +
                              "," + user.last_name.value_or("") + ",";
    EXPECT_EQ(lines[i + 1].rfind(start, 0), 0u) << lines[i + 1];
  }

  const Outcome jsonl =
      run({"list", "--per-page", "10", "--sort-field", "email", "--format", "jsonl"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl;
  lines = lines_of(jsonl.out);
  ASSERT_EQ(lines.size(), 10u) << jsonl;
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(lines[i], eu::to_json(expected.items[i]));

  const eu::ExperienceUser& user = expected.items.front();
  const Outcome one = run({"get", user.id, "--format", "csv"});
  ASSERT_EQ(one.exit_code, 0) << one;
  lines = lines_of(one.out);
  ASSERT_EQ(lines.size(), 2u) << one;
  EXPECT_EQ(lines[0], header);
  EXPECT_EQ(lines[1].rfind(user.id + "," + user.email + ",", 0), 0u) << one;
}

TEST_F(CliTest, ListJsonParsesBackToWhatTheEmulatorHolds) {
  const eu::ExperienceUser sample = any_user();
  eu::ListQuery sorted;
  sorted.sort_field = eu::SortField::kLastName;
  sorted.sort_direction = eu::SortDirection::kDesc;
  sorted.page = 1;
  sorted.per_page = 7;
  eu::ListQuery filtered;
  filtered.filter_field = eu::FilterField::kEmail;
  filtered.filter = sample.email.substr(0, 3) + "*";
  eu::ListQuery in_any_group;
  in_any_group.experience_group = eu::GroupFilter::any();
  eu::ListQuery in_no_group;
  in_no_group.experience_group = eu::GroupFilter::none();

  const std::vector<std::pair<std::vector<std::string>, eu::ListQuery>> cases{
      {{"--sort-field", "lastName", "--sort-direction", "desc", "--page", "1", "--per-page", "7"},
       sorted},
      {{"--filter-field", "email", "--filter", *filtered.filter}, filtered},
      {{"--group", "any"}, in_any_group},
      {{"--group", "none"}, in_no_group},
  };
  for (const auto& [options, query] : cases) {
    std::vector<std::string> args{"list", "--format", "json"};
    args.insert(args.end(), options.begin(), options.end());
    const Outcome o = run(args);
    ASSERT_EQ(o.exit_code, 0) << o;
    ASSERT_EQ(lines_of(o.out).size(), 1u) << o;
    ASSERT_EQ(o.out.back(), '\n');
    const auto parsed = eu::parse_experience_users(o.out);
    ASSERT_TRUE(parsed) << parsed.error().to_string();
    EXPECT_EQ(*parsed, list(query)) << o;
  }
}

TEST_F(CliTest, ListWithGroupAndAncestorsMatchesTheSdk) {
  const std::vector<emu::Group> groups = emulator_->groups();
  ASSERT_FALSE(groups.empty());
  eu::ListQuery query;
  query.experience_group = eu::GroupFilter::group(groups.front().id);
  query.include_ancestor_groups = true;
  const Outcome o =
      run({"--format", "json", "list", "--group", groups.front().id, "--include-ancestor-groups"});
  ASSERT_EQ(o.exit_code, 0) << o;
  const auto parsed = eu::parse_experience_users(o.out);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, list(query));
}

// ---- get -------------------------------------------------------------------------------------

TEST_F(CliTest, GetJsonParsesBackToWhatTheEmulatorHolds) {
  const std::string id = any_user().id;
  const Outcome o = run({"get", id, "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o;
  ASSERT_EQ(lines_of(o.out).size(), 1u) << o;
  const auto parsed = eu::parse_experience_user(o.out);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, client().get(app(), id).value());
}

TEST_F(CliTest, GetTableShowsEveryFieldAndDashesForAbsentOnes) {
  const eu::ExperienceUser user = any_user();
  const Outcome o = run({"get", user.id});
  ASSERT_EQ(o.exit_code, 0) << o;
  const std::vector<std::string> lines = lines_of(o.out);
  auto value_of = [&](const std::string& key) -> std::string {
    for (const auto& line : lines) {
      if (line.rfind(key + ":", 0) == 0) {
        const auto start = line.find_first_not_of(' ', key.size() + 1);
        return start == std::string::npos ? "" : line.substr(start);
      }
    }
    ADD_FAILURE() << "no line for " << key << "\n" << o;
    return "";
  };
  EXPECT_EQ(value_of("ID"), user.id);
  EXPECT_EQ(value_of("Email"), user.email);
  EXPECT_EQ(value_of("First name"), user.first_name.value_or("-"));
  EXPECT_EQ(value_of("Last login"),
            user.last_login ? eu::format_timestamp(*user.last_login) : std::string("-"));
  EXPECT_EQ(value_of("Avatar URL"), user.avatar_url.value_or("-"));
  value_of("Tags");
  value_of("Groups");
}

// ---- create, update, delete ------------------------------------------------------------------

TEST_F(CliTest, CreateReadsThePasswordFromStdinAndPrintsTheUser) {
  const std::string group = emulator_->groups().at(0).id;
  const Outcome o =
      run({"create", "--email", "new.user@example.com", "--password-stdin", "--first-name", "Ada",
           "--last-name", "Lovelace", "--tag", "role=admin", "--tag", "expr=a=b", "--group", group,
           "--token-cutoff", "2024-05-01T12:00:00Z", "--format", "json"},
          std::string(kSecret) + "\n");
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(o.err, "");
  expect_no_secret(o);

  const auto created = eu::parse_experience_user(o.out);
  ASSERT_TRUE(created) << created.error().to_string();
  EXPECT_EQ(*created, client().get(app(), created->id).value());
  EXPECT_EQ(created->email, "new.user@example.com");
  EXPECT_EQ(created->first_name, "Ada");
  EXPECT_EQ(created->user_tags, (eu::Tags{{"role", "admin"}, {"expr", "a=b"}}));
  ASSERT_TRUE(created->experience_groups.has_value());
  ASSERT_EQ(created->experience_groups->size(), 1u);
  EXPECT_EQ(created->experience_groups->front().id, group);
  EXPECT_EQ(created->token_cutoff, eu::parse_timestamp("2024-05-01T12:00:00Z"));

  // The trailing line break of stdin is not part of the password.
  bool saw_create = false;
  for (const emu::RecordedRequest& request : emulator_->requests()) {
    if (request.method != "POST") continue;
    saw_create = true;
    EXPECT_NE(request.body.find(std::string("\"password\":\"") + kSecret + "\""),
              std::string::npos);
  }
  EXPECT_TRUE(saw_create);
}

TEST_F(CliTest, CreateWithPasswordOptionWarnsAndNeverEchoesIt) {
  const Outcome o = run({"create", "--email", "flag.user@example.com", "--password", kSecret});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_NE(o.err.find("warning: --password is visible"), std::string::npos) << o;
  expect_no_secret(o);
  EXPECT_NE(o.out.find("flag.user@example.com"), std::string::npos) << o;
  EXPECT_EQ(emulator_->find_by_email("flag.user@example.com").size(), 1u);
}

TEST_F(CliTest, UpdateChangesOnlyTheFieldsGiven) {
  const eu::ExperienceUser before = any_user();
  const Outcome o = run({"update", before.id, "--first-name", "Grace", "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o;
  const auto updated = eu::parse_experience_user(o.out);
  ASSERT_TRUE(updated) << updated.error().to_string();
  EXPECT_EQ(*updated, client().get(app(), before.id).value());
  EXPECT_EQ(updated->first_name, "Grace");
  EXPECT_EQ(updated->last_name, before.last_name);
  EXPECT_EQ(updated->email, before.email);

  const Outcome table = run({"update", before.id, "--last-name", "Hopper"});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_NE(table.out.find("Last name:"), std::string::npos) << table;
  EXPECT_NE(table.out.find("Hopper"), std::string::npos) << table;
}

TEST_F(CliTest, UpdatePasswordFromStdin) {
  const std::string id = any_user().id;
  const Outcome o = run({"update", id, "--password-stdin"}, std::string(kSecret) + "\r\n");
  ASSERT_EQ(o.exit_code, 0) << o;
  expect_no_secret(o);
  const std::vector<emu::RecordedRequest> requests = emulator_->requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.back().method, "PATCH");
  EXPECT_NE(requests.back().body.find(std::string("\"password\":\"") + kSecret + "\""),
            std::string::npos);
}

TEST_F(CliTest, DeleteInBothFormats) {
  eu::ListQuery query;
  query.per_page = 2;
  const eu::ExperienceUsers page = list(query);
  ASSERT_EQ(page.items.size(), 2u);
  const std::size_t count = emulator_->user_count();

  const Outcome table = run({"delete", page.items[0].id});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_EQ(table.out, "deleted " + page.items[0].id + "\n");

  const Outcome json = run({"delete", page.items[1].id, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_EQ(json.out, "{\"success\":true}\n");

  EXPECT_EQ(emulator_->user_count(), count - 2);
  EXPECT_FALSE(client().get(app(), page.items[0].id));
}

// ---- Environment fallbacks -------------------------------------------------------------------

TEST_F(CliTest, OptionsWorkWithoutEnvironmentAndOverrideIt) {
  const std::string id = any_user().id;
  const std::vector<std::string> flags{
      "--url", emulator_->base_url(), "--token", emulator_->token(), "--application", app()};
  std::vector<std::string> args = flags;
  args.insert(args.end(), {"get", id});
  const Outcome from_flags = run_tool(args, {});
  EXPECT_EQ(from_flags.exit_code, 0) << from_flags;

  Environment wrong = env();
  wrong["LOSANT_API_TOKEN"] = "wrong-token";
  wrong["LOSANT_API_URL"] = "http://127.0.0.1:1";
  wrong["LOSANT_APPLICATION_ID"] = kUnknownUserId;
  const Outcome overridden = run_tool(args, wrong);
  EXPECT_EQ(overridden.exit_code, 0) << overridden;
  EXPECT_EQ(overridden.out, from_flags.out);

  const Outcome from_environment = run_tool({"get", id}, env());
  EXPECT_EQ(from_environment.exit_code, 0) << from_environment;
  EXPECT_EQ(from_environment.out, from_flags.out);
}

// ---- Exit codes ------------------------------------------------------------------------------

TEST_F(CliTest, InvalidArgumentExitsWith3BeforeAnyRequest) {
  const std::size_t requests = emulator_->request_count();
  const Outcome bad_id = run({"get", "not-a-user-id"});
  EXPECT_EQ(bad_id.exit_code, 3) << bad_id;
  expect_one_error_line(bad_id);
  EXPECT_EQ(bad_id.err, "error: USER_ID: must be 24 hexadecimal characters\n") << bad_id;

  const std::string short_password = "Xq7#k";
  const Outcome too_short =
      run({"create", "--email", "short@example.com", "--password-stdin"}, short_password);
  EXPECT_EQ(too_short.exit_code, 3) << too_short;
  expect_one_error_line(too_short);
  EXPECT_NE(too_short.err.find("password"), std::string::npos) << too_short;
  expect_no_secret(too_short, short_password);

  const Outcome bad_page = run({"list", "--per-page", "0"});
  EXPECT_EQ(bad_page.exit_code, 3) << bad_page;
  EXPECT_EQ(emulator_->request_count(), requests);
}

TEST_F(CliTest, WrongTokenExitsWith4) {
  Environment wrong = env();
  wrong["LOSANT_API_TOKEN"] = "not-the-token";
  const Outcome o = run_tool({"list"}, wrong);
  EXPECT_EQ(o.exit_code, 4) << o;
  expect_one_error_line(o);
  EXPECT_NE(o.err.find("401"), std::string::npos) << o;
  expect_no_secret(o, "not-the-token");
}

TEST_F(CliTest, UnknownUserExitsWith5) {
  for (const char* command : {"get", "delete"}) {
    const Outcome o = run({command, kUnknownUserId});
    EXPECT_EQ(o.exit_code, 5) << o;
    expect_one_error_line(o);
    EXPECT_NE(o.err.find("404"), std::string::npos) << o;
  }
  const Outcome update = run({"update", kUnknownUserId, "--first-name", "Nobody"});
  EXPECT_EQ(update.exit_code, 5) << update;
}

TEST_F(CliTest, OtherHttpErrorsExitWith6) {
  const std::string email = any_user().email;
  const Outcome duplicate = run({"create", "--email", email, "--password-stdin"}, kSecret);
  EXPECT_EQ(duplicate.exit_code, 6) << duplicate;
  expect_one_error_line(duplicate);
  EXPECT_NE(duplicate.err.find("400"), std::string::npos) << duplicate;
  expect_no_secret(duplicate);

  emu::Fault unavailable;
  unavailable.kind = emu::Fault::Kind::kStatus;
  unavailable.status = 503;
  unavailable.count = 10;
  emulator_->add_fault(emu::Route::kList, unavailable);
  const Outcome o = run({"list"});
  EXPECT_EQ(o.exit_code, 6) << o;
  expect_one_error_line(o);
  EXPECT_NE(o.err.find("503"), std::string::npos) << o;
}

TEST_F(CliTest, NetworkFailuresExitWith7) {
  Environment closed = env();
  {
    emu::Emulator stopped;
    ASSERT_TRUE(stopped.start());
    closed["LOSANT_API_URL"] = stopped.base_url();
  }  // destroyed: nothing listens on its port any more
  const Outcome refused = run_tool({"list"}, closed);
  EXPECT_EQ(refused.exit_code, 7) << refused;
  expect_one_error_line(refused);

  emu::Fault slow;
  slow.kind = emu::Fault::Kind::kDelay;
  slow.delay = std::chrono::milliseconds(3000);
  slow.count = 10;
  emulator_->add_fault(emu::Route::kGet, slow);
  const auto start = std::chrono::steady_clock::now();
  const Outcome timed_out = run({"get", any_user().id, "--timeout", "0.3"});
  EXPECT_EQ(timed_out.exit_code, 7) << timed_out;
  expect_one_error_line(timed_out);
  EXPECT_NE(timed_out.err.find("timeout"), std::string::npos) << timed_out;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
}

TEST_F(CliTest, MalformedResponsesExitWith8) {
  const std::string id = any_user().id;
  for (const auto kind : {emu::Fault::Kind::kWrongTypes, emu::Fault::Kind::kEmpty200}) {
    emu::Fault fault;
    fault.kind = kind;
    fault.count = 10;
    emulator_->clear_faults();
    emulator_->add_fault(emu::Route::kGet, fault);
    const Outcome o = run({"get", id});
    EXPECT_EQ(o.exit_code, 8) << o;
    expect_one_error_line(o);
  }
}

// ---- Verbose logging and secrets -------------------------------------------------------------

TEST_F(CliTest, VerboseLogsEachAttemptWithoutSecrets) {
  emu::Fault once;
  once.kind = emu::Fault::Kind::kStatus;
  once.status = 503;
  once.count = 1;
  emulator_->add_fault(emu::Route::kList, once);
  const Outcome o = run({"--verbose", "list", "--per-page", "5"});
  ASSERT_EQ(o.exit_code, 0) << o;
  const std::vector<std::string> log = lines_of(o.err);
  ASSERT_EQ(log.size(), 2u) << o;
  const std::string url = emulator_->base_url() + "/applications/" + app() + "/experience/users";
  EXPECT_EQ(log[0].rfind("http: GET " + url, 0), 0u) << o;
  EXPECT_NE(log[0].find("-> 503"), std::string::npos) << o;
  EXPECT_NE(log[1].find("-> 200"), std::string::npos) << o;
  EXPECT_NE(log[1].find("attempt 2"), std::string::npos) << o;
  EXPECT_NE(log[1].find(" ms"), std::string::npos) << o;
  expect_no_secret(o, emulator_->token());
}

TEST_F(CliTest, PasswordNeverAppearsInAnyOutput) {
  const std::string taken = any_user().email;
  emu::Fault server_error;
  server_error.kind = emu::Fault::Kind::kStatus;
  server_error.status = 500;
  server_error.count = 1;
  emulator_->add_fault(emu::Route::kCreate, server_error);

  const std::vector<std::vector<std::string>> cases{
      {"--verbose", "create", "--email", "s1@example.com", "--password-stdin"},  // the 500
      {"--verbose", "create", "--email", taken, "--password-stdin"},             // duplicate
      {"create", "--email", "s2@example.com", "--password-stdin", "--group", "nope"},
      {"--verbose", "--format", "json", "create", "--email", "s3@example.com", "--password-stdin"},
      {"--verbose", "update", any_user().id, "--password-stdin"},
  };
  for (const auto& args : cases) {
    const Outcome o = run(args, kSecret);
    expect_no_secret(o);
  }
  const Outcome on_command_line =
      run({"--verbose", "create", "--email", taken, "--password", kSecret});
  EXPECT_EQ(on_command_line.exit_code, 6) << on_command_line;
  expect_no_secret(on_command_line);
}

}  // namespace
