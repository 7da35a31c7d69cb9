// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Every operation and query parameter of the client against the emulator, over real HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <strings.h>
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using testing::EmulatorTest;
using ::testing::HasSubstr;

class Seeded : public EmulatorTest {
 protected:
  Seeded() : EmulatorTest(57) {}

  std::vector<ExperienceUser> all_users() {
    ListQuery q;
    q.per_page = 1000;
    auto page = client().list(app(), q);
    EXPECT_TRUE(page) << page.error().to_string();
    return page ? page->items : std::vector<ExperienceUser>{};
  }
};

// The sort key of a user for one field, as comparable text (ISO dates sort as text); missing
// values sort first in ascending order.
std::optional<std::string> sort_key(const ExperienceUser& u, SortField field) {
  auto date = [](const std::optional<Timestamp>& t) {
    return t ? std::optional<std::string>(format_timestamp(*t)) : std::nullopt;
  };
  switch (field) {
    case SortField::kFirstName: return u.first_name;
    case SortField::kLastName: return u.last_name;
    case SortField::kEmail: return u.email;
    case SortField::kId: return u.id;
    case SortField::kCreationDate: return date(u.creation_date);
    case SortField::kLastLogin: return date(u.last_login);
    case SortField::kLastUpdated: return date(u.last_updated);
  }
  return std::nullopt;
}

TEST_F(Seeded, ListsFirstPageWithServerDefaults) {
  auto page = client().list(app());
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(page->total_count, 57);
  EXPECT_EQ(page->count, static_cast<std::int64_t>(page->items.size()));
  EXPECT_EQ(page->page, 0);
  EXPECT_EQ(page->sort_field, "email");
  EXPECT_EQ(page->sort_direction, "asc");
  EXPECT_EQ(page->application_id, app());
  for (const auto& u : page->items) {
    EXPECT_EQ(u.application_id, app());
    EXPECT_EQ(u.experience_user_id, u.id);
    EXPECT_TRUE(u.creation_date.has_value());
  }
}

TEST_F(Seeded, SortsOnEveryFieldBothWays) {
  for (SortField field : kAllSortFields) {
    for (SortDirection direction : kAllSortDirections) {
      ListQuery q;
      q.sort_field = field;
      q.sort_direction = direction;
      q.per_page = 1000;
      auto page = client().list(app(), q);
      ASSERT_TRUE(page) << page.error().to_string();
      ASSERT_EQ(page->items.size(), 57u);
      EXPECT_EQ(page->sort_field, std::string(to_string(field)));
      EXPECT_EQ(page->sort_direction, std::string(to_string(direction)));
      for (std::size_t i = 1; i < page->items.size(); ++i) {
        auto a = sort_key(page->items[i - 1], field), b = sort_key(page->items[i], field);
        if (direction == SortDirection::kDesc) std::swap(a, b);
        EXPECT_LE(a, b) << to_string(field) << " " << to_string(direction) << " at " << i;
      }
    }
  }
}

TEST_F(Seeded, PagesPartitionTheUsers) {
  std::set<std::string> seen;
  for (std::int64_t p = 0; p < 6; ++p) {
    ListQuery q;
    q.per_page = 10;
    q.page = p;
    auto page = client().list(app(), q);
    ASSERT_TRUE(page) << page.error().to_string();
    EXPECT_EQ(page->page, p);
    EXPECT_EQ(page->per_page, 10);
    EXPECT_EQ(page->total_count, 57);
    EXPECT_EQ(page->items.size(), p < 5 ? 10u : 7u);
    for (const auto& u : page->items) EXPECT_TRUE(seen.insert(u.id).second) << "duplicate " << u.id;
  }
  EXPECT_EQ(seen.size(), 57u);
  ListQuery beyond;
  beyond.per_page = 10;
  beyond.page = 9;
  auto empty = client().list(app(), beyond);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->items.empty());
  EXPECT_EQ(empty->count, 0);
}

TEST_F(EmulatorTest, FiltersWithGlobsOnEachField) {
  auto c = client();
  const std::pair<const char*, const char*> people[] = {
      {"Ada", "Lovelace"}, {"Alan", "Turing"}, {"Grace", "Hopper"}, {"Adele", "Goldberg"}};
  for (const auto& [first, last] : people) {
    auto body = new_user(std::string(first) + "." + last);
    body.first_name = first;
    body.last_name = last;
    ASSERT_TRUE(c.create(app(), body));
  }
  auto count = [&](FilterField field, const std::string& glob) {
    ListQuery q;
    q.filter_field = field;
    q.filter = glob;
    auto page = c.list(app(), q);
    EXPECT_TRUE(page) << page.error().to_string();
    if (page) {
      EXPECT_EQ(page->filter, glob);
      EXPECT_EQ(page->filter_field, std::string(to_string(field)));
    }
    return page ? page->items.size() : 0u;
  };
  EXPECT_EQ(count(FilterField::kFirstName, "Ad*"), 2u);
  EXPECT_EQ(count(FilterField::kFirstName, "Alan"), 1u);
  EXPECT_EQ(count(FilterField::kLastName, "*o*"), 3u);  // Lovelace, Hopper, Goldberg
  EXPECT_EQ(count(FilterField::kEmail, "*.turing@example.org"), 1u);
  EXPECT_EQ(count(FilterField::kEmail, "*"), 4u);
  EXPECT_EQ(count(FilterField::kEmail, "nobody*"), 0u);
  // Glob metacharacters travel percent-encoded; spaces too.
  EXPECT_EQ(count(FilterField::kFirstName, "Ada Lovelace*"), 0u);
  bool saw_encoded = false;
  for (const auto& r : emulator_->requests()) {
    if (r.target.find("filter=Ada%20Lovelace%2A") != std::string::npos) saw_encoded = true;
  }
  EXPECT_TRUE(saw_encoded);
}

