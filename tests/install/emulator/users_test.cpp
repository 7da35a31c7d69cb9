// Tests of code that uses the SDK, against the emulator started in-process on a free port.
// CMake: find_package(LosantExperienceUsers COMPONENTS Emulator) and find_package(GTest), then
// link Losant::ExperienceUsers, Losant::ExperienceUsersEmulator and GTest::gtest_main.
#include <gtest/gtest.h>
#include <losant/experience_users.hpp>
#include <losant/experience_users/testing/emulator.hpp>

namespace eu = losant::experience_users;
using eu::testing::Emulator;
using eu::testing::EmulatorOptions;
using eu::testing::Fault;
using eu::testing::Route;

class UsersTest : public ::testing::Test {
 protected:
  static EmulatorOptions with_users() {
    EmulatorOptions options;
    options.seed_users = 25;  // The same 25 users (ids, emails, names) on every run.
    return options;
  }
  void SetUp() override { ASSERT_TRUE(emulator_.start()); }  // A free port of 127.0.0.1.

  eu::ExperienceUsersClient client() const {
    eu::ClientOptions options;
    options.base_url = emulator_.base_url();  // http://127.0.0.1:PORT
    options.token = emulator_.token();
    return eu::ExperienceUsersClient(options);
  }
  const std::string& app() const { return emulator_.application_id(); }

  Emulator emulator_{with_users()};  // Its destructor stops it.
};

TEST_F(UsersTest, ListsEverySeededUser) {
  int count = 0;
  for (const auto& user : client().list_all(app())) {
    ASSERT_TRUE(user) << user.error().to_string();
    ++count;
  }
  EXPECT_EQ(count, 25);
}

TEST_F(UsersTest, CreatesAUserOnce) {
  eu::ExperienceUserPost ada;
  ada.email = "ada@example.com";
  ada.password = "analytical-engine-1843";
  const auto created = client().create(app(), ada);
  ASSERT_TRUE(created) << created.error().to_string();

  EXPECT_EQ(emulator_.find_by_email("ada@example.com").size(), 1U);
  const eu::testing::RecordedRequest request = emulator_.requests().back();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/applications/" + app() + "/experience/users");
  EXPECT_TRUE(request.authorized);  // The header itself reads "[redacted]".
}

TEST_F(UsersTest, RetriesWhenThrottled) {
  emulator_.add_fault(Route::kList, Fault::http_status(429, "0"));  // Retry-After: 0
  const auto page = client().list(app());
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(emulator_.request_count(), 2U);  // The 429, then the page.
}

TEST_F(UsersTest, ALostAnswerToACreateIsAmbiguous) {
  emulator_.add_fault(Route::kCreate, Fault::of(Fault::Kind::kApplyThenDrop));  // Create, hang up.
  eu::ExperienceUserPost grace;
  grace.email = "grace@example.com";
  grace.password = "cobol-compiler-1959";
  const auto created = client().create(app(), grace);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind, eu::ErrorKind::kTransport);
  EXPECT_TRUE(created.error().request_may_have_been_sent);  // And indeed it was:
  EXPECT_EQ(emulator_.find_by_email("grace@example.com").size(), 1U);
}
