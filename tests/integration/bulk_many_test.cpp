// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// update_many(), remove_many() and the streaming create_many() against the emulator: one
// outcome per input (in input order for the vector forms), nothing lost or done twice through
// faults before and after the server applied a request and through throttling; the streaming
// forms call their source and sink one call at a time, never call the source again after its
// end, and hold at most `concurrency` inputs. Labelled `concurrency` (tests/CMakeLists.txt):
// also run under ThreadSanitizer. No test assumes the order in which requests arrive.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using std::chrono::milliseconds;
using testing::Fault;
using testing::Route;

// A valid user id that no user of the emulator has.
constexpr const char* kNoSuchUser = "0123456789abcdef01234567";

class BulkMany : public testing::EmulatorTest {
 protected:
  // Adds @p n users to the emulator; returns their ids, and their emails in `emails_`.
  std::vector<std::string> seed(int n, const std::string& prefix) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      testing::UserSeed user;
      user.email = prefix + std::to_string(i) + "@example.org";
      user.first_name = "Before" + std::to_string(i);
      ids.push_back(emulator_->add_user(user));
      emails_[ids.back()] = user.email;
    }
    return ids;
  }
  // A patch per id: new first and last names, different for each user.
  static std::vector<BulkUpdate> renames(const std::vector<std::string>& ids) {
    std::vector<BulkUpdate> updates;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      BulkUpdate u;
      u.user_id = ids[i];
      u.patch.first_name = "After" + std::to_string(i);
      u.patch.last_name = "Renamed";
      updates.push_back(std::move(u));
    }
    return updates;
  }
  // Options of a client that never retries by itself: each fault reaches the bulk engine.
  ClientOptions no_retry_options() const {
    ClientOptions o = options();
    o.retry.max_attempts = 1;
    return o;
  }
  static BulkOptions fast(int concurrency = 8) {
    BulkOptions o;
    o.concurrency = concurrency;
    o.throttle_backoff = milliseconds(10);
    return o;
  }
  // Requests with @p method the emulator received (of the last 1000 it keeps).
  std::size_t received(const std::string& method) const {
    std::size_t n = 0;
    for (const auto& request : emulator_->requests()) n += request.method == method ? 1 : 0;
    return n;
  }
  // Listings the emulator received: the lookups of a create whose answer was lost.
  std::size_t lookups() const {
    std::size_t n = 0;
    for (const auto& r : emulator_->requests()) {
      n += r.method == "GET" && r.parameter("filterField") == std::optional<std::string>("email")
               ? 1
               : 0;
    }
    return n;
  }
  // Every update applied: the stored user has the patch's names (one listing reads them back).
  void expect_updated(const std::vector<BulkUpdate>& updates) {
    ListQuery everyone;
    everyone.per_page = 1000;
    auto page = client().list(app(), everyone);
    ASSERT_TRUE(page) << page.error().to_string();
    std::map<std::string, ExperienceUser> stored;
    for (auto& user : page->items) stored[user.id] = std::move(user);
    for (const auto& u : updates) {
      ASSERT_EQ(stored.count(u.user_id), 1u) << u.user_id;
      EXPECT_EQ(stored[u.user_id].first_name, u.patch.first_name) << u.user_id;
      EXPECT_EQ(stored[u.user_id].last_name, u.patch.last_name) << u.user_id;
    }
  }
  // The vector form's outcomes: in input order, each kUpdated with the input's id and email.
  void expect_all_updated(const std::vector<BulkOutcome>& outcomes,
                          const std::vector<BulkUpdate>& updates) {
    ASSERT_EQ(outcomes.size(), updates.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const BulkOutcome& r = outcomes[i];
      EXPECT_EQ(r.kind, BulkOutcomeKind::kUpdated)
          << i << ": " << (r.error ? r.error->to_string() : "");
      EXPECT_EQ(r.index, i);
      EXPECT_EQ(r.user_id, updates[i].user_id);
      EXPECT_EQ(r.email, emails_[updates[i].user_id]);
    }
  }
  // Requests sent beyond one per input: the attempts the faults cost.
  static int extra_attempts(const std::vector<BulkOutcome>& outcomes) {
    int extra = 0;
    for (const auto& r : outcomes) extra += r.attempts - 1;
    return extra;
  }
  // No user is left (the listing agrees with the store).
  void expect_no_users() {
    EXPECT_EQ(emulator_->user_count(), 0u);
    auto page = client().list(app());
    ASSERT_TRUE(page) << page.error().to_string();
    EXPECT_TRUE(page->items.empty());
    EXPECT_EQ(page->total_count, 0);
  }

  std::map<std::string, std::string> emails_;  // id -> email of the users seed() added
};

