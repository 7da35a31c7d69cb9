// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Creates and deletes on kept-alive connections (the default): when the server closes the
// connection after applying a request but before answering, libcurl sends the request again on
// a new connection. The second copy answers AlreadyExists (create) or 404 (delete); the client
// must report what really happened: created once, deleted, or "already existed" only when the
// user existed before the call.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using testing::Fault;
using testing::Route;

class Resend : public testing::EmulatorTest {
 protected:
  Resend() : EmulatorTest(3) {}

  void SetUp() override {
    EmulatorTest::SetUp();
    client_.emplace(options());
    // The client's connection is open and idle: the next request reuses it.
    auto page = client_->list(app());
    ASSERT_TRUE(page) << page.error().to_string();
    existing_ = page->items.front();
  }
  void TearDown() override {
    client_.reset();
    EmulatorTest::TearDown();
  }
  void apply_then_drop(Route route) {
    emulator_->add_fault(route, Fault::of(Fault::Kind::kApplyThenDrop));
  }
  // How many requests with @p method reached the emulator since SetUp.
  std::size_t received(const std::string& method) const {
    std::size_t n = 0;
    for (const auto& request : emulator_->requests()) n += request.method == method ? 1 : 0;
    return n;
  }

  // Made in SetUp, once the emulator has its port; gone before it stops (its idle connection
  // would hold up stop()).
  std::optional<ExperienceUsersClient> client_;
  ExperienceUser existing_;
};

TEST_F(Resend, ACreateSentTwiceIsReportedCreatedOnce) {
  apply_then_drop(Route::kCreate);
  const ExperienceUserPost body = new_user("twice");
  auto created = client_->create(app(), body);
  ASSERT_TRUE(created) << created.error().to_string();
  EXPECT_EQ(created->email, body.email);
  const auto stored = emulator_->find_by_email(body.email);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(created->id, stored.front());
  EXPECT_EQ(received("POST"), 2u)
      << "libcurl did not send the create twice: the test proves nothing";
}

TEST_F(Resend, ACreateSentTwiceForAnEmailThatAlreadyExistedIsStillAlreadyExists) {
  apply_then_drop(Route::kCreate);
  ExperienceUserPost body = new_user("ignored");
  body.email = existing_.email;  // seeded, created long before this call
  auto created = client_->create(app(), body);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().api_type, "AlreadyExists") << created.error().to_string();
  EXPECT_EQ(received("POST"), 2u);
}

TEST_F(Resend, ADeleteSentTwiceIsDone) {
  apply_then_drop(Route::kDelete);
  auto removed = client_->remove(app(), existing_.id);
  ASSERT_TRUE(removed) << removed.error().to_string();
  EXPECT_TRUE(removed->success);
  EXPECT_FALSE(client_->get(app(), existing_.id));
  EXPECT_EQ(received("DELETE"), 2u);
}

TEST_F(Resend, ADeleteRetriedAfterItsAnswerWasLostIsDone) {
  // On a new connection libcurl does not resend: the client's own retry does, after a failure
  // that may have come after the delete was applied.
  apply_then_drop(Route::kDelete);
  auto removed = ExperienceUsersClient(options()).remove(app(), existing_.id);
  ASSERT_TRUE(removed) << removed.error().to_string();
  EXPECT_TRUE(removed->success);
  EXPECT_EQ(received("DELETE"), 2u);
}

TEST_F(Resend, ADeleteOfAUserThatNeverExistedIsStillNotFound) {
  auto removed = client_->remove(app(), "5f0c1a2b3c4d5e6f7a8b9c0d");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().http_status, 404);
  EXPECT_EQ(received("DELETE"), 1u);
}

}  // namespace
}  // namespace losant::experience_users
