// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// list_all() with pages in flight (ClientOptions::pages_in_flight): the same users in the same
// order as sequential paging, no page requested past the end, at most N pages held, errors in
// order, and a totalCount that changes while pages are in flight. The transport answers each
// request from the page it asks for, whatever order the requests arrive in.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "losant/experience_users/client.hpp"
#include "unit/fake_transport.hpp"

namespace losant::experience_users {
namespace {

const std::string kApp = "575ec8687ae143cd83dc4a97";

// Serves pages of a list of users held in memory, read from each request's page and perPage.
class PagedTransport : public HttpTransport {
 public:
  explicit PagedTransport(int users) : users_(users) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    const int page = std::max(0, parameter(request.url, "page"));  // none in keyset paging
    const int per_page = parameter(request.url, "perPage");
    const int now = ++in_flight_;
    int seen = max_in_flight_.load();
    while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // so requests overlap
    HttpResponse response;
    {
      std::lock_guard<std::mutex> lock(mu_);
      pages_.push_back(page);
      if (before_answer_) before_answer_(page, users_);
      if (failing_.count(page) != 0) {
        response.status = 503;
      } else {
        response.status = 200;
        const int first = std::min(page * per_page, users_);
        const int count = std::min(per_page, users_ - first);
        response.body = testing::page_json(first, count, users_, page, per_page);
      }
    }
    --in_flight_;
    return response;
  }

  // Answers 503 to every request for @p page.
  void fail_page(int page) {
    std::lock_guard<std::mutex> lock(mu_);
    failing_.insert(page);
  }
  // Runs before each answer, under the lock: may change the number of users.
  void before_answer(std::function<void(int page, int& users)> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    before_answer_ = std::move(hook);
  }
  // The pages requested so far, in arrival order.
  std::vector<int> pages() const {
    std::lock_guard<std::mutex> lock(mu_);
    return pages_;
  }
  int max_in_flight() const { return max_in_flight_; }

 private:
  static int parameter(const std::string& url, const std::string& name) {
    const auto at = url.find("&" + name + "=");
    if (at == std::string::npos) return -1;
    return std::stoi(url.substr(at + name.size() + 2));
  }

  mutable std::mutex mu_;
  int users_;
  std::set<int> failing_;
  std::function<void(int, int&)> before_answer_;
  std::vector<int> pages_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

class RangeInFlightTest : public ::testing::Test {
 protected:
  ClientOptions options(int pages_in_flight) const {
    ClientOptions o;
    o.base_url = "https://api.example.test";
    o.transport = transport_;
    o.testing.sleep = [](std::chrono::milliseconds) {};
    o.retry.max_attempts = 2;
    o.pages_in_flight = pages_in_flight;
    return o;
  }

  struct Drained {
    std::vector<std::string> emails;
    std::optional<Error> error;
  };
  // Iterates everything; @p on_user runs at each user with the index of its page.
  Drained drain(int pages_in_flight, int per_page,
                const std::function<void(int page)>& on_user = {}) const {
    Drained out;
    ListQuery q;
    q.per_page = per_page;
    const ExperienceUsersClient client(options(pages_in_flight));
    for (auto& user : client.list_all(kApp, q)) {
      if (!user) {
        EXPECT_FALSE(out.error) << "an error must be the last element";
        out.error = user.error();
        continue;
      }
      EXPECT_FALSE(out.error) << "nothing may follow an error";
      if (on_user) on_user(static_cast<int>(out.emails.size()) / per_page);
      out.emails.push_back(user->email);
    }
    return out;
  }

  static std::vector<std::string> emails(int first, int count) {
    std::vector<std::string> out;
    for (int i = first; i < first + count; ++i)
      out.push_back("user" + std::to_string(i) + "@example.com");
    return out;
  }
  static std::vector<int> sorted(std::vector<int> pages) {
    std::sort(pages.begin(), pages.end());
    return pages;
  }
  static std::vector<int> iota(int count) {
    std::vector<int> out;
    for (int i = 0; i < count; ++i) out.push_back(i);
    return out;
  }