TEST_F(EmulatorTest, FiltersByGroup) {
  auto c = client();
  const std::string parent = emulator_->add_group("Parent");
  const std::string child = emulator_->add_group("Child", parent);
  auto in_parent = new_user("in-parent");
  in_parent.experience_group_ids = std::vector<std::string>{parent};
  auto in_child = new_user("in-child");
  in_child.experience_group_ids = std::vector<std::string>{child};
  ASSERT_TRUE(c.create(app(), in_parent));
  auto created_child = c.create(app(), in_child);
  ASSERT_TRUE(created_child) << created_child.error().to_string();
  ASSERT_TRUE(created_child->experience_groups);
  ASSERT_EQ(created_child->experience_groups->size(), 1u);
  EXPECT_EQ(created_child->experience_groups->front().id, child);
  EXPECT_EQ(created_child->experience_groups->front().name, "Child");
  ASSERT_TRUE(c.create(app(), new_user("no-group")));

  auto emails = [&](std::optional<GroupFilter> group, std::optional<bool> ancestors = {}) {
    ListQuery q;
    q.experience_group = std::move(group);
    q.include_ancestor_groups = ancestors;
    q.sort_field = SortField::kEmail;
    auto page = c.list(app(), q);
    EXPECT_TRUE(page) << page.error().to_string();
    std::vector<std::string> out;
    if (page)
      for (const auto& u : page->items) out.push_back(u.email);
    return out;
  };
  EXPECT_EQ(emails(GroupFilter::group(child)), std::vector<std::string>{"in-child@example.org"});
  EXPECT_EQ(emails(GroupFilter::any()),
            (std::vector<std::string>{"in-child@example.org", "in-parent@example.org"}));
  EXPECT_EQ(emails(GroupFilter::none()), std::vector<std::string>{"no-group@example.org"});
  EXPECT_EQ(emails(GroupFilter::group(child), true),
            (std::vector<std::string>{"in-child@example.org", "in-parent@example.org"}));
}

TEST_F(EmulatorTest, CreateGetUpdateDeleteRoundTrip) {
  auto c = client();
  ExperienceUserPost body = new_user("round.trip");
  body.first_name = "Round";
  body.last_name = "Trip";
  body.user_tags = Tags{{"site", "north-7"}, {"role", "operator"}};
  body.token_cutoff = parse_timestamp("2030-01-02T03:04:05.678Z");
  auto created = c.create(app(), body);
  ASSERT_TRUE(created) << created.error().to_string();
  EXPECT_EQ(created->email, "round.trip@example.org");
  EXPECT_EQ(created->first_name, "Round");
  EXPECT_EQ(created->user_tags, body.user_tags);
  EXPECT_EQ(created->token_cutoff, body.token_cutoff);
  EXPECT_FALSE(created->last_login.has_value());

  auto fetched = c.get(app(), created->id);
  ASSERT_TRUE(fetched) << fetched.error().to_string();
  EXPECT_EQ(*fetched, *created);

  ExperienceUserPatch patch;
  patch.last_name = "Tripped";
  patch.user_tags = Tags{};
  auto updated = c.update(app(), created->id, patch);
  ASSERT_TRUE(updated) << updated.error().to_string();
  EXPECT_EQ(updated->last_name, "Tripped");
  EXPECT_EQ(updated->first_name, "Round");  // untouched
  EXPECT_EQ(updated->email, created->email);
  EXPECT_TRUE(updated->user_tags.value_or(Tags{{"x", "y"}}).empty());

  auto removed = c.remove(app(), created->id);
  ASSERT_TRUE(removed) << removed.error().to_string();
  EXPECT_TRUE(removed->success);
  auto gone = c.get(app(), created->id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status, 404);
  EXPECT_EQ(gone.error().api_type, "NotFound");
}