// ---- update_many -------------------------------------------------------------------------------

TEST_F(BulkMany, UpdateManyUpdatesEveryUserAndReportsInInputOrder) {
  const auto updates = renames(seed(60, "rename"));
  BulkProgress last;
  BulkOptions o = fast();
  o.on_progress = [&](const BulkProgress& p) { last = p; };
  const auto outcomes = client().update_many(app(), updates, o);
  expect_all_updated(outcomes, updates);
  for (const auto& r : outcomes) EXPECT_EQ(r.attempts, 1);
  expect_updated(updates);
  for (const auto& u : updates) {  // and each one on its own
    auto stored = client().get(app(), u.user_id);
    ASSERT_TRUE(stored) << u.user_id << ": " << stored.error().to_string();
    EXPECT_EQ(stored->first_name, u.patch.first_name);
  }
  EXPECT_EQ(last.total, updates.size());
  EXPECT_EQ(last.done, updates.size());
  EXPECT_EQ(last.updated, updates.size());
  EXPECT_EQ(last.failed, 0u);
}

TEST_F(BulkMany, UpdateManyFailsAnUnknownUserWithNotFoundAndUpdatesTheOthers) {
  auto updates = renames(seed(10, "partly"));
  updates[4].user_id = kNoSuchUser;
  const auto outcomes = client().update_many(app(), updates, fast());
  ASSERT_EQ(outcomes.size(), updates.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].index, i);
    if (i == 4) continue;
    EXPECT_EQ(outcomes[i].kind, BulkOutcomeKind::kUpdated) << i;
  }
  const BulkOutcome& missing = outcomes[4];
  EXPECT_EQ(missing.kind, BulkOutcomeKind::kFailed);
  EXPECT_EQ(missing.user_id, std::optional<std::string>(kNoSuchUser));
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->http_status, 404);
  EXPECT_EQ(missing.error->api_type, "NotFound");
  EXPECT_EQ(missing.attempts, 1);  // a 404 is an answer: not sent again
  updates.erase(updates.begin() + 4);
  expect_updated(updates);
}