  std::shared_ptr<PagedTransport> transport_ = std::make_shared<PagedTransport>(95);
};

TEST_F(RangeInFlightTest, TheSameUsersInTheSameOrderAsSequentialPaging) {
  const Drained sequential = drain(1, 10);
  EXPECT_EQ(transport_->max_in_flight(), 1);
  EXPECT_EQ(sequential.emails, emails(0, 95));
  const Drained ahead = drain(4, 10);
  EXPECT_FALSE(ahead.error);
  EXPECT_EQ(ahead.emails, sequential.emails);
  EXPECT_GT(transport_->max_in_flight(), 1) << "pages were not fetched ahead";
  EXPECT_LE(transport_->max_in_flight(), 4);
}

TEST_F(RangeInFlightTest, NoPageIsRequestedPastTheEndOrTwice) {
  const Drained all = drain(8, 10);
  EXPECT_EQ(all.emails.size(), 95u);
  EXPECT_EQ(sorted(transport_->pages()), iota(10));  // pages 0 to 9, each once
}

TEST_F(RangeInFlightTest, AnExactMultipleOfThePageSizeNeedsNoExtraRequest) {
  transport_ = std::make_shared<PagedTransport>(90);
  const Drained all = drain(8, 10);
  EXPECT_EQ(all.emails, emails(0, 90));
  EXPECT_EQ(sorted(transport_->pages()), iota(9));
}

TEST_F(RangeInFlightTest, AtMostNPagesAreHeldAtOnce) {
  // While page k is read, only pages up to k + N - 1 may have been requested.
  const int n = 3;
  drain(n, 5, [&](int page) {
    const std::vector<int> requested = transport_->pages();
    const int highest = *std::max_element(requested.begin(), requested.end());
    EXPECT_LE(highest, page + n - 1) << "reading page " << page;
  });
  EXPECT_LE(transport_->max_in_flight(), n);
  EXPECT_EQ(sorted(transport_->pages()), iota(19));
}

TEST_F(RangeInFlightTest, AnErrorComesInOrderAfterThePagesBeforeIt) {
  transport_->fail_page(4);
  const Drained all = drain(8, 10);
  EXPECT_EQ(all.emails, emails(0, 40));  // pages 5 and on were fetched, and dropped
  ASSERT_TRUE(all.error);
  EXPECT_EQ(all.error->http_status, 503);
  EXPECT_EQ(all.error->attempts, 2);
}

TEST_F(RangeInFlightTest, ShrinkingWhilePagesAreInFlightStopsAtTheFirstShortPage) {
  // The last 30 users are deleted once page 2 has been answered.
  transport_->before_answer([](int page, int& users) {
    if (page > 2 && users == 95) users = 65;
  });
  const Drained all = drain(4, 10);
  EXPECT_FALSE(all.error);
  EXPECT_EQ(all.emails, emails(0, 65));  // no duplicate, none missing
  for (int page : transport_->pages()) EXPECT_LE(page, 9);
}

TEST_F(RangeInFlightTest, GrowingWhilePagesAreInFlightReadsOnToTheNewEnd) {
  // 30 users are added at the end once page 3 has been answered.
  transport_->before_answer([](int page, int& users) {
    if (page > 3 && users == 95) users = 125;
  });
  const Drained all = drain(4, 10);
  EXPECT_FALSE(all.error);
  EXPECT_EQ(all.emails, emails(0, 125));
  EXPECT_EQ(sorted(transport_->pages()), iota(13));
}

TEST_F(RangeInFlightTest, LeavingEarlyWaitsForThePagesInFlight) {
  {
    const ExperienceUsersClient client(options(8));
    ListQuery q;
    q.per_page = 10;
    auto range = client.list_all(kApp, q);
    auto it = range.begin();
    ASSERT_NE(it, range.end());
    EXPECT_EQ((*it)->email, "user0@example.com");
  }  // the range and the client go while pages 1 to 7 may be in flight
  EXPECT_LE(transport_->pages().size(), 8u);
}

TEST_F(RangeInFlightTest, KeysetPagingStaysSequential) {
  ListQuery q;
  q.per_page = 10;
  const ExperienceUsersClient client(options(8));
  int users = 0;
  for (auto& user : client.list_all(kApp, q, Paging::kKeyset)) {
    ASSERT_TRUE(user) << user.error().to_string();
    if (++users > 95) break;  // the transport ignores the id bound: stop on the first page
  }
  EXPECT_EQ(transport_->max_in_flight(), 1);
}

TEST_F(RangeInFlightTest, PagesInFlightOutOfRangeIsRefusedByName) {
  for (int bad : {0, -1, 65}) {
    const ExperienceUsersClient client(options(bad));
    auto page = client.list(kApp);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().field, "options.pages_in_flight") << bad;
  }
  EXPECT_TRUE(transport_->pages().empty());
}

}  // namespace
}  // namespace losant::experience_users
