// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// One client shared by many threads against the emulator. Also built and run under
// ThreadSanitizer (preset tsan), where any data race fails the test run.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

constexpr int kThreads = 8;
constexpr int kCallsPerThread = 500;

class Concurrency : public testing::EmulatorTest {
 protected:
  Concurrency() : EmulatorTest(200) {}
};

TEST_F(Concurrency, SharedClientMixedCalls) {
  std::atomic<int> log_records{0};
  ClientOptions o = options();
  o.logger = [&](const LogRecord&) { log_records.fetch_add(1, std::memory_order_relaxed); };
  const ExperienceUsersClient shared(o);
  ListQuery small_page;
  small_page.per_page = 5;
  auto first = shared.list(app(), small_page);
  ASSERT_TRUE(first) << first.error().to_string();
  const std::string known_id = first->items.front().id;

  std::atomic<int> failures{0};
  std::vector<std::string> first_failure(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each copy shares the same connection pool; copying must be as safe as sharing.
      const ExperienceUsersClient client = (t % 2 == 0) ? shared : ExperienceUsersClient(shared);
      std::string own_id;
      for (int i = 0; i < kCallsPerThread; ++i) {
        std::optional<Error> error;
        switch (i % 5) {
          case 0: {
            auto r = client.list(app(), small_page);
            if (!r) error = r.error();
            break;
          }
          case 1: {
            auto r = client.get(app(), known_id);
            if (!r) error = r.error();
            break;
          }
          case 2: {
            ExperienceUserPost body;
            body.email = "t" + std::to_string(t) + "-" + std::to_string(i) + "@example.org";
            body.password = "concurrent-password";
            auto r = client.create(app(), body);
            if (r)
              own_id = r->id;
            else
              error = r.error();
            break;
          }
          case 3: {
            ExperienceUserPatch patch;
            patch.first_name = "T" + std::to_string(t);
            auto r = client.update(app(), own_id, patch);
            if (!r) error = r.error();
            break;
          }
          case 4: {
            auto r = client.remove(app(), own_id);
            if (!r) error = r.error();
            break;
          }
        }
        if (error && failures.fetch_add(1) == 0) first_failure[t] = error->to_string();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::string why;
  for (const auto& f : first_failure) why += f;
  EXPECT_EQ(failures.load(), 0) << why;
  EXPECT_EQ(log_records.load(), 1 + kThreads * kCallsPerThread);
  // Every created user was deleted again: the store is as seeded.
  EXPECT_EQ(emulator_->user_count(), 200u);
}

}  // namespace
}  // namespace losant::experience_users
