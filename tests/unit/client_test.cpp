// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The client's own logic over a scripted transport: what goes on the wire, status mapping,
// retries and their delays, deadlines, logging and redaction.
#include "losant/experience_users/client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "losant/experience_users/version.hpp"
#include "unit/fake_transport.hpp"

namespace losant::experience_users {
namespace {

using std::chrono::milliseconds;
using testing::FakeTransport;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kApp = "575ec8687ae143cd83dc4a97";
const std::string kUser = "575ed70c7ae143cd83dc4aa9";
const std::string kCanaryToken = "CANARY-TOKEN-8f14e45fceea167a";
const std::string kCanaryPassword = "CANARY-PASSWORD-c9f0f895fb98";

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() {
    options_.base_url = "https://api.example.test/";
    options_.token = kCanaryToken;
    options_.transport = transport_;
    options_.testing.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    options_.testing.random = [] { return 0.5; };
    options_.logger = [this](const LogRecord& r) { logs_.push_back(r); };
  }
  ExperienceUsersClient client() const { return ExperienceUsersClient(options_); }
  HttpRequest only_request() const {
    auto requests = transport_->requests();
    EXPECT_EQ(requests.size(), 1u);
    return requests.empty() ? HttpRequest{} : requests.front();
  }
  std::string header(const HttpRequest& r, const std::string& name) const {
    for (const auto& [n, v] : r.headers)
      if (n == name) return v;
    return "<absent>";
  }
  // Everything a secret could leak into: errors, exceptions and logs.
  void expect_no_secrets(const std::string& text) const {
    EXPECT_THAT(text, Not(HasSubstr(kCanaryToken)));
    EXPECT_THAT(text, Not(HasSubstr(kCanaryPassword)));
  }
  std::string all_logs() const {
    std::string out;
    for (const auto& r : logs_) {
      out += r.url + " " + r.error;
      for (const auto& [n, v] : r.request_headers) out += " " + n + ": " + v;
      out += "\n";
    }
    return out;
  }

  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
  ClientOptions options_;
  std::vector<milliseconds> sleeps_;
  std::vector<LogRecord> logs_;
};

TEST_F(ClientTest, ListSendsExactRequestLineAndHeaders) {
  transport_->respond(200, testing::page_json(0, 2, 2, 0, 100));
  ListQuery q;
  q.per_page = 100;
  q.filter_field = FilterField::kEmail;
  q.filter = "my*user";
  auto page = client().list(kApp, q);
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->total_count, 2);
  const HttpRequest r = only_request();
  EXPECT_EQ(r.method, HttpMethod::kGet);
  EXPECT_EQ(r.url, "https://api.example.test/applications/" + kApp +
                       "/experience/users?_actions=false&_links=true&_embedded=true&perPage=100"
                       "&filterField=email&filter=my%2Auser");
  EXPECT_EQ(header(r, "Accept"), "application/json");
  EXPECT_EQ(header(r, "Accept-Version"), "^1.30.0");
  EXPECT_EQ(header(r, "Authorization"), "Bearer " + kCanaryToken);
  EXPECT_EQ(header(r, "User-Agent"), std::string("losant-experience-users-cpp/") + kVersion);
  EXPECT_EQ(header(r, "Content-Type"), "<absent>");
  EXPECT_EQ(r.body, "");
}

TEST_F(ClientTest, CreateSendsSchemaBodyAndAccepts201) {
  transport_->respond(201, testing::user_json(kUser, "new@example.com"));
  ExperienceUserPost body;
  body.email = "new@example.com";
  body.password = kCanaryPassword;
  body.first_name = "New";
  body.user_tags = Tags{{"customKey", "customValue"}};
  auto user = client().create(kApp, body);
  ASSERT_TRUE(user) << user.error().to_string();
  EXPECT_EQ(user->id, kUser);
  const HttpRequest r = only_request();
  EXPECT_EQ(r.method, HttpMethod::kPost);
  EXPECT_EQ(r.url, "https://api.example.test/applications/" + kApp +
                       "/experience/users?_actions=false&_links=true&_embedded=true");
  EXPECT_EQ(header(r, "Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"email":"new@example.com","password":")" + kCanaryPassword +
                        R"(","firstName":"New","userTags":{"customKey":"customValue"}})");
  expect_no_secrets(all_logs());
}

