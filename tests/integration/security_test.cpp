// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Safe defaults over real HTTP: redirects are not followed, TLS is verified, secrets stay out of
// logs, errors and exceptions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "integration/emulator_fixture.hpp"
#include "test_cert.hpp"

namespace losant::experience_users {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kCanaryToken = "CANARY-TOKEN-45c48cce2e2d7fbdea1afc51c7c6ad26";
const std::string kCanaryPassword = "CANARY-PASSWORD-d3d9446802a44259";

// A plain httplib server on a free loopback port, on its own thread.
class LocalServer {
 public:
  LocalServer() = default;
  ~LocalServer() { stop(); }
  httplib::Server& server() { return server_; }
  int start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return port_;
  }
  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST(Security, RedirectsAreNotFollowedAndTheTokenStaysHome) {
  LocalServer elsewhere;
  std::atomic<int> stolen{0};
  elsewhere.server().Get(".*", [&](const httplib::Request&, httplib::Response& res) {
    stolen.fetch_add(1);
    res.set_content("{}", "application/json");
  });
  elsewhere.start();
  LocalServer redirector;
  const std::string target = elsewhere.url();
  redirector.server().Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_redirect(target + req.path, 307);
  });
  redirector.start();

  ClientOptions o;
  o.base_url = redirector.url();
  o.token = kCanaryToken;
  auto r = ExperienceUsersClient(o).get("575ec8687ae143cd83dc4a97", "575ec8687ae143cd83dc4a97");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(r.error().http_status, 307);
  EXPECT_EQ(stolen.load(), 0);
}

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/losant-eu-tls-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    std::string error;
    ASSERT_TRUE(emulator::write_test_certificate(dir_, &cert_, &key_, &error)) << error;
    emulator::Options eo;
    eo.tls_cert_path = cert_;
    eo.tls_key_path = key_;
    eo.seed_users = 2;
    emulator_ = std::make_unique<emulator::Emulator>(eo);
    ASSERT_TRUE(emulator_->start());
    ASSERT_EQ(emulator_->base_url().rfind("https://", 0), 0u);
  }
  void TearDown() override {
    emulator_->stop();
    std::filesystem::remove_all(dir_);
  }
  ClientOptions options() const {
    ClientOptions o;
    o.base_url = emulator_->base_url();
    o.token = emulator_->token();
    return o;
  }
  std::string dir_, cert_, key_;
  std::unique_ptr<emulator::Emulator> emulator_;
};

TEST_F(Tls, SucceedsWithTheCaBundle) {
  ClientOptions o = options();
  o.ca_bundle_path = cert_;
  auto page = ExperienceUsersClient(o).list(emulator_->application_id());
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(page->total_count, 2);
}

TEST_F(Tls, UntrustedCertificateIsATlsError) {
  auto page = ExperienceUsersClient(options()).list(emulator_->application_id());
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kTls);
  EXPECT_FALSE(page.error().retryable);
  EXPECT_EQ(page.error().attempts, 1);
}

TEST_F(Tls, LocalhostNameIsVerifiedToo) {
  ClientOptions o = options();
  o.ca_bundle_path = cert_;
  o.base_url = "https://localhost:" + std::to_string(emulator_->port());
  EXPECT_TRUE(ExperienceUsersClient(o).list(emulator_->application_id()));
}

class Secrets : public testing::EmulatorTest {};

TEST_F(Secrets, CanariesNeverAppearInLogsErrorsOrExceptions) {
  std::string logged;
  ClientOptions o = options();
  o.logger = [&](const LogRecord& r) {
    logged += r.url + " " + r.error;
    for (const auto& [n, v] : r.request_headers) logged += " " + n + "=" + v;
  };
  // A wrong (canary) token: 401 on every call.
  o.token = kCanaryToken;
  ExperienceUsersClient c(o);
  ExperienceUserPost body = new_user("canary");
  body.password = kCanaryPassword;
  std::string errors;
  auto created = c.create(app(), body);
  ASSERT_FALSE(created);
  errors += created.error().to_string();
  ExperienceUserPatch patch;
  patch.password = kCanaryPassword;
  auto updated = c.update(app(), "575ec8687ae143cd83dc4a97", patch);
  errors += updated.error().to_string();
  try {
    (void)c.create(app(), body).value();
  } catch (const std::exception& e) {
    errors += e.what();
  }
  // A short password refused locally.
  body.password = "CANARY7";
  errors += c.create(app(), body).error().to_string();
  for (const std::string& text : {logged, errors}) {
    EXPECT_THAT(text, Not(HasSubstr(kCanaryToken)));
    EXPECT_THAT(text, Not(HasSubstr(kCanaryPassword)));
    EXPECT_THAT(text, Not(HasSubstr("CANARY7")));
  }
  EXPECT_THAT(logged, HasSubstr("Authorization=REDACTED"));
  EXPECT_THAT(errors, HasSubstr("401"));
}

}  // namespace
}  // namespace losant::experience_users