TEST_F(BulkMany, UpdateManyFailsInvalidInputsWithoutARequest) {
  const auto ids = seed(2, "checked");
  auto updates = renames({ids[0], "not-an-id", ids[1], ids[1]});
  updates[3].patch.email = "not-an-email";
  emulator_->clear_requests();
  const auto outcomes = client().update_many(app(), updates, fast());
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_EQ(outcomes[0].kind, BulkOutcomeKind::kUpdated);
  EXPECT_EQ(outcomes[2].kind, BulkOutcomeKind::kUpdated);
  EXPECT_EQ(outcomes[1].kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(outcomes[1].error);
  EXPECT_EQ(outcomes[1].error->kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(outcomes[1].error->field, "user_id");
  EXPECT_EQ(outcomes[1].attempts, 0);
  EXPECT_EQ(outcomes[3].kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(outcomes[3].error);
  EXPECT_EQ(outcomes[3].error->field, "body.email");
  EXPECT_EQ(outcomes[3].email, "not-an-email");  // the patch's, on failure
  EXPECT_EQ(outcomes[3].attempts, 0);
  EXPECT_EQ(emulator_->requests().size(), 2u);
  EXPECT_EQ(received("PATCH"), 2u);
}

TEST_F(BulkMany, UpdateManyRetriesAfterA503) {
  const auto updates = renames(seed(20, "unavailable"));
  emulator_->add_fault(Route::kUpdate, Fault::http_status(503, std::nullopt, 2));
  const auto outcomes =
      ExperienceUsersClient(no_retry_options()).update_many(app(), updates, fast());
  expect_all_updated(outcomes, updates);
  EXPECT_EQ(extra_attempts(outcomes), 2);
  EXPECT_EQ(received("PATCH"), updates.size() + 2) << "the 503s did not fire";
  expect_updated(updates);
}

TEST_F(BulkMany, UpdateManyResendsAPatchWhoseAnswerWasLost) {
  const auto updates = renames(seed(20, "dropped"));
  emulator_->add_fault(Route::kUpdate, Fault::of(Fault::Kind::kApplyThenDrop, 2));
  // Whether libcurl's resend on a reused connection or the bulk engine's retry on a new one
  // sends it again, the user ends with the patch's values once, and the outcome is kUpdated.
  const auto outcomes =
      ExperienceUsersClient(no_retry_options()).update_many(app(), updates, fast());
  expect_all_updated(outcomes, updates);
  EXPECT_EQ(received("PATCH"), updates.size() + 2) << "the drops did not fire";
  expect_updated(updates);
  EXPECT_EQ(emulator_->user_count(), updates.size());
}

// ---- throttling: observed on the wire ------------------------------------------------------

// Wraps the curl transport and records when each request started and ended.
class RecordingTransport : public HttpTransport {
 public:
  using Clock = std::chrono::steady_clock;
  struct Event {
    bool start = true;
    int status = 0;  // for an end: the answer's status, 0 without one
    Clock::time_point at;
  };

  Result<HttpResponse> send(const HttpRequest& request) override {
    note(true, 0);
    Result<HttpResponse> answer = inner_->send(request);
    note(false, answer ? answer->status : 0);
    return answer;
  }
  std::vector<Event> events() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

 private:
  void note(bool start, int status) {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(Event{start, status, Clock::now()});
  }

  std::shared_ptr<HttpTransport> inner_ = make_curl_transport();
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

// Every answer comes late, so that the requests of a round are all in flight at once.
class BulkManyFar : public BulkMany {
 protected:
  static constexpr milliseconds kLatency{150};
  BulkManyFar() {
    testing::EmulatorOptions o;
    o.latency = kLatency;
    emulator_ = std::make_unique<testing::Emulator>(o);
  }
};

TEST_F(BulkManyFar, UpdateManyPausesAndHalvesConcurrencyOnA429) {
  const auto updates = renames(seed(24, "throttled"));
  emulator_->add_fault(Route::kUpdate, Fault::http_status(429, "1"));
  auto wire = std::make_shared<RecordingTransport>();
  ClientOptions co = no_retry_options();
  co.transport = wire;
  const auto outcomes = ExperienceUsersClient(co).update_many(app(), updates, fast(8));
  expect_all_updated(outcomes, updates);
  EXPECT_EQ(extra_attempts(outcomes), 1);
  expect_updated(updates);

  const auto events = wire->events();
  const auto throttled = std::find_if(events.begin(), events.end(),
                                      [](const auto& e) { return !e.start && e.status == 429; });
  ASSERT_NE(throttled, events.end()) << "the 429 did not fire";
  // Before: a full round in flight (every start before the first answer).
  const auto first_end =
      std::find_if(events.begin(), events.end(), [](const auto& e) { return !e.start; });
  const auto before =
      std::count_if(events.begin(), first_end, [](const auto& e) { return e.start; });
  // Requests that took their turn before the 429 was seen may still start just after it; the
  // next ones wait for Retry-After.
  const auto resumed = std::find_if(throttled, events.end(), [&](const auto& e) {
    return e.start && e.at >= throttled->at + milliseconds(300);
  });
  ASSERT_NE(resumed, events.end());
  EXPECT_GE(resumed->at - throttled->at, milliseconds(950)) << "Retry-After: 1 was not waited";
  // After: the round that starts when the pause ends (every start before its first answer).
  const auto resumed_end =
      std::find_if(resumed, events.end(), [](const auto& e) { return !e.start; });
  const auto after = std::count_if(resumed, resumed_end, [](const auto& e) { return e.start; });
  // Halved to 4; the successes of the requests in flight when the 429 came may add one back.
  EXPECT_EQ(before, 8) << "a full round was not in flight: nothing to halve";
  EXPECT_GE(after, 1);
  EXPECT_LE(after, 5) << "in flight after the pause";
}

// ---- remove_many -------------------------------------------------------------------------------

TEST_F(BulkMany, RemoveManyDeletesEveryUser) {
  const auto ids = seed(50, "gone");
  BulkProgress last;
  BulkOptions o = fast();
  o.on_progress = [&](const BulkProgress& p) { last = p; };
  const auto outcomes = client().remove_many(app(), ids, o);
  ASSERT_EQ(outcomes.size(), ids.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].kind, BulkOutcomeKind::kDeleted) << i;
    EXPECT_EQ(outcomes[i].index, i);
    EXPECT_EQ(outcomes[i].user_id, ids[i]);
    EXPECT_FALSE(outcomes[i].error);
  }
  EXPECT_EQ(last.deleted, ids.size());
  EXPECT_EQ(last.done, ids.size());
  expect_no_users();
}

TEST_F(BulkMany, RemoveManyFailsAPlainNotFoundAndAnInvalidIdWithoutARequest) {
  auto ids = seed(3, "some");
  ids.insert(ids.begin() + 1, kNoSuchUser);
  ids.push_back("not-an-id");
  emulator_->clear_requests();
  const auto outcomes = client().remove_many(app(), ids, fast());
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_EQ(outcomes[1].kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(outcomes[1].error);
  EXPECT_EQ(outcomes[1].error->http_status, 404);
  EXPECT_EQ(outcomes[1].error->api_type, "NotFound");
  EXPECT_EQ(outcomes[1].attempts, 1);
  EXPECT_EQ(outcomes[4].kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(outcomes[4].error);
  EXPECT_EQ(outcomes[4].error->field, "user_id");
  EXPECT_EQ(outcomes[4].attempts, 0);
  EXPECT_EQ(outcomes[0].kind, BulkOutcomeKind::kDeleted);
  EXPECT_EQ(outcomes[2].kind, BulkOutcomeKind::kDeleted);
  EXPECT_EQ(outcomes[3].kind, BulkOutcomeKind::kDeleted);
  EXPECT_EQ(received("DELETE"), 4u);
  EXPECT_EQ(emulator_->requests().size(), 4u);
  expect_no_users();
}

TEST_F(BulkMany, RemoveManyCountsA404AfterALostAnswerAsDeleted) {
  const auto ids = seed(20, "lost");
  emulator_->add_fault(Route::kDelete, Fault::of(Fault::Kind::kApplyThenDrop, 3));
  // The applied copy deleted the user; the copy sent again (libcurl's resend or the bulk
  // engine's retry) answers 404.
  const auto outcomes = ExperienceUsersClient(no_retry_options()).remove_many(app(), ids, fast());
  ASSERT_EQ(outcomes.size(), ids.size());
  for (const auto& r : outcomes) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted)
        << *r.user_id << ": " << (r.error ? r.error->to_string() : "");
  }
  EXPECT_EQ(received("DELETE"), ids.size() + 3) << "the drops did not fire";
  expect_no_users();
}

TEST_F(BulkMany, RemoveManyDeletesEveryUserThroughThrottlingAndUnavailability) {
  const auto ids = seed(30, "busy");
  emulator_->add_fault(Route::kDelete, Fault::http_status(429, "0", 2));
  emulator_->add_fault(Route::kDelete, Fault::http_status(503, std::nullopt, 2));
  const auto outcomes = ExperienceUsersClient(no_retry_options()).remove_many(app(), ids, fast());
  ASSERT_EQ(outcomes.size(), ids.size());
  for (const auto& r : outcomes) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted)
        << *r.user_id << ": " << (r.error ? r.error->to_string() : "");
  }
  EXPECT_EQ(extra_attempts(outcomes), 4);
  EXPECT_EQ(received("DELETE"), ids.size() + 4) << "the faults did not fire";
  expect_no_users();
}

