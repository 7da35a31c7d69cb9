// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Every fault the emulator can inject, and what the client does about it: retry where it is
// safe, a typed error otherwise; never a crash, a hang or a duplicated create.
// docs/reliability.md lists these tests by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using std::chrono::milliseconds;
using testing::Fault;
using ::testing::HasSubstr;
using testing::Route;

class Faults : public testing::EmulatorTest {
 protected:
  Faults() : EmulatorTest(3) {}

  void SetUp() override {
    EmulatorTest::SetUp();
    auto page = client().list(app());
    ASSERT_TRUE(page);
    user_id_ = page->items.front().id;
  }
  // A client that records its retry delays instead of sleeping.
  ExperienceUsersClient recording_client(ClientOptions o) {
    o.testing.sleep = [this](milliseconds d) { delays_.push_back(d); };
    return ExperienceUsersClient(o);
  }
  void inject(Route route, Fault::Kind kind, int count = 1) {
    Fault f;
    f.kind = kind;
    f.count = count;
    emulator_->add_fault(route, f);
  }

  std::string user_id_;
  std::vector<milliseconds> delays_;
};

TEST_F(Faults, StatusFailuresAreRetriedForReads) {
  Fault f;
  f.kind = Fault::Kind::kStatus;
  f.status = 503;
  f.count = 2;
  emulator_->add_fault(Route::kGet, f);
  auto r = recording_client(options()).get(app(), user_id_);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(delays_.size(), 2u);
}

TEST_F(Faults, RetryAfterSecondsIsHonoured) {
  Fault f;
  f.kind = Fault::Kind::kStatus;
  f.status = 429;
  f.retry_after = "2";
  emulator_->add_fault(Route::kList, f);
  auto r = recording_client(options()).list(app());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(delays_, std::vector<milliseconds>{milliseconds(2000)});
}

TEST_F(Faults, PersistentFailureReportsAttemptsAndLastCause) {
  Fault f;
  f.kind = Fault::Kind::kStatus;
  f.status = 500;
  f.count = 10;
  emulator_->add_fault(Route::kGet, f);
  ClientOptions o = options();
  o.retry.max_attempts = 4;
  auto r = recording_client(o).get(app(), user_id_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().attempts, 4);
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_THAT(r.error().to_string(), HasSubstr("after 4 attempts"));
}

