// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Consistent listing: while a writer deletes and creates users between page fetches, offset
// paging skips users that existed all along, keyset paging (Paging::kKeyset) visits each of
// them exactly once. The writer runs from a transport hook after each page, so the
// interleaving is the same on every run (no racing threads, no timing).
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

constexpr std::size_t kUsers = 95;
constexpr std::int64_t kPerPage = 10;

// Delegates to the real curl transport and calls a hook after each list page arrives.
class HookedTransport : public HttpTransport {
 public:
  explicit HookedTransport(std::function<void()> after_page)
      : inner_(make_curl_transport()), after_page_(std::move(after_page)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    Result<HttpResponse> r = inner_->send(request);
    if (request.method == HttpMethod::kGet &&
        request.url.find("/experience/users?") != std::string::npos)
      after_page_();
    return r;
  }

 private:
  std::shared_ptr<HttpTransport> inner_;
  std::function<void()> after_page_;
};

struct Outcome {
  std::map<std::string, int> visits;  // id -> times yielded
  std::set<std::string> existed_throughout;
};

class KeysetTest : public testing::EmulatorTest {
 protected:
  KeysetTest() : EmulatorTest(kUsers) {}

  // Every id, ascending (the order both modes page in).
  std::vector<std::string> ids_now() {
    std::vector<std::string> ids;
    ListQuery q;
    q.sort_field = SortField::kId;
    q.per_page = 1000;
    auto page = client().list(app(), q);
    EXPECT_TRUE(page.ok());
    for (const auto& u : page->items) ids.push_back(u.id);
    return ids;
  }

  // Pages through everything with @p paging while, after each page, a writer deletes the
  // smallest id not yet deleted (already visited) and creates a new user.
  Outcome run(Paging paging) {
    const std::vector<std::string> before = ids_now();
    std::set<std::string> deleted;
    std::size_t next_victim = 0;
    int created = 0;
    const ExperienceUsersClient writer = client();
    auto hook = [&] {
      const std::string victim = before[next_victim++];
      EXPECT_TRUE(writer.remove(app(), victim).ok());
      deleted.insert(victim);
      ExperienceUserPost p = new_user("writer" + std::to_string(created++));
      EXPECT_TRUE(writer.create(app(), p).ok());
    };
    ClientOptions o = options();
    o.transport = std::make_shared<HookedTransport>(hook);
    ListQuery q;
    q.per_page = kPerPage;
    if (paging == Paging::kOffset) q.sort_field = SortField::kId;
    Outcome out;
    for (auto& user : ExperienceUsersClient(o).list_all(app(), q, paging)) {
      EXPECT_TRUE(user.ok()) << user.error().to_string();
      if (!user.ok()) break;
      ++out.visits[user->id];
    }
    for (const auto& id : before) {
      if (!deleted.count(id)) out.existed_throughout.insert(id);
    }
    EXPECT_GT(created, 5);
    return out;
  }
};

// How many users that existed for the whole iteration were skipped or seen twice.
std::pair<int, int> skipped_and_repeated(const Outcome& o) {
  int skipped = 0;
  int repeated = 0;
  for (const auto& id : o.existed_throughout) {
    const auto it = o.visits.find(id);
    if (it == o.visits.end()) ++skipped;
  }
  for (const auto& [id, n] : o.visits) repeated += n > 1 ? 1 : 0;
  return {skipped, repeated};
}

TEST_F(KeysetTest, OffsetPagingSkipsUsersWhenOthersAreDeleted) {
  const auto [skipped, repeated] = skipped_and_repeated(run(Paging::kOffset));
  // Each deletion before the current offset shifts the rest left by one: one user per page
  // boundary slips past unseen.
  EXPECT_GT(skipped + repeated, 0);
  EXPECT_GE(skipped, 5);
}

TEST_F(KeysetTest, KeysetPagingVisitsEveryLastingUserExactlyOnce) {
  const Outcome o = run(Paging::kKeyset);
  const auto [skipped, repeated] = skipped_and_repeated(o);
  EXPECT_EQ(skipped, 0);
  EXPECT_EQ(repeated, 0);
  for (const auto& id : o.existed_throughout) EXPECT_EQ(o.visits.count(id), 1u) << id;
}

TEST_F(KeysetTest, KeysetAndsTheCallersQueryAndSendsIdGt) {
  std::vector<std::string> urls;
  ClientOptions o = options();
  auto inner = make_curl_transport();
  struct Recorder : HttpTransport {
    std::shared_ptr<HttpTransport> inner;
    std::vector<std::string>* urls;
    Result<HttpResponse> send(const HttpRequest& r) override {
      urls->push_back(r.url);
      return inner->send(r);
    }
  };
  auto recorder = std::make_shared<Recorder>();
  recorder->inner = inner;
  recorder->urls = &urls;
  o.transport = recorder;
  ListQuery q;
  q.per_page = 7;
  q.query = UserQuery::where(QueryField::kLastLogin, QueryOperator::kNe, nullptr);
  std::vector<std::string> seen;
  for (auto& user : ExperienceUsersClient(o).list_all(app(), q, Paging::kKeyset)) {
    ASSERT_TRUE(user.ok()) << user.error().to_string();
    EXPECT_TRUE(user->last_login.has_value());
    seen.push_back(user->id);
  }
  ListQuery plain;
  plain.query = q.query;
  plain.per_page = 1000;
  plain.sort_field = SortField::kId;
  auto all = client().list(app(), plain);
  ASSERT_TRUE(all.ok());
  std::vector<std::string> want;
  for (const auto& u : all->items) want.push_back(u.id);
  EXPECT_EQ(seen, want);
  ASSERT_GE(urls.size(), 2u);
  EXPECT_NE(urls[0].find("sortField=id&sortDirection=asc"), std::string::npos) << urls[0];
  EXPECT_EQ(urls[1].find("&page="), std::string::npos) << urls[1];
  // The second page asks for ids after the last one seen, ANDed with the caller's query.
  const std::string second = urls[1];
  EXPECT_NE(second.find("%24and"), std::string::npos) << second;
  EXPECT_NE(second.find("%24gt%22%3A%22" + seen[6]), std::string::npos) << second;
}

TEST_F(KeysetTest, KeysetRefusesWhatItCannotCombine) {
  for (int i = 0; i < 3; ++i) {
    ListQuery q;
    if (i == 0) {
      q.filter = "a*";
      q.filter_field = FilterField::kEmail;
    } else if (i == 1) {
      q.sort_field = SortField::kEmail;
    } else {
      q.page = 2;
    }
    auto range = client().list_all(app(), q, Paging::kKeyset);
    auto it = range.begin();
    ASSERT_NE(it, range.end());
    ASSERT_FALSE(it->ok());
    EXPECT_EQ(it->error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(it->error().message.find("keyset"), std::string::npos) << it->error().to_string();
  }
}

}  // namespace
}  // namespace losant::experience_users
