// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The experience groups read side end to end: list_groups / list_all_groups / get_group
// against the emulator's seeded group tree.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

class GroupsTest : public testing::EmulatorTest {
 protected:
  std::map<std::string, testing::Group> seeded() const {
    std::map<std::string, testing::Group> by_id;
    for (const auto& g : emulator_->groups()) by_id[g.id] = g;
    return by_id;
  }
};

TEST_F(GroupsTest, ListServesTheSeededTreeWithParentsAndAncestors) {
  const auto tree = seeded();
  ASSERT_GE(tree.size(), 3u);
  auto page = client().list_groups(app());
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  EXPECT_EQ(page->items.size(), tree.size());
  EXPECT_EQ(page->total_count, static_cast<std::int64_t>(tree.size()));
  EXPECT_EQ(page->sort_field, "name");
  bool some_child = false;
  std::string previous;
  for (const ExperienceGroup& g : page->items) {
    ASSERT_TRUE(g.id && g.name && g.ancestor_ids && g.creation_date) << to_json(g);
    const auto& seed = tree.at(*g.id);
    EXPECT_EQ(*g.name, seed.name);
    EXPECT_EQ(g.parent_id, seed.parent_id);
    EXPECT_EQ(g.application_id, app());
    EXPECT_LE(previous, *g.name);  // sorted by name by default
    previous = *g.name;
    // ancestorIds: the parent, then its parent, up to a root.
    std::vector<std::string> chain;
    for (auto p = seed.parent_id; p; p = tree.at(*p).parent_id) chain.push_back(*p);
    EXPECT_EQ(*g.ancestor_ids, chain);
    some_child = some_child || !chain.empty();
  }
  EXPECT_TRUE(some_child);
}

TEST_F(GroupsTest, ListAllPagesLazilyInTheRequestedOrder) {
  GroupListQuery q;
  q.per_page = 2;
  q.sort_field = GroupSortField::kId;
  q.sort_direction = SortDirection::kDesc;
  std::vector<std::string> ids;
  for (auto& g : client().list_all_groups(app(), q)) {
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    ids.push_back(*g->id);
  }
  std::vector<std::string> want;
  for (const auto& [id, g] : seeded()) want.insert(want.begin(), id);
  EXPECT_EQ(ids, want);
  // One request per page of two (ceil), no more.
  std::size_t lists = 0;
  for (const auto& r : emulator_->requests()) {
    if (r.target.find("/experience/groups") != std::string::npos) ++lists;
  }
  EXPECT_EQ(lists, (want.size() + 1) / 2);
}

TEST_F(GroupsTest, FilterGlobAndQuery) {
  const auto tree = seeded();
  const std::string name = tree.begin()->second.name;
  GroupListQuery by_name;
  by_name.filter = name.substr(0, 2) + "*";
  auto filtered = client().list_groups(app(), by_name);
  ASSERT_TRUE(filtered.ok()) << filtered.error().to_string();
  EXPECT_FALSE(filtered->items.empty());
  for (const auto& g : filtered->items) EXPECT_EQ(g.name->substr(0, 2), name.substr(0, 2));
  EXPECT_EQ(filtered->filter_field, "name");

  GroupListQuery roots;
  roots.query = R"({"parentId": null})";
  auto root_page = client().list_groups(app(), roots);
  ASSERT_TRUE(root_page.ok()) << root_page.error().to_string();
  std::size_t want = 0;
  for (const auto& [id, g] : tree) want += g.parent_id ? 0 : 1;
  EXPECT_EQ(root_page->items.size(), want);
  for (const auto& g : root_page->items) EXPECT_FALSE(g.parent_id.has_value());

  GroupListQuery bad;
  bad.query = "[1]";
  auto refused = client().list_groups(app(), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "query.query");
  bad.query = R"({"name": "x"})";
  bad.filter = "x*";
  EXPECT_EQ(client().list_groups(app(), bad).error().field, "query.filter");
}

TEST_F(GroupsTest, GetOneGroupAndErrors) {
  const auto tree = seeded();
  const auto child = std::find_if(tree.begin(), tree.end(),
                                  [](const auto& e) { return e.second.parent_id.has_value(); });
  ASSERT_NE(child, tree.end());
  auto g = client().get_group(app(), child->first);
  ASSERT_TRUE(g.ok()) << g.error().to_string();
  EXPECT_EQ(g->id, child->first);
  EXPECT_EQ(g->experience_group_id, child->first);
  EXPECT_EQ(g->name, child->second.name);
  EXPECT_EQ(g->parent_id, child->second.parent_id);
  auto missing = client().get_group(app(), "000000000000000000000000");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().http_status, 404);
  const auto before = emulator_->requests().size();
  auto bad = client().get_group(app(), "../users");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "experienceGroupId");
  EXPECT_EQ(emulator_->requests().size(), before);
}

// The groups routes are rows of the emulator's route table: faults and the token check apply
// to them as to the users' routes.
TEST_F(GroupsTest, FaultsAndTheTokenCheckApplyToTheGroupsRoutes) {
  const std::string id = emulator_->groups().front().id;
  emulator_->add_fault(testing::Route::kListGroups, testing::Fault::http_status(409));
  emulator_->add_fault(testing::Route::kGetGroup,
                       testing::Fault::of(testing::Fault::Kind::kWrongTypes));
  EXPECT_EQ(client().list_groups(app()).error().http_status, 409);
  EXPECT_EQ(client().get_group(app(), id).error().kind, ErrorKind::kMalformedResponse);
  EXPECT_TRUE(client().list_groups(app()).ok());  // each fault was for one request
  EXPECT_TRUE(client().get_group(app(), id).ok());

  ClientOptions wrong = options();
  wrong.token = "not-the-emulator-token";
  EXPECT_EQ(ExperienceUsersClient(wrong).list_groups(app()).error().http_status, 401);
  EXPECT_EQ(ExperienceUsersClient(wrong).get_group(app(), id).error().http_status, 401);
}

}  // namespace
}  // namespace losant::experience_users
