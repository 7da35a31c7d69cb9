// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The losant-experience-users tool as an administrator meets it, run as a child process
// against an in-process emulator: clearing tags and groups, an update with nothing to change,
// plain HTTP on request, errors in the command line's words (flags, arguments, where the token
// came from), and profiles in the config file.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;
namespace emu = losant::experience_users::testing;

using eu::testing::Environment;
using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::run_tool;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CliAdminTest : public eu::testing::CliEmulatorTest {
 protected:
  CliAdminTest() : CliEmulatorTest(10) {}

  eu::ExperienceUser any_user() const {
    eu::ListQuery query;
    query.per_page = 1;
    auto page = client().list(app(), query);
    EXPECT_TRUE(page && !page->items.empty());
    return page && !page->items.empty() ? page->items.front() : eu::ExperienceUser{};
  }
};

// An error is exactly one `error: ...` line on stderr and nothing on stdout.
void expect_one_error_line(const Outcome& o) {
  EXPECT_EQ(o.out, "") << o;
  ASSERT_EQ(lines_of(o.err).size(), 1u) << o;
  EXPECT_EQ(o.err.rfind("error: ", 0), 0u) << o;
}

// ---- update: clearing, and nothing to change -------------------------------------------------

TEST_F(CliAdminTest, UpdateClearsTagsAndGroups) {
  const std::string id = any_user().id;
  eu::ExperienceUserPatch setup;
  setup.user_tags = eu::Tags{{"role", "admin"}};
  setup.experience_group_ids = std::vector<std::string>{emulator_->groups().at(0).id};
  ASSERT_TRUE(client().update(app(), id, setup));

  const Outcome o = run({"update", id, "--clear-tags", "--clear-groups", "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o;
  const std::vector<emu::RecordedRequest> requests = emulator_->requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.back().method, "PATCH");
  EXPECT_TRUE(contains(requests.back().body, "\"userTags\":{}")) << requests.back().body;
  EXPECT_TRUE(contains(requests.back().body, "\"experienceGroupIds\":[]")) << requests.back().body;
  const eu::ExperienceUser stored = client().get(app(), id).value();
  EXPECT_TRUE(!stored.user_tags || stored.user_tags->empty()) << eu::to_json(stored);
  EXPECT_TRUE(!stored.experience_groups || stored.experience_groups->empty())
      << eu::to_json(stored);

  // One of the two alone leaves the other as it was.
  ASSERT_TRUE(client().update(app(), id, setup));
  ASSERT_EQ(run({"update", id, "--clear-tags"}).exit_code, 0);
  const eu::ExperienceUser tags_cleared = client().get(app(), id).value();
  EXPECT_TRUE(!tags_cleared.user_tags || tags_cleared.user_tags->empty());
  ASSERT_TRUE(tags_cleared.experience_groups.has_value());
  EXPECT_EQ(tags_cleared.experience_groups->size(), 1u);
}

TEST_F(CliAdminTest, ClearingAndSettingTheSameFieldIsAUsageError) {
  const std::string id = any_user().id;
  const std::size_t before = emulator_->request_count();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"update", id, "--clear-tags", "--tag", "a=b"},
           {"update", id, "--clear-groups", "--group", emulator_->groups().at(0).id}}) {
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 2) << o;
    expect_one_error_line(o);
    EXPECT_TRUE(contains(o.err, "not both")) << o;
  }
  EXPECT_EQ(emulator_->request_count(), before);
}

TEST_F(CliAdminTest, UpdateWithNothingToChangeIsRefusedAndSendsNothing) {
  const eu::ExperienceUser user = any_user();
  const std::size_t before = emulator_->request_count();
  const Outcome o = run({"update", user.id});
  EXPECT_EQ(o.exit_code, 3) << o;
  expect_one_error_line(o);
  EXPECT_TRUE(contains(o.err, "nothing to change")) << o;
  EXPECT_TRUE(contains(o.err, "--clear-tags")) << o;
  EXPECT_EQ(emulator_->request_count(), before);
  EXPECT_EQ(client().get(app(), user.id).value().last_updated, user.last_updated);
}

// ---- Plain HTTP ------------------------------------------------------------------------------

// `127.1` is 127.0.0.1 to the resolver, but not a name the SDK knows as loopback: it stands
// for a remote http:// host while the traffic stays on this machine.
std::string non_loopback_http_url(const std::string& base_url) {
  const std::string prefix = "http://127.0.0.1:";
  EXPECT_EQ(base_url.rfind(prefix, 0), 0u) << base_url;
  return "http://127.1:" + base_url.substr(prefix.size());
}

