// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Safe defaults over real HTTP: redirects are not followed, TLS is verified, proxies never see a
// plain-http request, secrets stay out of logs, errors and exceptions in every form a hostile
// server may echo them, and what the API would store is checked (no NUL, no control characters
// in what people read).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "integration/emulator_fixture.hpp"
#include "integration/local_server.hpp"
#include "test_cert.hpp"

namespace losant::experience_users {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kCanaryToken = "CANARY-TOKEN-45c48cce2e2d7fbdea1afc51c7c6ad26";
const std::string kCanaryPassword = "CANARY-PASSWORD-d3d9446802a44259";

using testing::LocalServer;
using testing::RecordingProxy;

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
    testing::EmulatorOptions eo;
    eo.tls_cert_path = cert_;
    eo.tls_key_path = key_;
    eo.seed_users = 2;
    emulator_ = std::make_unique<testing::Emulator>(eo);
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
  std::unique_ptr<testing::Emulator> emulator_;
};

TEST_F(Tls, SucceedsWithTheCaBundle) {
  ClientOptions o = options();
  o.curl.ca_bundle_path = cert_;
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
  o.curl.ca_bundle_path = cert_;
  o.base_url = "https://localhost:" + std::to_string(emulator_->port());
  EXPECT_TRUE(ExperienceUsersClient(o).list(emulator_->application_id()));
}

// Sets an environment variable for its lifetime (libcurl reads proxies from the environment
// at each transfer).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Finding 1: an http proxy from the environment received `Authorization: Bearer ...` in clear.
class Proxy : public testing::EmulatorTest {};

TEST_F(Proxy, PlainHttpNeverGoesThroughAProxyFromTheEnvironment) {
  for (const char* variable : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"}) {
    RecordingProxy proxy(/*tunnel=*/false);
    const ScopedEnv env(variable, proxy.url());
    ClientOptions o = options();
    auto page = ExperienceUsersClient(o).list(app());
    EXPECT_TRUE(page) << variable << ": " << page.error().to_string();
    EXPECT_THAT(proxy.heads(), ::testing::IsEmpty()) << variable << ": " << proxy.all_heads();
    EXPECT_THAT(proxy.all_heads(), Not(HasSubstr("Authorization"))) << variable;
  }
}

TEST_F(Proxy, AnExplicitProxyIsNotUsedForPlainHttpEither) {
  RecordingProxy proxy(/*tunnel=*/false);
  ClientOptions o = options();
  o.curl.proxy = proxy.url();
  auto page = ExperienceUsersClient(o).list(app());
  EXPECT_TRUE(page) << page.error().to_string();
  EXPECT_THAT(proxy.heads(), ::testing::IsEmpty()) << proxy.all_heads();
}

TEST_F(Tls, HttpsProxyFromTheEnvironmentIsATunnel) {
  RecordingProxy proxy(/*tunnel=*/true);
  const ScopedEnv env("https_proxy", proxy.url());
  ClientOptions o = options();
  o.curl.ca_bundle_path = cert_;
  auto page = ExperienceUsersClient(o).list(emulator_->application_id());
  ASSERT_TRUE(page) << page.error().to_string();
  ASSERT_EQ(proxy.heads().size(), 1u) << proxy.all_heads();
  EXPECT_THAT(proxy.heads()[0],
              ::testing::StartsWith("CONNECT 127.0.0.1:" + std::to_string(emulator_->port())));
  EXPECT_THAT(proxy.all_heads(), Not(HasSubstr("Authorization")));
  EXPECT_THAT(proxy.all_heads(), Not(HasSubstr(emulator_->token())));
}

TEST_F(Tls, ExplicitProxyOptionTunnelsHttps) {
  RecordingProxy proxy(/*tunnel=*/true);
  ClientOptions o = options();
  o.curl.ca_bundle_path = cert_;
  o.curl.proxy = proxy.url();
  auto page = ExperienceUsersClient(o).list(emulator_->application_id());
  ASSERT_TRUE(page) << page.error().to_string();
  ASSERT_EQ(proxy.heads().size(), 1u) << proxy.all_heads();
  EXPECT_THAT(proxy.heads()[0], ::testing::StartsWith("CONNECT 127.0.0.1:"));
  EXPECT_THAT(proxy.all_heads(), Not(HasSubstr("Authorization")));
}

TEST_F(Tls, EmptyProxyOptionIgnoresTheEnvironment) {
  RecordingProxy proxy(/*tunnel=*/false);
  const ScopedEnv https("https_proxy", proxy.url());
  const ScopedEnv all("all_proxy", proxy.url());
  ClientOptions o = options();
  o.curl.ca_bundle_path = cert_;
  o.curl.proxy = "";
  auto page = ExperienceUsersClient(o).list(emulator_->application_id());
  EXPECT_TRUE(page) << page.error().to_string();
  EXPECT_THAT(proxy.heads(), ::testing::IsEmpty()) << proxy.all_heads();
}

// Finding 3: a hostile server echoes the password of a create in every form it can.
class Redaction : public ::testing::Test {
 protected:
  // Answers every create with @p status, @p body and @p content_type; returns the error text.
  std::string create_error(const std::string& password, int status, const std::string& body,
                           const std::string& content_type) {
    LocalServer server;
    server.server().Post(".*", [&](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      res.set_content(body, content_type);
    });
    server.start();
    ClientOptions o;
    o.base_url = server.url();
    o.token = kCanaryToken;
    o.retry.max_attempts = 1;
    std::string logged;
    o.logger = [&](const LogRecord& r) { logged += r.error; };
    ExperienceUserPost post;
    post.email = "victim@example.org";
    post.password = password;
    auto created = ExperienceUsersClient(o).create("575ec8687ae143cd83dc4a97", post);
    EXPECT_FALSE(created);
    if (created) return {};
    return created.error().to_string() + "\n" + logged;
  }
};