// A create the transport sent twice and that answered AlreadyExists: the client looks the email
// up and tells by the user's creationDate and the answer's Date whether the first copy made it.
class CreateSentTwiceTest : public ClientTest {
 protected:
  Result<ExperienceUser> create_sent_twice(std::optional<std::string> date,
                                           const std::string& creation_date) {
    HttpResponse exists;
    exists.status = 400;
    exists.body = R"({"type":"AlreadyExists","message":"Email address already exists"})";
    if (date) exists.headers.emplace_back("Date", *date);
    exists.sent_more_than_once = true;
    transport_->respond(std::move(exists));
    std::string user = testing::user_json(kUser, "new@example.com");
    const std::string old_date = "2016-06-13T04:00:00.000Z";
    user.replace(user.find(old_date), old_date.size(), creation_date);
    transport_->respond(200, R"({"items":[)" + user + R"(],"count":1,"totalCount":1})");
    ExperienceUserPost body;
    body.email = "new@example.com";
    body.password = kCanaryPassword;
    return client().create(kApp, body);
  }
};

TEST_F(CreateSentTwiceTest, CreatedJustBeforeTheAnswerIsOurs) {
  auto user = create_sent_twice("Wed, 02 Dec 2026 10:00:05 GMT", "2026-12-02T10:00:04.250Z");
  ASSERT_TRUE(user) << user.error().to_string();
  EXPECT_EQ(user->id, kUser);
  ASSERT_EQ(transport_->requests().size(), 2u);
  EXPECT_NE(transport_->requests()[1].url.find("filterField=email&filter=new%40example.com"),
            std::string::npos)
      << transport_->requests()[1].url;
}

TEST_F(CreateSentTwiceTest, CreatedLongBeforeIsAlreadyExists) {
  auto user = create_sent_twice("Wed, 02 Dec 2026 10:00:05 GMT", "2026-12-02T09:00:00.000Z");
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().api_type, "AlreadyExists");
  EXPECT_TRUE(user.error().request_may_have_been_sent);
}

TEST_F(CreateSentTwiceTest, WithoutADateItSaysItCannotTell) {
  auto user = create_sent_twice(std::nullopt, "2026-12-02T10:00:04.250Z");
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().api_type, "AlreadyExists");
  EXPECT_THAT(user.error().message, HasSubstr("sent no Date to tell whether the first copy"));
  EXPECT_THAT(user.error().message, HasSubstr(kUser));
  expect_no_secrets(user.error().to_string());
}

TEST_F(ClientTest, AnAlreadyExistsSentOnceIsNotLookedUp) {
  transport_->respond(400, R"({"type":"AlreadyExists","message":"Email address already exists"})");
  ExperienceUserPost body;
  body.email = "new@example.com";
  body.password = kCanaryPassword;
  auto user = client().create(kApp, body);
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().api_type, "AlreadyExists");
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(ClientTest, GetUpdateRemoveUseItemPath) {
  const std::string item = "https://api.example.test/applications/" + kApp + "/experience/users/" +
                           kUser + "?_actions=false&_links=true&_embedded=true";
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  transport_->respond(200, testing::user_json(kUser, "b@example.com"));
  transport_->respond(200, R"({"success":true})");
  auto c = client();
  ASSERT_TRUE(c.get(kApp, kUser));
  ExperienceUserPatch patch;
  patch.email = "b@example.com";
  auto updated = c.update(kApp, kUser, patch);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->email, "b@example.com");
  auto removed = c.remove(kApp, kUser);
  ASSERT_TRUE(removed);
  EXPECT_TRUE(removed->success);
  const auto requests = transport_->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, HttpMethod::kGet);
  EXPECT_EQ(requests[1].method, HttpMethod::kPatch);
  EXPECT_EQ(requests[1].body, R"({"email":"b@example.com"})");  // only the fields set
  EXPECT_EQ(header(requests[1], "Content-Type"), "application/json");
  EXPECT_EQ(requests[2].method, HttpMethod::kDelete);
  for (const auto& r : requests) EXPECT_EQ(r.url, item);
}

TEST_F(ClientTest, NoAuthorizationHeaderWithoutToken) {
  options_.token.clear();
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  EXPECT_EQ(header(only_request(), "Authorization"), "<absent>");
}