TEST_F(Faults, CreateIsNotRetriedAfterAStatusFailure) {
  Fault f;
  f.kind = Fault::Kind::kStatus;
  f.status = 503;
  emulator_->add_fault(Route::kCreate, f);
  auto r = recording_client(options()).create(app(), new_user("once"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_EQ(r.error().attempts, 1);
  EXPECT_TRUE(delays_.empty());
}

TEST_F(Faults, ConnectionClosedBeforeResponseIsRetriedForReads) {
  inject(Route::kGet, Fault::Kind::kCloseBeforeResponse);
  auto r = recording_client(options()).get(app(), user_id_);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(delays_.size(), 1u);
}

TEST_F(Faults, ConnectionClosedBeforeResponseFailsCreateWithoutRetry) {
  inject(Route::kCreate, Fault::Kind::kCloseBeforeResponse);
  auto r = recording_client(options()).create(app(), new_user("closed"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_TRUE(r.error().request_may_have_been_sent);
  EXPECT_EQ(r.error().attempts, 1);
  EXPECT_TRUE(emulator_->find_by_email("closed@example.org").empty());
}

TEST_F(Faults, CreateAppliedThenDroppedIsNeverDuplicated) {
  inject(Route::kCreate, Fault::Kind::kApplyThenDrop);
  auto r = recording_client(options()).create(app(), new_user("ambiguous"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_TRUE(r.error().request_may_have_been_sent);
  EXPECT_EQ(emulator_->find_by_email("ambiguous@example.org").size(), 1u);
}

TEST_F(Faults, UpdateAppliedThenDroppedIsRetriedSafely) {
  inject(Route::kUpdate, Fault::Kind::kApplyThenDrop);
  ExperienceUserPatch patch;
  patch.first_name = "Again";
  auto r = recording_client(options()).update(app(), user_id_, patch);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->first_name, "Again");
}

TEST_F(Faults, ConnectionClosedMidBodyIsRetriedForReads) {
  inject(Route::kList, Fault::Kind::kCloseMidBody);
  auto r = recording_client(options()).list(app());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(delays_.size(), 1u);
}

TEST_F(Faults, TruncatedBodyIsMalformed) {
  inject(Route::kGet, Fault::Kind::kTruncatedBody);
  auto r = client().get(app(), user_id_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kMalformedResponse);
  EXPECT_EQ(r.error().http_status, 200);
}

TEST_F(Faults, HtmlProxyPageIsReadable) {
  inject(Route::kList, Fault::Kind::kHtmlBody);
  ClientOptions o = options();
  o.retry.max_attempts = 1;
  auto r = ExperienceUsersClient(o).list(app());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(r.error().http_status, 502);
  EXPECT_THAT(r.error().message, HasSubstr("non-JSON body"));
  // With retries the next attempt succeeds.
  inject(Route::kList, Fault::Kind::kHtmlBody);
  EXPECT_TRUE(client().list(app()));
}

TEST_F(Faults, WrongTypesAreMalformedWithAPath) {
  inject(Route::kGet, Fault::Kind::kWrongTypes);
  auto user = client().get(app(), user_id_);
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().kind, ErrorKind::kMalformedResponse);
  inject(Route::kList, Fault::Kind::kWrongTypes);
  auto page = client().list(app());
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kMalformedResponse);
}

TEST_F(Faults, Empty200IsMalformed) {
  inject(Route::kDelete, Fault::Kind::kEmpty200);
  auto r = client().remove(app(), user_id_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kMalformedResponse);
}

TEST_F(Faults, SlowAnswerTimesOutThenRetries) {
  Fault f;
  f.kind = Fault::Kind::kDelay;
  f.delay = milliseconds(3000);
  emulator_->add_fault(Route::kGet, f);
  ClientOptions o = options();
  o.request_timeout = milliseconds(500);
  auto r = recording_client(o).get(app(), user_id_);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(delays_.size(), 1u);
}

TEST_F(Faults, SlowAnswerPastTheDeadlineIsATimeout) {
  Fault f;
  f.kind = Fault::Kind::kDelay;
  f.delay = milliseconds(3000);
  f.count = 5;
  emulator_->add_fault(Route::kGet, f);
  ClientOptions o = options();
  o.request_timeout = milliseconds(400);
  o.deadline = milliseconds(1000);
  o.retry.max_attempts = 10;
  auto r = ExperienceUsersClient(o).get(app(), user_id_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTimeout);
  EXPECT_GE(r.error().attempts, 1);
  EXPECT_LE(r.error().attempts, 4);
}

TEST_F(Faults, DripFeedIsCutByTheTimeout) {
  Fault f;
  f.kind = Fault::Kind::kDrip;
  f.delay = milliseconds(200);
  emulator_->add_fault(Route::kGet, f);
  ClientOptions o = options();
  o.request_timeout = milliseconds(500);
  o.retry.max_attempts = 1;
  auto r = ExperienceUsersClient(o).get(app(), user_id_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTimeout);
}

TEST_F(Faults, OversizedBodyIsRefusedWhileReceiving) {
  Fault f;
  f.kind = Fault::Kind::kOversizedBody;
  f.bytes = 4 * 1024 * 1024;
  emulator_->add_fault(Route::kList, f);
  ClientOptions o = options();
  o.curl.max_response_bytes = 1024 * 1024;
  auto r = ExperienceUsersClient(o).list(app());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kResponseTooLarge);
  EXPECT_EQ(r.error().attempts, 1);
}

TEST_F(Faults, ListAllEndsWithTheErrorAfterRetries) {
  emulator_->stop();
  testing::EmulatorOptions eo;
  eo.seed_users = 25;
  emulator_ = std::make_unique<testing::Emulator>(eo);
  ASSERT_TRUE(emulator_->start());
  ListQuery q;
  q.per_page = 10;
  // Fail the second page for longer than the client retries (pages after it are in flight
  // at the same time, and answered; the range must still end with the error, in order).
  Fault f;
  f.kind = Fault::Kind::kStatus;
  f.status = 503;
  f.count = 3;
  f.when_query = {{"page", "1"}};
  emulator_->add_fault(Route::kList, f);
  auto c = client();
  auto range = c.list_all(app(), q);
  auto it = range.begin();
  ASSERT_NE(it, range.end());
  int users = 0;
  std::optional<Error> last;
  for (; it != range.end(); ++it) {
    if (*it)
      ++users;
    else
      last = it->error();
  }
  EXPECT_EQ(users, 10);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->http_status, 503);
  EXPECT_EQ(last->attempts, 3);
}

}  // namespace
}  // namespace losant::experience_users
