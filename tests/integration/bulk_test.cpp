// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// create_many() against the emulator, with faults before and after the server applied a create
// and throttling: every input settled, nothing lost, nothing duplicated.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using testing::Fault;
using testing::Route;

class Bulk : public testing::EmulatorTest {
 protected:
  static std::vector<ExperienceUserPost> make_users(int n, const std::string& prefix) {
    std::vector<ExperienceUserPost> users;
    for (int i = 0; i < n; ++i) {
      ExperienceUserPost u = new_user(prefix + std::to_string(i));
      u.first_name = "Bulk" + std::to_string(i);
      users.push_back(std::move(u));
    }
    return users;
  }
  void inject(Fault::Kind kind, int count, int status = 503,
              std::optional<std::string> retry_after = {}) {
    Fault f;
    f.kind = kind;
    f.count = count;
    f.status = status;
    f.retry_after = std::move(retry_after);
    emulator_->add_fault(Route::kCreate, f);
  }
  // Every input's email exists exactly once on the emulator.
  void expect_each_exactly_once(const std::vector<ExperienceUserPost>& users) {
    for (const auto& u : users) {
      EXPECT_EQ(emulator_->find_by_email(u.email).size(), 1u) << u.email;
    }
  }
};

TEST_F(Bulk, CreatesEveryUserAndReportsProgress) {
  const auto users = make_users(120, "plain");
  std::atomic<std::size_t> calls{0};
  BulkProgress last;
  BulkCreateOptions o;
  o.concurrency = 8;
  o.on_progress = [&](const BulkProgress& p) {
    ++calls;
    last = p;
  };
  const auto outcomes = client().create_many(app(), users, o);
  ASSERT_EQ(outcomes.size(), users.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].kind, BulkOutcomeKind::kCreated) << i;
    EXPECT_EQ(outcomes[i].email, users[i].email);
    ASSERT_TRUE(outcomes[i].user_id);
    ids.insert(*outcomes[i].user_id);
  }
  EXPECT_EQ(ids.size(), users.size());
  EXPECT_EQ(calls.load(), users.size());
  EXPECT_EQ(last.done, users.size());
  EXPECT_EQ(last.created, users.size());
  EXPECT_EQ(emulator_->user_count(), users.size());
}

TEST_F(Bulk, ReRunSkipsWhatExists) {
  const auto users = make_users(30, "rerun");
  (void)client().create_many(app(), users);
  const auto again = client().create_many(app(), users);
  for (const auto& r : again) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kSkipped);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->api_type, "AlreadyExists");
  }
  EXPECT_EQ(emulator_->user_count(), users.size());
}

TEST_F(Bulk, InvalidInputsFailWithoutRequests) {
  auto users = make_users(3, "valid");
  users[1].password = "short";
  users[2].email = "not-an-email";
  emulator_->clear_requests();
  const auto outcomes = client().create_many(app(), users);
  EXPECT_EQ(outcomes[0].kind, BulkOutcomeKind::kCreated);
  EXPECT_EQ(outcomes[1].kind, BulkOutcomeKind::kFailed);
  EXPECT_EQ(outcomes[1].error->field, "body.password");
  EXPECT_EQ(outcomes[1].attempts, 0);
  EXPECT_EQ(outcomes[2].error->field, "body.email");
  EXPECT_EQ(emulator_->requests().size(), 1u);
}

TEST_F(Bulk, InvalidOptionsFailEveryInput) {
  BulkCreateOptions o;
  o.concurrency = 0;
  const auto outcomes = client().create_many(app(), make_users(2, "opt"), o);
  for (const auto& r : outcomes) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kFailed);
    EXPECT_EQ(r.error->field, "options.concurrency");
  }
  EXPECT_EQ(emulator_->user_count(), 0u);
}

// The acceptance test: 2,000 users through failures before and after the server applied
// the create, and throttling with Retry-After; exactly 2,000 users, no duplicates, every row
// accounted for; a re-run creates nothing.
TEST_F(Bulk, TwoThousandUsersThroughFaultsNoneLostNoneDuplicated) {
  const auto users = make_users(2000, "import");
  // Faults arrive spread over the run, as they would in production: every 100 settled inputs,
  // the next create requests meet a few faults of each kind.
  int batches = 0;
  auto inject_batch = [&] {
    inject(Fault::Kind::kApplyThenDrop, 2);                             // applied, answer lost
    inject(Fault::Kind::kCloseBeforeResponse, 2);                       // not applied, answer lost
    if (batches++ % 4 == 0) inject(Fault::Kind::kStatus, 1, 429, "1");  // Retry-After: 1 s
    inject(Fault::Kind::kStatus, 1, 503);                               // unavailable
    inject(Fault::Kind::kHtmlBody, 1);                                  // a proxy's 502 page
    inject(Fault::Kind::kStatus, 1, 500);                               // server error
  };
  inject_batch();
  BulkCreateOptions o;
  o.concurrency = 16;
  o.throttle_backoff = std::chrono::milliseconds(50);
  o.on_progress = [&](const BulkProgress& p) {
    if (p.done % 100 == 0 && p.done < p.total) inject_batch();
  };
  const auto outcomes = client().create_many(app(), users, o);
  ASSERT_EQ(outcomes.size(), users.size());
  std::size_t created = 0;
  for (const auto& r : outcomes) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kCreated)
        << r.email << ": " << (r.error ? r.error->to_string() : "");
    created += r.kind == BulkOutcomeKind::kCreated;
  }
  EXPECT_EQ(created, 2000u);
  EXPECT_EQ(emulator_->user_count(), 2000u);
  expect_each_exactly_once(users);

  emulator_->clear_faults();
  o.on_progress = nullptr;
  const auto again = client().create_many(app(), users, o);
  for (const auto& r : again) {
    EXPECT_EQ(r.kind, BulkOutcomeKind::kSkipped) << r.email << " attempts " << r.attempts;
  }
  EXPECT_EQ(emulator_->user_count(), 2000u);
}

TEST_F(Bulk, GivesUpAfterMaxAttemptsWithTheLastCause) {
  inject(Fault::Kind::kStatus, 100, 429, "0");
  BulkCreateOptions o;
  o.concurrency = 1;
  o.max_attempts_per_user = 3;
  const auto outcomes = client().create_many(app(), make_users(1, "throttled"), o);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].kind, BulkOutcomeKind::kFailed);
  EXPECT_EQ(outcomes[0].attempts, 3);
  EXPECT_EQ(outcomes[0].error->http_status, 429);
}

TEST_F(Bulk, ARetryAfterPastTheDeadlineFailsThatInputInsteadOfPausingEveryone) {
  inject(Fault::Kind::kStatus, 1, 429, "86400");  // a day
  ClientOptions co = options();
  co.deadline = std::chrono::seconds(30);
  const auto started = std::chrono::steady_clock::now();
  const auto outcomes = ExperienceUsersClient(co).create_many(app(), make_users(3, "patient"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  std::size_t failed = 0;
  for (const auto& r : outcomes) {
    if (r.kind == BulkOutcomeKind::kFailed) {
      ++failed;
      EXPECT_EQ(r.error->http_status, 429);
      EXPECT_NE(r.error->message.find("past the call deadline"), std::string::npos);
    }
  }
  EXPECT_EQ(failed, 1u);
  EXPECT_EQ(emulator_->user_count(), 2u);
}

}  // namespace
}  // namespace losant::experience_users
