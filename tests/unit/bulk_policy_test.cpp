// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// How the bulk calls settle one input, over a scripted transport (one worker, so the script is
// read in order): when an update or a delete is sent again, when a 404 means "deleted", when
// an input is given up; and source_of() on its own.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iterator>
#include <list>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "losant/experience_users/client.hpp"
#include "unit/fake_transport.hpp"

namespace losant::experience_users {
namespace {

using std::chrono::milliseconds;
using testing::FakeTransport;
using ::testing::HasSubstr;

const std::string kApp = "575ec8687ae143cd83dc4a97";
const std::string kUser = "575ed70c7ae143cd83dc4aa9";
const std::string kNotFound = R"({"type":"NotFound","message":"Experience user was not found"})";

class BulkPolicy : public ::testing::Test {
 protected:
  BulkPolicy() {
    options_.base_url = "https://api.example.test";
    options_.token = "token";
    options_.transport = transport_;
    options_.testing.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    options_.testing.random = [] { return 0.5; };
    // The client sends each request once: every attempt the script sees is the bulk engine's.
    options_.retry.max_attempts = 1;
    bulk_.concurrency = 1;
    bulk_.throttle_backoff = milliseconds(0);
  }
  ExperienceUsersClient client() const { return ExperienceUsersClient(options_); }
  BulkOutcome remove_one() const {
    auto outcomes = client().remove_many(kApp, {kUser}, bulk_);
    EXPECT_EQ(outcomes.size(), 1u);
    return outcomes.empty() ? BulkOutcome{} : outcomes.front();
  }
  BulkOutcome update_one() const {
    BulkUpdate u;
    u.user_id = kUser;
    u.patch.first_name = "New";
    auto outcomes = client().update_many(kApp, {u}, bulk_);
    EXPECT_EQ(outcomes.size(), 1u);
    return outcomes.empty() ? BulkOutcome{} : outcomes.front();
  }
  // Every request the script saw was @p method on the user's path.
  void expect_all(HttpMethod method, std::size_t count) const {
    const auto requests = transport_->requests();
    EXPECT_EQ(requests.size(), count);
    for (const auto& r : requests) {
      EXPECT_EQ(r.method, method);
      EXPECT_THAT(r.url, HasSubstr("/experience/users/" + kUser));
    }
  }

  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
  ClientOptions options_;
  BulkOptions bulk_;
  std::vector<milliseconds> sleeps_;
};

// ---- remove_many: what a 404 means -------------------------------------------------------------

TEST_F(BulkPolicy, A404AfterADropAfterSendingIsDeleted) {
  transport_->fail(ErrorKind::kTransport, /*may_have_been_sent=*/true);
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted) << (r.error ? r.error->to_string() : "");
  EXPECT_EQ(r.user_id, kUser);
  EXPECT_FALSE(r.error);
  EXPECT_EQ(r.attempts, 2);
  expect_all(HttpMethod::kDelete, 2);
}

TEST_F(BulkPolicy, A404AfterA502IsDeleted) {
  transport_->respond(502, "<html><body>Bad Gateway</body></html>",
                      {{"Content-Type", "text/html"}});
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted) << (r.error ? r.error->to_string() : "");
  EXPECT_EQ(r.attempts, 2);
  expect_all(HttpMethod::kDelete, 2);
}

TEST_F(BulkPolicy, A404AfterTheClientsOwnRetryIsDeletedToo) {
  options_.retry.max_attempts = 3;  // the client retries the drop itself and sees the 404
  transport_->fail(ErrorKind::kTransport, /*may_have_been_sent=*/true);
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted) << (r.error ? r.error->to_string() : "");
  EXPECT_EQ(r.attempts, 1);  // one bulk attempt; the client sent it twice
  expect_all(HttpMethod::kDelete, 2);
}

TEST_F(BulkPolicy, AFirstAttempt404IsFailedWithNotFound) {
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->http_status, 404);
  EXPECT_EQ(r.error->api_type, "NotFound");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.user_id, kUser);
  expect_all(HttpMethod::kDelete, 1);
}

TEST_F(BulkPolicy, A404AfterARefusalIsStillFailed) {
  // A 429 says the server did not process the delete: the 404 after it is plain.
  transport_->respond(429, R"({"type":"TooManyRequests","message":"slow down"})",
                      {{"Retry-After", "0"}});
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->http_status, 404);
  EXPECT_EQ(r.attempts, 2);
  expect_all(HttpMethod::kDelete, 2);
}

// A 429 answered to a request the transport sent twice: the first copy may have been applied
// before the refusal came back, so the attempt is ambiguous however it was answered.
HttpResponse refused_after_a_resend() {
  HttpResponse r;
  r.status = 429;
  r.body = R"({"type":"TooManyRequests","message":"slow down"})";
  r.headers.emplace_back("Retry-After", "0");
  r.sent_more_than_once = true;
  return r;
}

TEST_F(BulkPolicy, A404AfterARefusedResendIsDeleted) {
  transport_->respond(refused_after_a_resend());
  transport_->respond(404, kNotFound);
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kDeleted) << (r.error ? r.error->to_string() : "");
  expect_all(HttpMethod::kDelete, 2);
}