TEST_F(ClientTest, OptionalHeadersAndUserAgentSuffix) {
  options_.user_agent_suffix = "gateway/2.1";
  options_.losant_domain = "example-domain";
  options_.accept_version = "^1.29.3";
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  const auto r = only_request();
  EXPECT_EQ(header(r, "User-Agent"),
            std::string("losant-experience-users-cpp/") + kVersion + " gateway/2.1");
  EXPECT_EQ(header(r, "losantdomain"), "example-domain");
  EXPECT_EQ(header(r, "Accept-Version"), "^1.29.3");
}

TEST_F(ClientTest, InvalidInputsNeverReachTheTransport) {
  auto c = client();
  EXPECT_EQ(c.get("not-an-id", kUser).error().field, "applicationId");
  EXPECT_EQ(c.get(kApp, "../../admin").error().field, "experienceUserId");
  EXPECT_EQ(c.remove(kApp, "").error().field, "experienceUserId");
  ExperienceUserPost body;
  body.email = "a@example.com";
  body.password = "short";
  EXPECT_EQ(c.create(kApp, body).error().field, "body.password");
  ListQuery q;
  q.per_page = 5000;
  EXPECT_EQ(c.list(kApp, q).error().field, "query.perPage");
  ExperienceUserPatch patch;
  patch.email = "bad";
  EXPECT_EQ(c.update(kApp, kUser, patch).error().field, "body.email");
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(ClientTest, InvalidOptionsFailEveryCallWithoutThrowing) {
  options_.base_url = "http://api.losant.com";
  auto c = client();
  auto r = c.get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().field, "options.base_url");
  EXPECT_FALSE(c.list(kApp));
  EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(ClientTest, HttpErrorsCarryStatusTypeAndMessage) {
  transport_->respond(404, R"({"type":"NotFound","message":"Experience User was not found"})");
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(r.error().http_status, 404);
  EXPECT_EQ(r.error().api_type, "NotFound");
  EXPECT_EQ(r.error().message, "Experience User was not found");
  EXPECT_EQ(r.error().attempts, 1);
  EXPECT_FALSE(r.error().retryable);
  EXPECT_EQ(r.error().to_string(), "http 404 NotFound: Experience User was not found");
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ClientTest, NonJsonErrorBodyIsReadable) {
  options_.retry.max_attempts = 1;
  transport_->respond(502, "<html><body><h1>502 Bad Gateway</h1></body></html>",
                      {{"Content-Type", "text/html"}});
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kHttp);
  EXPECT_EQ(r.error().http_status, 502);
  EXPECT_THAT(r.error().message, HasSubstr("non-JSON body (text/html)"));
  EXPECT_THAT(r.error().message, HasSubstr("502 Bad Gateway"));
}

TEST_F(ClientTest, EmptyErrorBody) {
  transport_->respond(413, "");
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 413);
  EXPECT_THAT(r.error().message, HasSubstr("empty body"));
}

TEST_F(ClientTest, MalformedSuccessBodyIsTypedError) {
  transport_->respond(200, R"({"id": 5})");
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kMalformedResponse);
  EXPECT_EQ(r.error().http_status, 200);
  EXPECT_THAT(r.error().message, HasSubstr("HTTP 200"));
  transport_->respond(200, "");
  EXPECT_EQ(client().get(kApp, kUser).error().kind, ErrorKind::kMalformedResponse);
  transport_->respond(200, "<html>ok</html>");
  EXPECT_EQ(client().list(kApp).error().kind, ErrorKind::kMalformedResponse);
}

TEST_F(ClientTest, RedirectIsAnErrorNotFollowed) {
  transport_->respond(302, "", {{"Location", "https://evil.example/steal"}});
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 302);
  EXPECT_THAT(r.error().message, HasSubstr("redirect"));
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(ClientTest, RetriesReadsWithExactBackoff) {
  options_.retry.max_attempts = 4;
  options_.retry.initial_backoff = milliseconds(100);
  options_.retry.multiplier = 2.0;
  transport_->respond(503, R"({"type":"ServiceUnavailable","message":"busy"})");
  transport_->fail(ErrorKind::kTransport, true);
  transport_->respond(500, "");
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  auto r = client().get(kApp, kUser);
  ASSERT_TRUE(r) << r.error().to_string();
  // Full jitter with random() == 0.5: half of 100, 200, 400.
  EXPECT_EQ(sleeps_,
            (std::vector<milliseconds>{milliseconds(50), milliseconds(100), milliseconds(200)}));
  ASSERT_EQ(logs_.size(), 4u);
  EXPECT_EQ(logs_[0].status, 503);
  EXPECT_EQ(logs_[1].status, 0);
  EXPECT_EQ(logs_[3].status, 200);
  EXPECT_EQ(logs_[3].attempt, 4);
}