TEST_F(CliAdminTest, InsecureHttpIsRefusedWithAdviceTheCliCanFollow) {
  Environment remote = env();
  remote["LOSANT_API_URL"] = non_loopback_http_url(emulator_->base_url());
  const std::size_t before = emulator_->request_count();
  const Outcome refused = run_tool({"list"}, remote);
  EXPECT_EQ(refused.exit_code, 3) << refused;
  expect_one_error_line(refused);
  EXPECT_TRUE(contains(refused.err, "error: LOSANT_API_URL: http:// is refused")) << refused;
  EXPECT_TRUE(contains(refused.err, "--allow-insecure-http")) << refused;
  EXPECT_FALSE(contains(refused.err, "allow_insecure_http")) << refused;
  EXPECT_EQ(emulator_->request_count(), before);

  const Outcome flag = run_tool({"--url", remote["LOSANT_API_URL"], "list"}, env());
  EXPECT_TRUE(contains(flag.err, "error: --url: http:// is refused")) << flag;

  const Outcome allowed = run_tool({"list", "--allow-insecure-http", "--format", "json"}, remote);
  ASSERT_EQ(allowed.exit_code, 0) << allowed;
  EXPECT_TRUE(contains(allowed.err, "warning: --allow-insecure-http")) << allowed;
  EXPECT_TRUE(contains(allowed.err, "unencrypted")) << allowed;
  EXPECT_GT(emulator_->request_count(), before);
}

// ---- Errors in the command line's words ------------------------------------------------------

TEST_F(CliAdminTest, InvalidArgumentsNameTheFlagOrArgumentTyped) {
  const std::string id = any_user().id;
  const std::size_t before = emulator_->request_count();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"list", "--filter", "ada*"},
       "error: --filter-field: --filter and --filter-field must be given together"},
      {{"list", "--filter-field", "email"},
       "error: --filter: --filter and --filter-field must be given together"},
      {{"list", "--per-page", "5000"}, "error: --per-page: must be 1 to 1000"},
      {{"export", "--per-page", "0"}, "error: --per-page: must be 1 to 1000"},
      {{"list", "--page", "-1"}, "error: --page: must be 0 to"},
      {{"list", "--group", "nope"}, "error: --group: must be `any`, `none` or 24 hexadecimal"},
      {{"list", "--include-ancestor-groups"},
       "error: --include-ancestor-groups: requires --group ID"},
      {{"get", "not-an-id"}, "error: USER_ID: must be 24 hexadecimal characters"},
      {{"delete", "not-an-id"}, "error: USER_ID: must be 24 hexadecimal characters"},
      {{"update", id, "--email", "nope"}, "error: --email: must be an email address"},
      {{"update", id, "--group", emulator_->groups().at(0).id, "--group", "x"},
       "error: --group #2: must be 24 hexadecimal characters"},
      {{"--application", "xyz", "list"}, "error: --application: must be 24 hexadecimal"},
      {{"create", "--email", "a@example.com", "--password", "short"},
       "error: --password: must be 8 to"},
  };
  for (const auto& [args, expected] : cases) {
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 3) << o;
    EXPECT_TRUE(contains(o.err, expected)) << expected << "\n" << o;
    for (const char* sdk_word : {"query.", "body.", "experienceUserId", "applicationId",
                                 "filterField", "invalid-argument"}) {
      EXPECT_FALSE(contains(o.err, sdk_word)) << sdk_word << "\n" << o;
    }
  }
  // The environment variable, when that is where the value came from.
  Environment bad_app = env();
  bad_app["LOSANT_APPLICATION_ID"] = "xyz";
  const Outcome from_env = run_tool({"list"}, bad_app);
  EXPECT_TRUE(contains(from_env.err, "error: LOSANT_APPLICATION_ID: must be 24 hexadecimal"))
      << from_env;
  EXPECT_EQ(emulator_->request_count(), before);
}