TEST_F(BulkPolicy, ACreateRefusedAfterAResendIsLookedUpNotSkipped) {
  transport_->respond(refused_after_a_resend());
  // The lookup finds the user the first copy created: it is ours, and nothing is sent again.
  transport_->respond(200, R"({"items":[)" + testing::user_json(kUser, "new@example.com") +
                               R"(],"count":1,"totalCount":1})");
  ExperienceUserPost post;
  post.email = "new@example.com";
  post.password = "Sup3r-Secret-Pa55word";
  const auto outcomes = client().create_many(kApp, {post}, bulk_);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].kind, BulkOutcomeKind::kCreated)
      << (outcomes[0].error ? outcomes[0].error->to_string() : "");
  EXPECT_EQ(outcomes[0].user_id, kUser);
  const auto requests = transport_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, HttpMethod::kPost);
  EXPECT_EQ(requests[1].method, HttpMethod::kGet);
}

// ---- update_many: sending again, giving up ---------------------------------------------------

TEST_F(BulkPolicy, AnUpdateThatMayHaveBeenAppliedIsSentAgain) {
  transport_->fail(ErrorKind::kTransport, /*may_have_been_sent=*/true);
  transport_->respond(200, testing::user_json(kUser, "new@example.com"));
  const BulkOutcome r = update_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kUpdated) << (r.error ? r.error->to_string() : "");
  EXPECT_EQ(r.user_id, kUser);
  EXPECT_EQ(r.email, "new@example.com");  // the updated user's
  EXPECT_EQ(r.attempts, 2);
  expect_all(HttpMethod::kPatch, 2);
  EXPECT_EQ(transport_->requests()[0].body, transport_->requests()[1].body);
}

TEST_F(BulkPolicy, AnUpdateGivesUpAfterMaxAttemptsPerUserWithTheLastCause) {
  bulk_.max_attempts_per_user = 3;
  transport_->respond(500, R"({"type":"ServerError","message":"one"})");
  transport_->fail(ErrorKind::kTransport, /*may_have_been_sent=*/true);
  transport_->respond(502, R"({"type":"BadGateway","message":"three"})");
  transport_->respond(200, testing::user_json(kUser, "never@example.com"));  // not reached
  const BulkOutcome r = update_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  EXPECT_EQ(r.attempts, 3);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->http_status, 502);
  EXPECT_EQ(r.user_id, kUser);
  expect_all(HttpMethod::kPatch, 3);
  EXPECT_EQ(transport_->pending(), 1u);
}

TEST_F(BulkPolicy, ARejectedUpdateIsNotSentAgain) {
  transport_->respond(400, R"({"type":"Validation","message":"email taken"})");
  const BulkOutcome r = update_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  EXPECT_EQ(r.attempts, 1);
  expect_all(HttpMethod::kPatch, 1);
}

TEST_F(BulkPolicy, ARetryAfterPastTheDeadlineGivesUpAndSaysWhy) {
  options_.deadline = std::chrono::seconds(30);
  transport_->respond(429, R"({"type":"TooManyRequests","message":"slow down"})",
                      {{"Retry-After", "86400"}});
  transport_->respond(200, testing::user_json(kUser, "never@example.com"));  // not reached
  const auto started = std::chrono::steady_clock::now();
  const BulkOutcome r = update_one();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->http_status, 429);
  EXPECT_THAT(r.error->message, HasSubstr("the server asked to wait 86400000 ms"));
  EXPECT_THAT(r.error->message, HasSubstr("past the call deadline"));
  EXPECT_EQ(r.attempts, 1);
  expect_all(HttpMethod::kPatch, 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(BulkPolicy, ARemoveGivesUpOnARetryAfterPastTheDeadlineToo) {
  options_.deadline = std::chrono::seconds(30);
  transport_->respond(503, R"({"type":"ServiceUnavailable","message":"busy"})",
                      {{"Retry-After", "3600"}});
  const BulkOutcome r = remove_one();
  EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
  ASSERT_TRUE(r.error);
  EXPECT_THAT(r.error->message, HasSubstr("past the call deadline"));
  expect_all(HttpMethod::kDelete, 1);
}

TEST_F(BulkPolicy, InvalidOptionsFailEveryInputWithoutARequest) {
  bulk_.max_attempts_per_user = 0;
  const auto failed = client().remove_many(kApp, {kUser, kUser}, bulk_);
  ASSERT_EQ(failed.size(), 2u);
  for (const auto& r : failed) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->field, "options.max_attempts_per_user");
    EXPECT_EQ(r.attempts, 0);
  }
  EXPECT_TRUE(transport_->requests().empty());
}

// ---- source_of ---------------------------------------------------------------------------------

TEST(SourceOf, YieldsEachElementInOrderThenNothing) {
  const std::list<std::string> ids{"a", "b", "c"};
  auto next = source_of(ids.begin(), ids.end());
  EXPECT_EQ(next(), std::optional<std::string>("a"));
  EXPECT_EQ(next(), std::optional<std::string>("b"));
  EXPECT_EQ(next(), std::optional<std::string>("c"));
  EXPECT_EQ(next(), std::nullopt);
  EXPECT_EQ(next(), std::nullopt);
}

TEST(SourceOf, ReadsAnInputIteratorOnce) {
  std::istringstream text("575ed70c7ae143cd83dc4aa9 575ed70c7ae143cd83dc4aaa");
  BulkSource<std::string> next = source_of(std::istream_iterator<std::string>(text), {});
  EXPECT_EQ(next(), std::optional<std::string>("575ed70c7ae143cd83dc4aa9"));
  EXPECT_EQ(next(), std::optional<std::string>("575ed70c7ae143cd83dc4aaa"));
  EXPECT_EQ(next(), std::nullopt);
}

TEST(SourceOf, OfAnEmptyRangeEndsAtOnce) {
  const std::vector<BulkUpdate> none;
  EXPECT_EQ(source_of(none.begin(), none.end())(), std::nullopt);
}

}  // namespace
}  // namespace losant::experience_users
