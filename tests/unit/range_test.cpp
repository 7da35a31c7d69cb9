// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// list_all(): page boundaries, stop conditions and errors, over a scripted transport.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "losant/experience_users/client.hpp"
#include "unit/fake_transport.hpp"

namespace losant::experience_users {
namespace {

const std::string kApp = "575ec8687ae143cd83dc4a97";

class RangeTest : public ::testing::Test {
 protected:
  RangeTest() {
    options_.base_url = "https://api.example.test";
    options_.transport = transport_;
    options_.testing.sleep = [](std::chrono::milliseconds) {};
    options_.retry.max_attempts = 2;
    // The scripted transport answers in order of arrival: these tests are of sequential
    // paging's rules (range_in_flight_test.cpp has pages in flight).
    options_.pages_in_flight = 1;
  }
  // Iterates everything, returning the emails seen and the final error, if any.
  std::pair<std::vector<std::string>, std::optional<Error>> drain(ListQuery q) {
    std::vector<std::string> emails;
    std::optional<Error> error;
    for (auto& user : ExperienceUsersClient(options_).list_all(kApp, q)) {
      if (!user) {
        EXPECT_FALSE(error.has_value()) << "an error must be the last element";
        error = user.error();
        continue;
      }
      EXPECT_FALSE(error.has_value()) << "nothing may follow an error";
      emails.push_back(user->email);
    }
    return {emails, error};
  }
  std::vector<std::string> pages_requested() const {
    std::vector<std::string> pages;
    for (const auto& r : transport_->requests()) {
      const auto pos = r.url.find("&page=");
      pages.push_back(r.url.substr(pos + 6, r.url.find('&', pos + 1) - pos - 6));
    }
    return pages;
  }

  std::shared_ptr<testing::FakeTransport> transport_ = std::make_shared<testing::FakeTransport>();
  ClientOptions options_;
};

TEST_F(RangeTest, EmptyApplicationMakesOneRequest) {
  transport_->respond(200, testing::page_json(0, 0, 0, 0, 1000));
  auto [emails, error] = drain({});
  EXPECT_TRUE(emails.empty());
  EXPECT_FALSE(error);
  EXPECT_EQ(transport_->requests().size(), 1u);
  EXPECT_NE(transport_->requests()[0].url.find("&page=0&perPage=1000"), std::string::npos);
}

TEST_F(RangeTest, ShortLastPageEnds) {
  ListQuery q;
  q.per_page = 3;
  transport_->respond(200, testing::page_json(0, 3, 7, 0, 3));
  transport_->respond(200, testing::page_json(3, 3, 7, 1, 3));
  transport_->respond(200, testing::page_json(6, 1, 7, 2, 3));
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails.size(), 7u);
  EXPECT_EQ(emails.front(), "user0@example.com");
  EXPECT_EQ(emails.back(), "user6@example.com");
  EXPECT_FALSE(error);
  EXPECT_EQ(pages_requested(), (std::vector<std::string>{"0", "1", "2"}));
}

TEST_F(RangeTest, ExactMultipleNeedsNoExtraRequest) {
  ListQuery q;
  q.per_page = 3;
  transport_->respond(200, testing::page_json(0, 3, 6, 0, 3));
  transport_->respond(200, testing::page_json(3, 3, 6, 1, 3));
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails.size(), 6u);
  EXPECT_EQ(transport_->requests().size(), 2u);
  EXPECT_EQ(transport_->pending(), 0u);
}

TEST_F(RangeTest, TotalCountIsKnownAfterBegin) {
  ListQuery q;
  q.per_page = 2;
  transport_->respond(200, testing::page_json(0, 2, 3, 0, 2));
  transport_->respond(200, testing::page_json(2, 1, 3, 1, 2));
  auto range = ExperienceUsersClient(options_).list_all(kApp, q);
  auto it = range.begin();
  EXPECT_EQ(range.total_count(), 3);
  std::size_t n = 0;
  for (; it != range.end(); ++it) ++n;
  EXPECT_EQ(n, 3u);
}

TEST_F(RangeTest, TotalCountGrowingWhilePagingIsFollowed) {
  ListQuery q;
  q.per_page = 2;
  transport_->respond(200, testing::page_json(0, 2, 4, 0, 2));
  transport_->respond(200, testing::page_json(2, 2, 5, 1, 2));  // a user was added
  transport_->respond(200, testing::page_json(4, 1, 5, 2, 2));
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails.size(), 5u);
  EXPECT_EQ(transport_->requests().size(), 3u);
}

TEST_F(RangeTest, TotalCountShrinkingWhilePagingStops) {
  ListQuery q;
  q.per_page = 2;
  transport_->respond(200, testing::page_json(0, 2, 6, 0, 2));
  transport_->respond(200, testing::page_json(2, 2, 4, 1, 2));  // two users were deleted
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails.size(), 4u);
  EXPECT_EQ(transport_->requests().size(), 2u);
}

TEST_F(RangeTest, StartsAtTheGivenPage) {
  ListQuery q;
  q.per_page = 2;
  q.page = 5;
  transport_->respond(200, testing::page_json(10, 1, 11, 5, 2));
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails, std::vector<std::string>{"user10@example.com"});
  EXPECT_EQ(pages_requested(), std::vector<std::string>{"5"});
}

TEST_F(RangeTest, ErrorIsTheLastElement) {
  ListQuery q;
  q.per_page = 2;
  transport_->respond(200, testing::page_json(0, 2, 6, 0, 2));
  transport_->respond(503, "");
  transport_->respond(503, "");  // the retry fails too
  auto [emails, error] = drain(q);
  EXPECT_EQ(emails.size(), 2u);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status, 503);
  EXPECT_EQ(error->attempts, 2);
}

TEST_F(RangeTest, InvalidQueryIsASingleError) {
  ListQuery q;
  q.per_page = 0;
  auto [emails, error] = drain(q);
  EXPECT_TRUE(emails.empty());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->field, "query.perPage");
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(RangeTest, PagesAreFetchedLazily) {
  ListQuery q;
  q.per_page = 2;
  transport_->respond(200, testing::page_json(0, 2, 6, 0, 2));
  transport_->respond(200, testing::page_json(2, 2, 6, 1, 2));
  auto range = ExperienceUsersClient(options_).list_all(kApp, q);
  EXPECT_TRUE(transport_->requests().empty());  // nothing before begin()
  auto it = range.begin();
  EXPECT_EQ(transport_->requests().size(), 1u);
  ++it;
  EXPECT_EQ(transport_->requests().size(), 1u);
  ++it;  // crosses into page 1
  EXPECT_EQ(transport_->requests().size(), 2u);
  EXPECT_EQ((*it)->email, "user2@example.com");
}

// Only the client builds a range: no public constructor besides copy and move.
static_assert(!std::is_default_constructible_v<UserRange>);
static_assert(!std::is_constructible_v<
              UserRange, std::function<Result<ExperienceUsers>(const ListQuery&)>, ListQuery>);
static_assert(std::is_copy_constructible_v<UserRange> && std::is_move_constructible_v<UserRange>);

}  // namespace
}  // namespace losant::experience_users