// ---- streaming create_many ---------------------------------------------------------------------

// A source of generated users and a sink that check how the bulk call uses them: never two
// calls of either at once, no source call after its end, and at most `concurrency` inputs out
// (given by the source, outcome not yet in the sink).
class Watched {
 public:
  explicit Watched(std::size_t limit, std::string prefix)
      : limit_(limit), prefix_(std::move(prefix)), seen_(limit) {}

  std::string email(std::size_t i) const { return prefix_ + std::to_string(i) + "@example.org"; }

  BulkSource<ExperienceUserPost> source() {
    return [this]() -> std::optional<ExperienceUserPost> {
      if (in_source_.exchange(true)) ++overlapping_;
      if (ended_) ++calls_after_end_;
      std::this_thread::sleep_for(std::chrono::microseconds(50));  // widens any overlap
      std::optional<ExperienceUserPost> next;
      const std::size_t i = given_;
      if (i < limit_) {
        next.emplace();
        next->email = email(i);
        next->password = "correct horse battery staple";
        given_ = i + 1;
        const int out = ++out_;
        int peak = max_out_;
        while (out > peak && !max_out_.compare_exchange_weak(peak, out)) {
        }
      } else {
        ended_ = true;
      }
      in_source_ = false;
      return next;
    };
  }
  BulkSink sink() {
    return [this](BulkOutcome&& r) {
      if (in_sink_.exchange(true)) ++overlapping_;
      --out_;
      std::lock_guard<std::mutex> lock(mu_);
      if (r.index < seen_.size()) ++seen_[r.index];
      outcomes_.push_back(std::move(r));
      in_sink_ = false;
    };
  }