TEST_F(CliAdminTest, UnauthorizedSaysWhichTokenToCheckWithoutRepeatingItself) {
  Environment wrong = env();
  wrong["LOSANT_API_TOKEN"] = "not-the-token";
  const Outcome from_env = run_tool({"list"}, wrong);
  EXPECT_EQ(from_env.exit_code, 4) << from_env;
  expect_one_error_line(from_env);
  EXPECT_TRUE(contains(from_env.err,
                       "error: HTTP 401 Unauthorized (check the token (from "
                       "LOSANT_API_TOKEN)"))
      << from_env;
  EXPECT_FALSE(contains(from_env.err, "Unauthorized: Unauthorized")) << from_env;
  EXPECT_FALSE(contains(from_env.err, "not-the-token")) << from_env;

  Environment no_token = env();
  no_token.erase("LOSANT_API_TOKEN");
  const Outcome flag = run_tool({"--token", "not-the-token", "get", any_user().id}, no_token);
  EXPECT_EQ(flag.exit_code, 4) << flag;
  EXPECT_TRUE(contains(flag.err, "(from --token)")) << flag;
  EXPECT_FALSE(contains(flag.err, "not-the-token")) << flag;

  const Outcome none = run_tool({"list"}, no_token);
  EXPECT_EQ(none.exit_code, 4) << none;
  EXPECT_TRUE(contains(none.err, "no token was given: set LOSANT_API_TOKEN")) << none;
}

TEST_F(CliAdminTest, ForbiddenNamesTheScopeTheCommandNeeds) {
  emu::Fault forbidden;
  forbidden.kind = emu::Fault::Kind::kStatus;
  forbidden.status = 403;
  forbidden.count = 10;
  emulator_->add_fault(emu::Route::kAny, forbidden);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"list"}, "experienceUsers.get"},
      {{"get", "0123456789abcdef01234567"}, "experienceUser.get"},
      {{"delete", "0123456789abcdef01234567"}, "experienceUser.delete"},
      {{"update", "0123456789abcdef01234567", "--first-name", "X"}, "experienceUser.patch"},
  };
  for (const auto& [args, scope] : cases) {
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 4) << o;
    expect_one_error_line(o);
    EXPECT_TRUE(contains(o.err, "error: HTTP 403 Forbidden (the token (from LOSANT_API_TOKEN)"))
        << o;
    EXPECT_TRUE(contains(o.err, "needs the scope " + scope)) << scope << "\n" << o;
    EXPECT_FALSE(contains(o.err, "Forbidden: Forbidden")) << o;
    EXPECT_FALSE(contains(o.err, emulator_->token())) << o;
  }
}

// ---- Profiles --------------------------------------------------------------------------------

// A config home of its own per test, removed afterwards.
class CliProfileTest : public CliAdminTest {
 protected:
  void SetUp() override {
    CliAdminTest::SetUp();
    char pattern[] = "/tmp/cli-profile-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    home_ = pattern;
    ASSERT_EQ(mkdir((home_ + "/losant-experience-users").c_str(), 0700), 0);
  }
  void TearDown() override {
    std::remove(config().c_str());
    rmdir((home_ + "/losant-experience-users").c_str());
    rmdir(home_.c_str());
    CliAdminTest::TearDown();
  }
  std::string config() const { return home_ + "/losant-experience-users/config"; }
  void write_config(const std::string& text, mode_t mode = 0600) const {
    std::ofstream(config()) << text;
    ASSERT_EQ(chmod(config().c_str(), mode), 0);
  }
  // No LOSANT_* variable: only the config file.
  Environment bare() const { return {{"XDG_CONFIG_HOME", home_}}; }
  std::string profile(const std::string& name, const std::string& token) const {
    return "[profile " + name + "]\nurl = " + emulator_->base_url() + "\ntoken = " + token +
           "\napplication = " + app() + "\n";
  }

  std::string home_;
};

TEST_F(CliProfileTest, ProfileGivesUrlTokenAndApplication) {
  write_config("# two applications\n" + profile("default", emulator_->token()) + "\n" +
               profile("staging", "staging-token"));
  const std::string id = any_user().id;
  const Outcome by_default = run_tool({"get", id, "--format", "json"}, bare());
  ASSERT_EQ(by_default.exit_code, 0) << by_default;
  EXPECT_TRUE(contains(by_default.out, id)) << by_default;

  // --profile and LOSANT_PROFILE choose another; its token is wrong here, and never printed.
  const Outcome by_flag = run_tool({"--profile", "staging", "get", id}, bare());
  EXPECT_EQ(by_flag.exit_code, 4) << by_flag;
  EXPECT_TRUE(contains(by_flag.err, "token in profile 'staging' (" + config() + ")")) << by_flag;
  EXPECT_FALSE(contains(by_flag.err + by_flag.out, "staging-token")) << by_flag;
  Environment chosen = bare();
  chosen["LOSANT_PROFILE"] = "staging";
  EXPECT_EQ(run_tool({"get", id}, chosen).exit_code, 4);
  EXPECT_EQ(run_tool({"--profile", "default", "get", id}, chosen).exit_code, 0);  // flag wins

  // HOME/.config when XDG_CONFIG_HOME is not set.
  const std::string dot_config = home_ + "/.config";
  ASSERT_EQ(symlink(home_.c_str(), dot_config.c_str()), 0);
  const Outcome from_home = run_tool({"get", id}, {{"HOME", home_}});
  EXPECT_EQ(from_home.exit_code, 0) << from_home;
  unlink(dot_config.c_str());

  const Outcome unknown = run_tool({"--profile", "prod", "get", id}, bare());
  EXPECT_EQ(unknown.exit_code, 2) << unknown;
  EXPECT_TRUE(contains(unknown.err, "no profile 'prod' in " + config())) << unknown;
}

