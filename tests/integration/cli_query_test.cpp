// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The tool's advanced-query options, `export --consistent`, `groups list|get` and
// `--group-name`, run as a child process against an in-process emulator.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;
using eu::testing::lines_of;
using eu::testing::Outcome;
using Json = nlohmann::json;

class CliQueryTest : public eu::testing::CliEmulatorTest {
 protected:
  CliQueryTest() : CliEmulatorTest(60) {}

  // The ids the SDK lists for @p q (sorted by email, as the CLI's default).
  std::vector<std::string> ids_for(const eu::UserQuery& q) const {
    eu::ListQuery list;
    list.query = q;
    list.per_page = 1000;
    auto page = client().list(app(), list);
    EXPECT_TRUE(page.ok()) << page.error().to_string();
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& u : page->items) ids.push_back(u.id);
    }
    return ids;
  }
  static std::vector<std::string> ids_in(const Outcome& o) {
    std::vector<std::string> ids;
    const Json page = Json::parse(o.out);
    for (const auto& item : page["items"]) ids.push_back(item["id"].get<std::string>());
    return ids;
  }
  std::size_t user_requests() const {
    std::size_t n = 0;
    for (const auto& r : emulator_->requests())
      n += r.target.find("/experience/users") != std::string::npos;
    return n;
  }
};

void expect_one_error_line(const Outcome& o, int code, const std::string& needle) {
  EXPECT_EQ(o.exit_code, code) << o;
  EXPECT_EQ(o.out, "") << o;
  ASSERT_EQ(lines_of(o.err).size(), 1u) << o;
  EXPECT_NE(o.err.find(needle), std::string::npos) << o;
}

TEST_F(CliQueryTest, ListQueryAsTextAndFromAFile) {
  const std::string text = R"({"$or":[{"lastLogin":null},{"firstName":{"$startsWith":"A"}}]})";
  const auto want = ids_for(eu::parse_user_query(text).value());
  ASSERT_FALSE(want.empty());
  const Outcome o = run({"list", "--per-page", "1000", "--format", "json", "--query", text});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(ids_in(o), want);
  const std::string path = ::testing::TempDir() + "/cli_query.json";
  std::ofstream(path) << text;
  const Outcome f = run({"list", "--per-page", "1000", "--format", "json", "--query", "@" + path});
  ASSERT_EQ(f.exit_code, 0) << f;
  EXPECT_EQ(ids_in(f), want);
}

TEST_F(CliQueryTest, InvalidQueryExits3WithThePathAndSendsNothing) {
  emulator_->clear_requests();
  expect_one_error_line(
      run({"list", "--query", R"({"$and":[{"email":"a"},{"email":{"$startsWith":""}}]})"}), 3,
      "--query query.$and[1].email.$startsWith: must not be empty");
  expect_one_error_line(run({"export", "--query", R"({"emial":"x"})"}), 3,
                        "--query query.emial: unknown field");
  expect_one_error_line(run({"list", "--query", "{"}), 3, "not valid JSON");
  expect_one_error_line(run({"list", "--query", "@/nonexistent/q.json"}), 2, "cannot read");
  expect_one_error_line(run({"list", "--query", "{}", "--never-logged-in"}), 2,
                        "cannot be combined");
  expect_one_error_line(run({"list", "--created-after", "yesterday"}), 2, "ISO 8601");
  EXPECT_EQ(user_requests(), 0u);
}