  // Everything the guarantees say, once the call has returned.
  void expect_kept_the_rules(std::size_t concurrency) const {
    EXPECT_EQ(overlapping_.load(), 0) << "the source or the sink was called concurrently";
    EXPECT_EQ(calls_after_end_.load(), 0) << "the source was called after its end";
    EXPECT_LE(max_out_.load(), static_cast<int>(concurrency)) << "more inputs held than allowed";
    EXPECT_EQ(out_.load(), 0);
    std::lock_guard<std::mutex> lock(mu_);
    EXPECT_EQ(outcomes_.size(), given_.load());
    for (std::size_t i = 0; i < given_.load(); ++i) EXPECT_EQ(seen_[i], 1) << "index " << i;
    for (const auto& r : outcomes_) {
      EXPECT_LT(r.index, given_.load());
      EXPECT_EQ(r.email, email(r.index)) << r.index;
    }
  }
  std::vector<BulkOutcome> outcomes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return outcomes_;
  }
  std::size_t given() const { return given_; }
  int max_out() const { return max_out_; }

 private:
  const std::size_t limit_;
  const std::string prefix_;
  std::atomic<bool> in_source_{false};
  std::atomic<bool> in_sink_{false};
  std::atomic<bool> ended_{false};
  std::atomic<int> overlapping_{0};
  std::atomic<int> calls_after_end_{0};
  std::atomic<std::size_t> given_{0};
  std::atomic<int> out_{0};
  std::atomic<int> max_out_{0};
  mutable std::mutex mu_;
  std::vector<int> seen_;  // outcomes delivered per index
  std::vector<BulkOutcome> outcomes_;
};

TEST_F(BulkMany, StreamingCreateSettlesEveryInputOnceAndHoldsAtMostConcurrencyInputs) {
  constexpr std::size_t kUsers = 300;
  constexpr int kConcurrency = 4;
  // Each create takes a few milliseconds, far longer than taking an input: every worker is
  // busy, so a call that held more inputs than `concurrency` would show it.
  emulator_->add_fault(Route::kCreate, Fault::delayed(milliseconds(5), static_cast<int>(kUsers)));
  Watched watched(kUsers, "stream");
  const BulkProgress counts =
      client().create_many(app(), watched.source(), watched.sink(), fast(kConcurrency));
  watched.expect_kept_the_rules(kConcurrency);
  EXPECT_EQ(watched.max_out(), kConcurrency) << "the limit was never reached: nothing was checked";
  EXPECT_EQ(counts.total, kUsers);
  EXPECT_EQ(counts.done, kUsers);
  EXPECT_EQ(counts.created, kUsers);
  EXPECT_EQ(emulator_->user_count(), kUsers);
  for (const auto& r : watched.outcomes()) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kCreated) << r.email;
    const auto stored = emulator_->find_by_email(r.email);
    ASSERT_EQ(stored.size(), 1u) << r.email;
    EXPECT_EQ(r.user_id, stored.front());
  }
}