TEST_F(CliProfileTest, FlagBeatsEnvironmentBeatsProfile) {
  write_config(profile("default", "profile-token"));
  const std::string id = any_user().id;
  // The profile's token is wrong: the environment's wins over it...
  Environment with_env = bare();
  with_env["LOSANT_API_TOKEN"] = emulator_->token();
  EXPECT_EQ(run_tool({"get", id}, with_env).exit_code, 0);
  // ...and the flag over both.
  with_env["LOSANT_API_TOKEN"] = "env-token";
  EXPECT_EQ(run_tool({"--token", emulator_->token(), "get", id}, with_env).exit_code, 0);
  const Outcome env_wins = run_tool({"get", id}, with_env);
  EXPECT_EQ(env_wins.exit_code, 4) << env_wins;
  EXPECT_TRUE(contains(env_wins.err, "(from LOSANT_API_TOKEN)")) << env_wins;
  // The same for the application: the environment's (unknown) one wins over the profile's.
  Environment other_app = bare();
  other_app["LOSANT_APPLICATION_ID"] = "0123456789abcdef01234567";
  other_app["LOSANT_API_TOKEN"] = emulator_->token();
  EXPECT_EQ(run_tool({"get", id}, other_app).exit_code, 5);
  EXPECT_EQ(run_tool({"--application", app(), "get", id}, other_app).exit_code, 0);
}

TEST_F(CliProfileTest, AConfigFileOthersCanReadIsRefused) {
  write_config(profile("default", emulator_->token()), 0644);
  const std::size_t before = emulator_->request_count();
  const Outcome o = run_tool({"list"}, bare());
  EXPECT_EQ(o.exit_code, 2) << o;
  expect_one_error_line(o);
  EXPECT_TRUE(contains(o.err, config() + ": other users may read or change it (mode 0644)")) << o;
  EXPECT_TRUE(contains(o.err, "chmod 600 " + config())) << o;
  EXPECT_FALSE(contains(o.err, emulator_->token())) << o;
  EXPECT_EQ(emulator_->request_count(), before);
  ASSERT_EQ(chmod(config().c_str(), 0600), 0);
  EXPECT_EQ(run_tool({"list"}, bare()).exit_code, 0);
}

TEST_F(CliProfileTest, ConfigErrorsNameTheLineButNeverQuoteIt) {
  const std::string secret = "tok-" + std::string(20, 'z');
  for (const std::string& text :
       {"[profile default]\ntoken " + secret + "\n", "token = " + secret + "\n",
        "[default]\ntoken = " + secret + "\n", "[profile default]\ntokn = " + secret + "\n"}) {
    write_config(text);
    const Outcome o = run_tool({"list"}, bare());
    EXPECT_EQ(o.exit_code, 2) << o;
    expect_one_error_line(o);
    EXPECT_TRUE(contains(o.err, config() + ": line ")) << o;
    EXPECT_FALSE(contains(o.err, secret)) << o;
  }
}

TEST_F(CliProfileTest, TokenFromStdin) {
  Environment no_token = env();
  no_token.erase("LOSANT_API_TOKEN");
  const std::string id = any_user().id;
  const Outcome o = run_tool({"--token-stdin", "get", id}, no_token, emulator_->token() + "\n");
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_FALSE(contains(o.out + o.err, emulator_->token())) << o;

  const Outcome wrong = run_tool({"get", id, "--token-stdin"}, no_token, "wrong-token\n");
  EXPECT_EQ(wrong.exit_code, 4) << wrong;
  EXPECT_TRUE(contains(wrong.err, "(from --token-stdin)")) << wrong;
  EXPECT_FALSE(contains(wrong.err, "wrong-token")) << wrong;

  const Outcome both =
      run_tool({"--token-stdin", "update", id, "--password-stdin"}, no_token, "x\n");
  EXPECT_EQ(both.exit_code, 2) << both;
  EXPECT_TRUE(contains(both.err, "--password-stdin")) << both;
}

}  // namespace