TEST_F(ClientTest, GivesUpAfterMaxAttemptsAndSaysSo) {
  options_.retry.max_attempts = 3;
  for (int i = 0; i < 3; ++i)
    transport_->respond(429, R"({"type":"TooManyRequests","message":"slow down"})");
  auto r = client().list(kApp);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().attempts, 3);
  EXPECT_EQ(r.error().http_status, 429);
  EXPECT_TRUE(r.error().retryable);
  EXPECT_THAT(r.error().to_string(), HasSubstr("after 3 attempts"));
  EXPECT_EQ(sleeps_.size(), 2u);
}

TEST_F(ClientTest, RetryAfterReplacesBackoff) {
  transport_->respond(429, "", {{"Retry-After", "3"}});
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  EXPECT_EQ(sleeps_, std::vector<milliseconds>{milliseconds(3000)});
}

TEST_F(ClientTest, RetryAfterBeyondDeadlineStopsImmediately) {
  options_.deadline = milliseconds(2000);
  transport_->respond(503, "", {{"Retry-After", "60"}});
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(r.error().retry_after, milliseconds(60000));
  EXPECT_THAT(r.error().message, HasSubstr("deadline"));
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(ClientTest, AttemptTimeoutIsShortenedToTheDeadline) {
  options_.request_timeout = milliseconds(30000);
  options_.deadline = milliseconds(5000);
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  EXPECT_LE(only_request().timeout, milliseconds(5000));
  EXPECT_GT(only_request().timeout, milliseconds(4000));
}

TEST_F(ClientTest, CreateIsNotRetriedOnceItMayHaveBeenSent) {
  transport_->fail(ErrorKind::kTransport, /*may_have_been_sent=*/true);
  ExperienceUserPost body;
  body.email = "a@example.com";
  body.password = kCanaryPassword;
  auto r = client().create(kApp, body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_EQ(transport_->requests().size(), 1u);
  transport_->respond(503, "");
  EXPECT_FALSE(client().create(kApp, body));
  EXPECT_EQ(transport_->requests().size(), 2u);  // a 503 reached the server: no repeat
}

TEST_F(ClientTest, CreateIsRetriedWhenItNeverLeft) {
  transport_->fail(ErrorKind::kConnect, /*may_have_been_sent=*/false);
  transport_->respond(201, testing::user_json(kUser, "a@example.com"));
  ExperienceUserPost body;
  body.email = "a@example.com";
  body.password = kCanaryPassword;
  ASSERT_TRUE(client().create(kApp, body));
  EXPECT_EQ(transport_->requests().size(), 2u);
}

TEST_F(ClientTest, NonRetryableTransportErrorsStop) {
  transport_->fail(ErrorKind::kTls, false, /*retryable=*/false);
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTls);
  EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_F(ClientTest, SecretsEchoedByServerAreRedacted) {
  options_.retry.max_attempts = 1;
  transport_->respond(400, R"({"type":"Validation","message":"bad token )" + kCanaryToken +
                               R"( and password )" + kCanaryPassword + R"("})");
  ExperienceUserPost body;
  body.email = "a@example.com";
  body.password = kCanaryPassword;
  auto r = client().create(kApp, body);
  ASSERT_FALSE(r);
  expect_no_secrets(r.error().to_string());
  EXPECT_THAT(r.error().message, HasSubstr("REDACTED"));
  try {
    (void)client().create(kApp, body).value();
  } catch (const Exception& e) {
    expect_no_secrets(e.what());
  }
  expect_no_secrets(all_logs());
}

TEST_F(ClientTest, SecretsInNonJsonBodiesAreRedactedBeforeTheExcerptIsCut) {
  options_.retry.max_attempts = 1;
  ExperienceUserPost body;
  body.email = "a@example.com";
  body.password =
      "contrase\xC3\xB1"
      "a-ultrasecreta";  // non-ASCII
  transport_->respond(400, "bad password " + body.password + " rejected",
                      {{"Content-Type", "text/plain"}});
  auto r = client().create(kApp, body);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, Not(HasSubstr("ultrasecreta")));
  // A secret straddling the excerpt's cut is removed before the cut.
  transport_->respond(400, std::string(70, 'x') + kCanaryPassword,
                      {{"Content-Type", "text/plain"}});
  body.password = kCanaryPassword;
  auto cut = client().create(kApp, body);
  ASSERT_FALSE(cut);
  EXPECT_THAT(cut.error().message, Not(HasSubstr(kCanaryPassword.substr(0, 10))));
}