TEST_F(BulkMany, StreamingCreateStopsWhenTheSourceEnds) {
  Watched watched(50, "early");  // the source ends after 50 inputs, not when the call wants
  const BulkProgress counts =
      client().create_many(app(), watched.source(), watched.sink(), fast(8));
  watched.expect_kept_the_rules(8);
  EXPECT_EQ(watched.given(), 50u);
  EXPECT_EQ(counts.total, 50u);
  EXPECT_EQ(counts.created, 50u);
  EXPECT_EQ(emulator_->user_count(), 50u);
  EXPECT_EQ(received("POST"), 50u);
}

TEST_F(BulkMany, StreamingCreateThroughLostAnswersAndThrottlingDuplicatesNothing) {
  constexpr std::size_t kUsers = 100;
  emulator_->add_fault(Route::kCreate, Fault::of(Fault::Kind::kApplyThenDrop, 3));
  emulator_->add_fault(Route::kCreate, Fault::http_status(429, "1"));
  Watched watched(kUsers, "rough");
  const BulkProgress counts =
      client().create_many(app(), watched.source(), watched.sink(), fast(8));
  watched.expect_kept_the_rules(8);
  EXPECT_EQ(counts.created, kUsers);
  for (const auto& r : watched.outcomes()) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kCreated)
        << r.email << ": " << (r.error ? r.error->to_string() : "");
    ASSERT_EQ(emulator_->find_by_email(r.email).size(), 1u) << r.email;
  }
  EXPECT_EQ(emulator_->user_count(), kUsers);
  // Each lost answer cost a second POST (libcurl's resend) or a lookup, the 429 a second POST.
  std::set<std::string> bodies;
  std::size_t posts = 0;
  for (const auto& request : emulator_->requests()) {
    if (request.method != "POST") continue;
    ++posts;
    bodies.insert(request.body);
  }
  EXPECT_GE(posts - bodies.size() + lookups(), 4u) << "the faults did not fire";
}

// ---- source_of ---------------------------------------------------------------------------------

TEST_F(BulkMany, StreamingCreateFromAList) {
  std::list<ExperienceUserPost> users;
  for (int i = 0; i < 20; ++i) users.push_back(new_user("listed" + std::to_string(i)));
  std::vector<BulkOutcome> outcomes(users.size());
  const BulkProgress counts = client().create_many(
      app(), source_of(users.begin(), users.end()),
      [&](BulkOutcome&& r) { outcomes.at(r.index) = std::move(r); }, fast(4));
  EXPECT_EQ(counts.total, users.size());
  EXPECT_EQ(counts.created, users.size());
  auto user = users.begin();
  for (const auto& r : outcomes) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kCreated);
    EXPECT_EQ(r.email, (user++)->email);  // index i is the list's i-th element
  }
  EXPECT_EQ(emulator_->user_count(), users.size());
}

TEST_F(BulkMany, StreamingRemoveOfIdsReadFromAStream) {
  const auto ids = seed(25, "streamed");
  std::stringstream text;
  for (const auto& id : ids) text << id << "\n";
  std::vector<BulkOutcome> outcomes(ids.size());
  const BulkProgress counts = client().remove_many(
      app(), source_of(std::istream_iterator<std::string>(text), {}),
      [&](BulkOutcome&& r) { outcomes.at(r.index) = std::move(r); }, fast(4));
  EXPECT_EQ(counts.total, ids.size());
  EXPECT_EQ(counts.deleted, ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(outcomes[i].kind, BulkOutcomeKind::kDeleted) << i;
    EXPECT_EQ(outcomes[i].user_id, ids[i]);
  }
  expect_no_users();
}

TEST_F(BulkMany, StreamingUpdateFromAVector) {
  const auto updates = renames(seed(25, "streamed"));
  std::atomic<std::size_t> delivered{0};
  const BulkProgress counts = client().update_many(
      app(), source_of(updates.begin(), updates.end()), [&](BulkOutcome&&) { ++delivered; },
      fast(4));
  EXPECT_EQ(delivered.load(), updates.size());
  EXPECT_EQ(counts.total, updates.size());
  EXPECT_EQ(counts.updated, updates.size());
  expect_updated(updates);
}

}  // namespace
}  // namespace losant::experience_users