TEST_F(CliQueryTest, ConvenienceFiltersBuildOneQuery) {
  using F = eu::QueryField;
  using Op = eu::QueryOperator;
  const auto after = *eu::parse_timestamp("2021-01-01T00:00:00Z");
  const auto before = *eu::parse_timestamp("2024-06-01T00:00:00Z");
  const auto want = ids_for(eu::UserQuery::all_of(
      {eu::UserQuery::where(F::kCreationDate, Op::kGt, after),
       eu::UserQuery::where(F::kCreationDate, Op::kLt, before),
       eu::UserQuery::equals(F::kLastLogin, nullptr), eu::UserQuery::has_tag("role")}));
  const Outcome o = run({"list", "--per-page", "1000", "--format", "json", "--created-after",
                         "2021-01-01T00:00:00Z", "--created-before", "2024-06-01T00:00:00Z",
                         "--never-logged-in", "--has-tag", "role"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(ids_in(o), want);
  // KEY=VALUE, and --last-login-before.
  const Outcome t = run({"list", "--per-page", "1000", "--format", "json", "--has-tag",
                         "role=admin", "--last-login-before", "2030-01-01T00:00:00Z"});
  ASSERT_EQ(t.exit_code, 0) << t;
  EXPECT_EQ(ids_in(t), ids_for(eu::UserQuery::all_of(
                           {eu::UserQuery::where(F::kLastLogin, Op::kLt,
                                                 *eu::parse_timestamp("2030-01-01T00:00:00Z")),
                            eu::UserQuery::has_tag("role", "admin")})));
}

TEST_F(CliQueryTest, ExportWithQueryAndConsistent) {
  const std::string text = R"({"lastLogin":{"$ne":null}})";
  const Outcome o = run({"export", "--consistent", "--query", text});
  ASSERT_EQ(o.exit_code, 0) << o;
  std::vector<std::string> ids;
  for (const auto& line : lines_of(o.out))
    ids.push_back(Json::parse(line)["id"].get<std::string>());
  std::vector<std::string> want;
  eu::ListQuery by_id;
  by_id.query = eu::parse_user_query(text).value();
  by_id.sort_field = eu::SortField::kId;
  by_id.per_page = 1000;
  const auto by_id_page = client().list(app(), by_id);
  ASSERT_TRUE(by_id_page.ok());
  for (const auto& u : by_id_page->items) want.push_back(u.id);
  EXPECT_EQ(ids, want);  // every match, in id order
  // The requests were keyset pages: sorted by id, never a page number.
  for (const auto& r : emulator_->requests()) {
    if (r.target.find("/experience/users?") == std::string::npos) continue;
    EXPECT_NE(r.target.find("sortField=id"), std::string::npos) << r.target;
    EXPECT_EQ(r.target.find("&page="), std::string::npos) << r.target;
  }
}

TEST_F(CliQueryTest, GroupsListAndGetInEveryFormat) {
  const auto groups = emulator_->groups();
  const Outcome json = run({"groups", "list", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_EQ(Json::parse(json.out)["items"].size(), groups.size());
  const Outcome table = run({"groups", "list"});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_EQ(lines_of(table.out).size(), groups.size() + 1) << table;
  EXPECT_EQ(lines_of(table.out).front().rfind("ID ", 0), 0u) << table;  // headers for people
  EXPECT_NE(table.out.find(groups[0].name), std::string::npos);
  for (const std::string& line : lines_of(table.out)) {
    EXPECT_NE(line.back(), ' ') << "a root group shows '-' for its ancestors: " << table;
  }
  const Outcome csv = run({"groups", "list", "--format", "csv", "--sort-field", "id"});
  ASSERT_EQ(csv.exit_code, 0) << csv;
  EXPECT_EQ(lines_of(csv.out).front(), "id,name,parentId,ancestorIds");
  const Outcome get = run({"groups", "get", groups[1].id, "--format", "json"});
  ASSERT_EQ(get.exit_code, 0) << get;
  EXPECT_EQ(Json::parse(get.out)["name"], groups[1].name);
  expect_one_error_line(run({"groups", "get", "0123456789abcdef01234567"}), 5, "404");
  expect_one_error_line(run({"groups", "get", "nope"}), 3, "experienceGroupId");
}

TEST_F(CliQueryTest, GroupNameResolvesExactlyBeforeAnythingIsSent) {
  const auto groups = emulator_->groups();
  const auto& target = groups[1];
  // list --group-name == list --group ID
  const Outcome by_name =
      run({"list", "--per-page", "1000", "--format", "json", "--group-name", target.name});
  const Outcome by_id =
      run({"list", "--per-page", "1000", "--format", "json", "--group", target.id});
  ASSERT_EQ(by_name.exit_code, 0) << by_name;
  EXPECT_EQ(ids_in(by_name), ids_in(by_id));
  // create with --group-name
  const Outcome created =
      run({"create", "--email", "named@example.org", "--password", "correct horse battery",
           "--group-name", target.name, "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_EQ(Json::parse(created.out)["experienceGroups"][0]["id"], target.id);
  // unknown and ambiguous names: a clear error, no user request
  emulator_->add_group(target.name, std::nullopt);  // now two groups share the name
  emulator_->clear_requests();
  expect_one_error_line(run({"list", "--group-name", "No Such Group"}), 3,
                        "no group is named 'No Such Group'");
  expect_one_error_line(run({"update", "0123456789abcdef01234567", "--group-name", target.name}), 3,
                        "several groups are named");
  EXPECT_EQ(user_requests(), 0u);
}

}  // namespace

namespace {

TEST_F(CliQueryTest, ImportCsvGroupNamesColumn) {
  const auto groups = emulator_->groups();
  const std::string good = ::testing::TempDir() + "/import_group_names.csv";
  std::ofstream(good) << "email,password,groupNames\n"
                      << "named1@example.org,correct horse battery," << groups[1].name << ";"
                      << groups[2].name << "\n";
  const Outcome o = run({"import", "--in", good});
  ASSERT_EQ(o.exit_code, 0) << o;
  eu::ListQuery q;
  q.query = eu::UserQuery::equals(eu::QueryField::kEmail, "named1@example.org");
  auto page = client().list(app(), q);
  ASSERT_TRUE(page.ok() && page->items.size() == 1u);
  std::set<std::string> ids;
  for (const auto& g : *page->items[0].experience_groups) ids.insert(*g.id);
  EXPECT_EQ(ids, (std::set<std::string>{groups[1].id, groups[2].id}));

  const std::string bad = ::testing::TempDir() + "/import_group_names_bad.csv";
  std::ofstream(bad) << "email,password,groupNames\n"
                     << "named2@example.org,correct horse battery,No Such Group\n";
  const Outcome refused = run({"import", "--in", bad});
  EXPECT_NE(refused.exit_code, 0) << refused;
  EXPECT_NE((refused.out + refused.err).find("groupNames"), std::string::npos) << refused;
  q.query = eu::UserQuery::equals(eu::QueryField::kEmail, "named2@example.org");
  EXPECT_TRUE(client().list(app(), q)->items.empty());
}

}  // namespace