TEST_F(ClientTest, SecretsInMalformedSuccessBodiesAreRedacted) {
  transport_->respond(200, "echo: Authorization: Bearer " + kCanaryToken);
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kMalformedResponse);
  expect_no_secrets(r.error().to_string());
}

TEST_F(ClientTest, ServerTextIsKeptToOneLine) {
  transport_->respond(400, R"({"type":"Bad\nType","message":"line1\nFAKE LOG LINE\u001b[31m"})");
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string().find_first_of("\n\r\x1b"), std::string::npos)
      << r.error().to_string();
}

TEST_F(ClientTest, ServerTextCannotReorderOrDriveTheTerminal) {
  // U+202E (RLO) would show "exe.gpj" as "jpg.exe"; U+009B is the C1 form of ESC [.
  transport_->respond(400, R"({"type":"Bad\u202eType","message":"see \u009b31m file\u2066x"})");
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  const std::string text = r.error().to_string();
  for (const std::string forbidden : {"\xE2\x80\xAE", "\xC2\x9B", "\xE2\x81\xA6"}) {
    EXPECT_EQ(text.find(forbidden), std::string::npos) << text;
  }
  EXPECT_EQ(r.error().message,
            "see \xEF\xBF\xBD"
            "31m file\xEF\xBF\xBDx");
  EXPECT_EQ(r.error().api_type, "Bad\xEF\xBF\xBDType");
}

TEST_F(ClientTest, NonJsonBodyExcerptIsOneLineAndCutAtACharacter) {
  options_.retry.max_attempts = 1;
  // 79 ASCII characters, then 2-byte characters: the cut at 80 never splits one.
  transport_->respond(502, std::string(79, 'x') + "\xC3\xA9\xC3\xA9\r\nnext line",
                      {{"Content-Type", "text/html"}});
  auto r = client().get(kApp, kUser);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr(std::string(79, 'x') + "\xC3\xA9..."));
}

TEST_F(ClientTest, HugeDeadlineMeansNoDeadline) {
  options_.deadline = milliseconds::max();
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  EXPECT_EQ(only_request().timeout, options_.request_timeout);
}

TEST_F(ClientTest, LogsRedactAuthorizationAndUnlistedHeaders) {
  options_.losant_domain = "secret-ish-domain";
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  ASSERT_EQ(logs_.size(), 1u);
  const LogRecord& log = logs_.front();
  EXPECT_EQ(log.method, HttpMethod::kGet);
  EXPECT_EQ(log.status, 200);
  EXPECT_EQ(log.attempt, 1);
  EXPECT_THAT(log.url, HasSubstr(kUser));
  for (const auto& [name, value] : log.request_headers) {
    if (name == "Authorization" || name == "losantdomain") {
      EXPECT_EQ(value, "REDACTED") << name;
    }
    if (name == "Accept") {
      EXPECT_EQ(value, "application/json");
    }
  }
  // Even an allow-list that names Authorization cannot reveal it.
  options_.log_header_allow_list.push_back("authorization");
  logs_.clear();
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  ASSERT_TRUE(client().get(kApp, kUser));
  expect_no_secrets(all_logs());
}

TEST_F(ClientTest, ValueThrowsTheSameError) {
  transport_->respond(404, R"({"type":"NotFound","message":"gone"})");
  try {
    (void)client().get(kApp, kUser).value();
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.error().http_status, 404);
    EXPECT_STREQ(e.what(), "http 404 NotFound: gone");
  }
}

TEST_F(ClientTest, CopiesShareOneTransport) {
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  transport_->respond(200, testing::user_json(kUser, "a@example.com"));
  auto a = client();
  auto b = a;
  ASSERT_TRUE(a.get(kApp, kUser));
  ASSERT_TRUE(b.get(kApp, kUser));
  EXPECT_EQ(transport_->requests().size(), 2u);
  EXPECT_EQ(b.options().base_url, "https://api.example.test/");
}

}  // namespace
}  // namespace losant::experience_users