TEST_F(EmulatorTest, WireMatchesLosantsSdks) {
  auto created = client().create(app(), new_user("wire"));
  ASSERT_TRUE(created);
  const auto requests = emulator_->requests();
  ASSERT_FALSE(requests.empty());
  const auto& r = requests.back();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/applications/" + app() +
                          "/experience/users?_actions=false&_links=true&_embedded=true");
  auto header = [&](const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (strcasecmp(n.c_str(), name.c_str()) == 0) return v;
    }
    return std::string("<absent>");
  };
  EXPECT_EQ(header("Accept"), "application/json");
  EXPECT_EQ(header("Accept-Version"), "^1.30.0");
  // The emulator checked the token and keeps the header's value out of its records.
  EXPECT_TRUE(r.authorized);
  EXPECT_EQ(header("Authorization"), "[redacted]");
  EXPECT_EQ(header("Content-Type"), "application/json");
  EXPECT_THAT(header("User-Agent"), HasSubstr("losant-experience-users-cpp/"));
  EXPECT_EQ(header("Expect"), "<absent>");
  EXPECT_EQ(r.body, R"({"email":"wire@example.org","password":"correct horse battery staple"})");
}

TEST_F(EmulatorTest, HttpErrorKinds) {
  auto c = client();
  // 404: unknown application, unknown user.
  auto no_app = c.list("000000000000000000000000");
  ASSERT_FALSE(no_app);
  EXPECT_EQ(no_app.error().http_status, 404);
  EXPECT_EQ(no_app.error().api_type, "NotFound");
  auto no_user = c.get(app(), "000000000000000000000000");
  EXPECT_EQ(no_user.error().http_status, 404);
  // 400 AlreadyExists: a duplicate email.
  ASSERT_TRUE(c.create(app(), new_user("dup")));
  auto dup = c.create(app(), new_user("dup"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().http_status, 400);
  EXPECT_EQ(dup.error().api_type, "AlreadyExists");
  EXPECT_THAT(dup.error().message, HasSubstr("dup@example.org"));
  EXPECT_EQ(emulator_->find_by_email("dup@example.org").size(), 1u);
  // 400 Validation from the server: a well-formed id of a group that does not exist.
  auto body = new_user("ghost-group");
  body.experience_group_ids = std::vector<std::string>{"0123456789abcdef01234567"};
  auto invalid = c.create(app(), body);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().http_status, 400);
  EXPECT_EQ(invalid.error().api_type, "Validation");
  // 401: a wrong token.
  ClientOptions o = options();
  o.token = "wrong-token";
  auto unauthorized = ExperienceUsersClient(o).list(app());
  ASSERT_FALSE(unauthorized);
  EXPECT_EQ(unauthorized.error().http_status, 401);
  EXPECT_EQ(unauthorized.error().api_type, "Unauthorized");
  EXPECT_EQ(unauthorized.error().attempts, 1);  // 401 is not retried
}

TEST_F(EmulatorTest, ConnectFailureIsTypedAndRetried) {
  ClientOptions o = options();
  const int port = emulator_->port();
  emulator_->stop();
  o.base_url = "http://127.0.0.1:" + std::to_string(port);
  o.retry.max_attempts = 2;
  auto r = ExperienceUsersClient(o).list(app());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kConnect);
  EXPECT_FALSE(r.error().request_may_have_been_sent);
  EXPECT_EQ(r.error().attempts, 2);
}

TEST_F(EmulatorTest, ListAllStreamsEveryUser) {
  emulator_->stop();
  testing::EmulatorOptions eo;
  eo.seed_users = 2345;
  emulator_ = std::make_unique<testing::Emulator>(eo);
  ASSERT_TRUE(emulator_->start());
  std::set<std::string> ids;
  ListQuery q;
  q.per_page = 500;
  for (auto& user : client().list_all(app(), q)) {
    ASSERT_TRUE(user) << user.error().to_string();
    EXPECT_TRUE(ids.insert(user->id).second);
  }
  EXPECT_EQ(ids.size(), 2345u);
}

// Pages in flight over HTTP: the same users in the same order as sequential paging, each
// page requested once, none past the end (2345 users in pages of 100: pages 0 to 23).
TEST_F(EmulatorTest, PagesInFlightYieldWhatSequentialPagingYields) {
  emulator_->stop();
  testing::EmulatorOptions eo;
  eo.seed_users = 2345;
  emulator_ = std::make_unique<testing::Emulator>(eo);
  ASSERT_TRUE(emulator_->start());
  const auto ids_with = [&](int pages_in_flight) {
    ClientOptions o = options();
    o.pages_in_flight = pages_in_flight;
    ListQuery q;
    q.per_page = 100;
    std::vector<std::string> ids;
    for (auto& user : ExperienceUsersClient(o).list_all(app(), q)) {
      EXPECT_TRUE(user) << user.error().to_string();
      if (user) ids.push_back(user->id);
    }
    return ids;
  };
  const std::vector<std::string> sequential = ids_with(1);
  ASSERT_EQ(sequential.size(), 2345u);
  emulator_->clear_requests();
  EXPECT_EQ(ids_with(8), sequential);
  std::multiset<std::string> pages;
  for (const auto& request : emulator_->requests()) pages.insert(*request.parameter("page"));
  std::multiset<std::string> expected;
  for (int page = 0; page < 24; ++page) expected.insert(std::to_string(page));
  EXPECT_EQ(pages, expected);
}

}  // namespace
}  // namespace losant::experience_users