TEST_F(Redaction, PasswordWithATabInAJsonErrorBody) {
  const std::string text =
      create_error("Tab\tPassword99", 400,
                   R"({"type":"BadRequest","message":"password Tab\tPassword99 is too weak"})",
                   "application/json");
  EXPECT_THAT(text, HasSubstr("REDACTED"));
  EXPECT_THAT(text, Not(HasSubstr("Password99")));
}

TEST_F(Redaction, NonAsciiPasswordInANonJson2xxBody) {
  const std::string text =
      create_error("P\xC3\xA4sswordLong99", 201, "created P\xC3\xA4sswordLong99", "text/plain");
  EXPECT_THAT(text, HasSubstr("not valid JSON"));
  EXPECT_THAT(text, Not(HasSubstr("sswordLong99")));
}

TEST_F(Redaction, NonAsciiPasswordInAWrongTypeOf2xxJson) {
  // The decoder quotes a bad date-time value (non-ASCII as '?').
  const std::string text = create_error(
      "P\xC3\xA4sswordLong99", 201,
      R"({"id":"575ec8687ae143cd83dc4a97","email":"victim@example.org","lastUpdated":"P\u00e4sswordLong99"})",
      "application/json");
  EXPECT_THAT(text, HasSubstr("date-time"));
  EXPECT_THAT(text, Not(HasSubstr("sswordLong99")));
}

TEST_F(Redaction, JsonEscapedPasswordInANonJsonBody) {
  const std::string text = create_error(
      R"(Pa"ss\word123)", 400, R"(bad request: {"password":"Pa\"ss\\word123"})", "text/plain");
  EXPECT_THAT(text, HasSubstr("REDACTED"));
  EXPECT_THAT(text, Not(HasSubstr("word123")));
}

TEST_F(Redaction, JsonEscapedPasswordInsideAJsonErrorMessage) {
  // The message, once decoded, holds the password as the request body carried it (escaped).
  const std::string text = create_error(
      R"(Pa"ss\word123)", 400,
      R"({"type":"BadRequest","message":"rejected {\"password\":\"Pa\\\"ss\\\\word123\"}"})",
      "application/json");
  EXPECT_THAT(text, HasSubstr("REDACTED"));
  EXPECT_THAT(text, Not(HasSubstr("word123")));
}

TEST_F(Redaction, TokenEchoedWithItsPrefixInAnExcerpt) {
  const std::string text = create_error("correct horse battery", 502,
                                        "Authorization: Bearer " + kCanaryToken, "text/html");
  EXPECT_THAT(text, Not(HasSubstr(kCanaryToken)));
  EXPECT_THAT(text, Not(HasSubstr("c51c7c6ad26")));
}

// Finding 12: a secret too short to be redacted is refused, not sent.
TEST(ShortSecrets, ATokenShorterThanFourCharactersIsRefused) {
  LocalServer server;
  std::atomic<int> requests{0};
  server.server().Get(".*", [&](const httplib::Request&, httplib::Response& res) {
    requests.fetch_add(1);
    res.set_content("{}", "application/json");
  });
  server.start();
  ClientOptions o;
  o.base_url = server.url();
  o.token = "abc";
  auto page = ExperienceUsersClient(o).list("575ec8687ae143cd83dc4a97");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(page.error().field, "options.token");
  EXPECT_EQ(requests.load(), 0);
}

// Finding 11: NUL refused everywhere, control characters in what people read.
class InputRules : public testing::EmulatorTest {};

TEST_F(InputRules, NulAndControlCharactersAreRefusedBeforeSending) {
  const auto refused = [&](ExperienceUserPost post, const std::string& field) {
    auto created = client().create(app(), post);
    ASSERT_FALSE(created) << field;
    EXPECT_EQ(created.error().kind, ErrorKind::kInvalidArgument) << field;
    EXPECT_EQ(created.error().field, field) << created.error().to_string();
  };
  ExperienceUserPost nul_name = new_user("nul-name");
  nul_name.first_name = std::string("Ada\0Lovelace", 12);
  refused(nul_name, "body.firstName");
  ExperienceUserPost esc_name = new_user("esc-name");
  esc_name.last_name = "Lovelace\x1b[2J";
  refused(esc_name, "body.lastName");
  ExperienceUserPost c1_name = new_user("c1-name");
  c1_name.first_name =
      "Ada\xC2\x9B"
      "31m";
  refused(c1_name, "body.firstName");
  ExperienceUserPost nul_password = new_user("nul-password");
  nul_password.password = std::string("correct\0horse battery", 22);
  refused(nul_password, "body.password");
  ExperienceUserPost tag = new_user("tag");
  tag.user_tags = Tags{{"team", "a\x7f"}};
  refused(tag, "body.userTags.team");

  ExperienceUserPatch patch;
  patch.first_name = std::string("x\0", 2);
  auto updated = client().update(app(), "575ec8687ae143cd83dc4a97", patch);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().field, "body.firstName");

  ListQuery query;
  query.filter_field = FilterField::kFirstName;
  query.filter = std::string("a\0*", 3);
  auto page = client().list(app(), query);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().field, "query.filter");
  EXPECT_EQ(emulator_->request_count(), 0u);

  // A name may span lines; a password may hold any character but NUL: it is never shown.
  ExperienceUserPost two_lines = new_user("two-lines");
  two_lines.first_name = "Ada\nLovelace";
  EXPECT_TRUE(client().create(app(), two_lines));
  ExperienceUserPost tab_password = new_user("tab-password");
  tab_password.password = "correct\thorse battery";
  EXPECT_TRUE(client().create(app(), tab_password));
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
