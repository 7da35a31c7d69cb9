// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The emulator over real HTTP(S) on loopback, seen by raw clients: statuses and error bodies,
// listing, validation, writes, every fault kind, TLS, seeding, recording and lifecycle.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fault_spec.hpp"
#include "losant/experience_users/testing/emulator.hpp"
#include "test_cert.hpp"

namespace {

using losant::experience_users::testing::Emulator;
using losant::experience_users::testing::Fault;
using losant::experience_users::testing::Route;
using Options = losant::experience_users::testing::EmulatorOptions;
using Json = nlohmann::json;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kAppId = "5f0c1a2b3c4d5e6f7a8b9c0d";
constexpr const char* kOtherAppId = "5f0c1a2b3c4d5e6f7a8b9c0e";
constexpr const char* kUnknownUserId = "000000000000000000000000";
constexpr std::size_t kSeededUsers = 300;

const std::string kUsersPath = std::string("/applications/") + kAppId + "/experience/users";

Options seeded_options(std::size_t users = kSeededUsers, std::uint64_t seed = 7) {
  Options options;
  options.seed_users = users;
  options.seed = seed;
  return options;
}

// ---- raw HTTP: what a client sees on the socket ------------------------------------------------
struct RawExchange {
  std::string bytes;   ///< Everything received before the server closed.
  bool reset = false;  ///< The connection ended with an error (RST) rather than end of stream.

  int status() const { return bytes.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(bytes.c_str() + 9) : 0; }
  std::string head() const { return bytes.substr(0, bytes.find("\r\n\r\n")); }
  std::string body() const {
    const auto end = bytes.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : bytes.substr(end + 4);
  }
  std::optional<std::size_t> content_length() const {
    const std::string h = head();
    const auto at = h.find("Content-Length: ");
    if (at == std::string::npos) return std::nullopt;
    return static_cast<std::size_t>(std::strtoull(h.c_str() + at + 16, nullptr, 10));
  }
};

// Sends @p method @p target (with `Connection: close`) on a fresh connection and reads until the
// server closes it.
RawExchange raw_request(int port, const std::string& method, const std::string& target,
                        const std::string& body = {}, const std::string& token = "emulator-token") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  EXPECT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);

  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                        "Authorization: Bearer " + token + "\r\n";
  if (!body.empty()) {
    request +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n" + body;
  EXPECT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));

  RawExchange exchange;
  char buffer[16384];
  while (true) {
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n > 0) {
      exchange.bytes.append(buffer, static_cast<std::size_t>(n));
    } else {
      exchange.reset = n < 0;
      break;
    }
  }
  ::close(fd);
  return exchange;
}

// ---- the fixture -------------------------------------------------------------------------------
class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(emulator_.start()); }
  void TearDown() override { emulator_.stop(); }

  // A keep-alive client with the right token that sends targets exactly as written.
  httplib::Client client(const std::string& token = "emulator-token") const {
    httplib::Client result(emulator_.base_url());
    result.set_keep_alive(true);
    result.set_url_encode(false);
    result.set_read_timeout(10, 0);
    if (!token.empty()) result.set_bearer_token_auth(token);
    return result;
  }

  static Json parse(const httplib::Result& result) {
    EXPECT_TRUE(result) << httplib::to_string(result.error());
    if (!result) return Json();
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    return Json::parse(result->body);
  }

  // GET the list with @p query (already encoded), expecting 200.
  Json list(const std::string& query = {}) const {
    auto http = client();
    const auto result = http.Get(kUsersPath + (query.empty() ? "" : "?" + query));
    EXPECT_TRUE(result);
    if (!result) return Json();
    EXPECT_EQ(result->status, 200) << result->body;
    return parse(result);
  }

  // Every user in the order of @p sort_field / @p direction.
  std::vector<Json> list_all(const std::string& sort_field, const std::string& direction) const {
    const Json page = list("perPage=1000&sortField=" + sort_field + "&sortDirection=" + direction);
    return page["items"].get<std::vector<Json>>();
  }

  // Expects an error answer of @p status and @p type; returns its message.
  static std::string expect_error(const httplib::Result& result, int status,
                                  const std::string& type) {
    EXPECT_TRUE(result);
    if (!result) return {};
    EXPECT_EQ(result->status, status) << result->body;
    const Json body = parse(result);
    EXPECT_EQ(body.value("type", ""), type) << result->body;
    EXPECT_TRUE(body.contains("message") && body["message"].is_string()) << result->body;
    return body.value("message", "");
  }

  Json create(const Json& body) const {
    auto http = client();
    const auto result = http.Post(kUsersPath, body.dump(), "application/json");
    EXPECT_TRUE(result);
    if (!result) return Json();
    EXPECT_EQ(result->status, 201) << result->body;
    return parse(result);
  }

  std::string user_path(const std::string& id) const { return kUsersPath + "/" + id; }

  Emulator emulator_{seeded_options()};
};

// ---- statuses and error bodies -----------------------------------------------------------------
TEST_F(EmulatorTest, RejectsMissingOrWrongTokenWith401) {
  for (const std::string& token : {std::string(), std::string("wrong-token")}) {
    auto http = client(token);
    const auto result = http.Get(kUsersPath);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
    EXPECT_EQ(result->body, R"({"type":"Unauthorized","message":"Unauthorized"})");
  }
  auto http = client("");
  const auto basic = http.Get(kUsersPath, {{"Authorization", "Basic ZW11bGF0b3ItdG9rZW4="}});
  EXPECT_EQ(expect_error(basic, 401, "Unauthorized"), "Unauthorized");
}

TEST_F(EmulatorTest, AcceptsTheBearerSchemeInAnyCase) {
  auto http = client("");
  const auto result = http.Get(kUsersPath, {{"Authorization", "bearer emulator-token"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(EmulatorTest, MalformedIdsAre400Validation) {
  auto http = client();
  EXPECT_NE(expect_error(http.Get("/applications/not-an-id/experience/users"), 400, "Validation")
                .find("applicationId"),
            std::string::npos);
  EXPECT_NE(expect_error(http.Get(user_path("12345")), 400, "Validation").find("experienceUserId"),
            std::string::npos);
  expect_error(http.Patch(user_path("zzzzzzzzzzzzzzzzzzzzzzzz"), "{}", "application/json"), 400,
               "Validation");
  expect_error(http.Delete(user_path("5f0c1a2b3c4d5e6f7a8b9c0")), 400, "Validation");
}

TEST_F(EmulatorTest, OtherApplicationIs404) {
  auto http = client();
  const std::string other = std::string("/applications/") + kOtherAppId + "/experience/users";
  EXPECT_EQ(expect_error(http.Get(other), 404, "NotFound"), "Application was not found");
  EXPECT_EQ(expect_error(
                http.Post(other, R"({"email":"a@b.co","password":"12345678"})", "application/json"),
                404, "NotFound"),
            "Application was not found");
  EXPECT_EQ(expect_error(http.Get(other + "/" + kUnknownUserId), 404, "NotFound"),
            "Application was not found");
}

std::string upper_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

TEST_F(EmulatorTest, ApplicationIdIsCaseInsensitive) {
  auto http = client();
  const auto result = http.Get("/applications/" + upper_case(kAppId) + "/experience/users");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(EmulatorTest, UnknownUserIs404ForEveryUserOperation) {
  auto http = client();
  const std::string path = user_path(kUnknownUserId);
  EXPECT_EQ(expect_error(http.Get(path), 404, "NotFound"), "Experience User was not found");
  EXPECT_EQ(
      expect_error(http.Patch(path, R"({"firstName":"x"})", "application/json"), 404, "NotFound"),
      "Experience User was not found");
  EXPECT_EQ(expect_error(http.Delete(path), 404, "NotFound"), "Experience User was not found");
}

TEST_F(EmulatorTest, UnknownRoutesAre404NotFoundJson) {
  auto http = client();
  expect_error(http.Get("/"), 404, "NotFound");
  expect_error(http.Get("/applications"), 404, "NotFound");
  expect_error(http.Get(kUsersPath + "/" + kUnknownUserId + "/extra"), 404, "NotFound");
  expect_error(http.Delete(kUsersPath), 404, "NotFound");
  expect_error(http.Post(user_path(kUnknownUserId), "{}", "application/json"), 404, "NotFound");
  expect_error(http.Put(user_path(kUnknownUserId), "{}", "application/json"), 404, "NotFound");
}

TEST_F(EmulatorTest, ToleratesOneTrailingSlash) {
  auto http = client();
  const auto result = http.Get(kUsersPath + "/");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(EmulatorTest, OversizedRequestBodyIs413Json) {
  auto http = client();
  const std::string huge(2 << 20, ' ');
  expect_error(http.Post(kUsersPath, huge, "application/json"), 413, "PayloadTooLarge");
}

TEST_F(EmulatorTest, KeepsConnectionsAliveAcrossRequests) {
  auto http = client();
  for (int i = 0; i < 20; ++i) {
    const auto result = http.Get(kUsersPath + "?perPage=1");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_NE(result->get_header_value("Keep-Alive"), "");
    EXPECT_NE(result->get_header_value("Connection"), "close");
  }
  EXPECT_TRUE(http.is_socket_open());
}

TEST_F(EmulatorTest, SendsBodiesUncompressedEvenWhenGzipIsAccepted) {
  auto http = client();
  const auto result = http.Get(kUsersPath + "?perPage=50", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(Json::parse(result->body)["count"], 50);
}

// ---- list: the response document ---------------------------------------------------------------
TEST_F(EmulatorTest, ListHasLosantDefaults) {
  const Json page = list();
  EXPECT_EQ(page["count"], 100);
  EXPECT_EQ(page["items"].size(), 100U);
  EXPECT_EQ(page["totalCount"], kSeededUsers);
  EXPECT_EQ(page["perPage"], 100);
  EXPECT_EQ(page["page"], 0);
  EXPECT_EQ(page["sortField"], "email");
  EXPECT_EQ(page["sortDirection"], "asc");
  EXPECT_EQ(page["applicationId"], kAppId);
  EXPECT_FALSE(page.contains("filter"));
  EXPECT_FALSE(page.contains("filterField"));
  EXPECT_FALSE(page.contains("experienceGroupId"));
  EXPECT_EQ(page["items"][0]["email"], "user000000@example.com");
}

TEST_F(EmulatorTest, IgnoresLosantSdkBookkeepingParameters) {
  const Json page = list("_actions=false&_links=true&_embedded=true&perPage=5");
  EXPECT_EQ(page["count"], 5);
}

TEST_F(EmulatorTest, UserDocumentsFollowTheSchema) {
  const Json page = list("perPage=1000");
  std::size_t without_first_name = 0;
  std::size_t without_last_login = 0;
  std::size_t with_avatar = 0;
  std::size_t with_tags = 0;
  std::size_t with_token_cutoff = 0;
  std::size_t in_groups = 0;
  std::set<std::string> emails;
  for (const Json& user : page["items"]) {
    ASSERT_TRUE(user["id"].is_string());
    EXPECT_EQ(user["experienceUserId"], user["id"]);
    EXPECT_EQ(user["applicationId"], kAppId);
    for (const char* date :
         {"creationDate", "lastUpdated", "passwordLastUpdated", "lastLogin", "tokenCutoff"}) {
      if (!user.contains(date)) continue;
      const std::string text = user[date];
      EXPECT_EQ(text.size(), 24U) << text;  // 2016-06-13T04:00:00.000Z
      EXPECT_EQ(text[10], 'T');
      EXPECT_EQ(text[19], '.');
      EXPECT_EQ(text.back(), 'Z');
    }
    EXPECT_LE(user["creationDate"].get<std::string>(), user["lastUpdated"].get<std::string>());
    EXPECT_FALSE(user.contains("password"));
    ASSERT_TRUE(user["userTags"].is_object());
    ASSERT_TRUE(user["experienceGroups"].is_array());
    for (const Json& group : user["experienceGroups"]) {
      EXPECT_TRUE(group["id"].is_string());
      EXPECT_TRUE(group["name"].is_string());
    }
    for (const auto& [key, value] : user.items()) EXPECT_FALSE(value.is_null()) << key;
    emails.insert(user["email"].get<std::string>());
    without_first_name += user.contains("firstName") ? 0 : 1;
    without_last_login += user.contains("lastLogin") ? 0 : 1;
    with_avatar += user.contains("avatarUrl") ? 1 : 0;
    with_token_cutoff += user.contains("tokenCutoff") ? 1 : 0;
    with_tags += user["userTags"].empty() ? 0 : 1;
    in_groups += user["experienceGroups"].empty() ? 0 : 1;
  }
  EXPECT_EQ(emails.size(), kSeededUsers);
  EXPECT_GT(without_first_name, 0U);
  EXPECT_GT(without_last_login, 0U);
  EXPECT_GT(with_avatar, 0U);
  EXPECT_GT(with_token_cutoff, 0U);
  EXPECT_GT(with_tags, 0U);
  EXPECT_GT(in_groups, 0U);
  EXPECT_LT(in_groups, kSeededUsers);
}

// ---- list: sorting -----------------------------------------------------------------------------
// Losant's order: by the field (fixed-width ISO dates compare as text), missing values first, ties
// by id.
bool sorts_before(const std::string& field, const Json& a, const Json& b) {
  const bool has_a = a.contains(field);
  const bool has_b = b.contains(field);
  if (has_a != has_b) return has_b;
  if (has_a && a[field] != b[field])
    return a[field].get<std::string>() < b[field].get<std::string>();
  return a["id"].get<std::string>() < b["id"].get<std::string>();
}

class SortTest : public EmulatorTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(SortTest, SortsBothDirectionsTotallyAndStably) {
  const std::string field = GetParam();
  const std::vector<Json> ascending = list_all(field, "asc");
  ASSERT_EQ(ascending.size(), kSeededUsers);
  for (std::size_t i = 1; i < ascending.size(); ++i) {
    EXPECT_TRUE(sorts_before(field, ascending[i - 1], ascending[i])) << field << " at " << i;
  }
  std::vector<Json> descending = list_all(field, "desc");
  std::reverse(descending.begin(), descending.end());
  EXPECT_EQ(descending, ascending);
  EXPECT_EQ(list("sortField=" + field + "&sortDirection=desc&perPage=1")["sortField"], field);
}

INSTANTIATE_TEST_SUITE_P(AllFields, SortTest,
                         ::testing::Values("firstName", "lastName", "email", "id", "creationDate",
                                           "lastLogin", "lastUpdated"));

TEST_F(EmulatorTest, MissingSortValuesComeFirstAscending) {
  const std::vector<Json> users = list_all("lastLogin", "asc");
  ASSERT_FALSE(users.empty());
  EXPECT_FALSE(users.front().contains("lastLogin"));
  EXPECT_TRUE(users.back().contains("lastLogin"));
}

TEST_F(EmulatorTest, EchoesUpperCaseSortDirection) {
  const Json page = list("sortDirection=DESC&perPage=1");
  EXPECT_EQ(page["sortDirection"], "DESC");
  EXPECT_EQ(page["items"][0]["email"], list("sortDirection=desc&perPage=1")["items"][0]["email"]);
}

TEST_F(EmulatorTest, SortIndexesFollowWrites) {
  // Build the indexes, then change the data under them.
  list_all("firstName", "asc");
  list_all("lastUpdated", "desc");
  const Json created =
      create({{"email", "aaa@example.com"}, {"password", "password1"}, {"firstName", "Aaron"}});
  const std::vector<Json> before = list_all("email", "asc");
  auto http = client();
  ASSERT_EQ(http.Patch(user_path(before[5]["id"]),
                       R"({"firstName":"Zzz","email":"zzz@example.com"})", "application/json")
                ->status,
            200);
  ASSERT_EQ(http.Delete(user_path(before[7]["id"]))->status, 200);
  for (const std::string field : {"firstName", "lastUpdated", "email"}) {
    const std::vector<Json> users = list_all(field, "asc");
    ASSERT_EQ(users.size(), kSeededUsers);  // One created, one deleted.
    for (std::size_t i = 1; i < users.size(); ++i)
      EXPECT_TRUE(sorts_before(field, users[i - 1], users[i]));
  }
  EXPECT_EQ(list_all("email", "desc").front()["email"], "zzz@example.com");
  EXPECT_EQ(list_all("lastUpdated", "desc").front()["email"], "zzz@example.com");
  EXPECT_EQ(list_all("email", "asc").front()["id"], created["id"]);
}

// ---- list: paging ------------------------------------------------------------------------------
TEST_F(EmulatorTest, PagesPartitionTheSortedList) {
  const std::vector<Json> all = list_all("creationDate", "desc");
  std::vector<Json> paged;
  for (int page = 0;; ++page) {
    const Json body =
        list("sortField=creationDate&sortDirection=desc&perPage=7&page=" + std::to_string(page));
    EXPECT_EQ(body["page"], page);
    EXPECT_EQ(body["perPage"], 7);
    EXPECT_EQ(body["totalCount"], kSeededUsers);
    EXPECT_EQ(body["count"], body["items"].size());
    if (body["items"].empty()) break;
    for (const Json& user : body["items"]) paged.push_back(user);
  }
  EXPECT_EQ(paged, all);
}

TEST_F(EmulatorTest, PageBeyondTheEndIsEmpty) {
  const Json body = list("perPage=1000&page=99999999999");
  EXPECT_EQ(body["count"], 0);
  EXPECT_TRUE(body["items"].empty());
  EXPECT_EQ(body["totalCount"], kSeededUsers);
}

TEST_F(EmulatorTest, InvalidListParametersAre400Validation) {
  auto http = client();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"perPage=0", "perPage"},
      {"perPage=1001", "perPage"},
      {"perPage=ten", "perPage"},
      {"page=-1", "page"},
      {"page=1.5", "page"},
      {"sortField=password", "sortField"},
      {"sortField=Email", "sortField"},
      {"sortDirection=up", "sortDirection"},
      {"filterField=avatarUrl&filter=x", "filterField"},
      {"experienceGroupId=some", "experienceGroupId"},
      {"experienceGroupId=" + std::string(kAppId) + "&includeAncestorGroups=yes",
       "includeAncestorGroups"},
      {"sortField=email&sortField=id", "sortField"},
  };
  for (const auto& [query, parameter] : cases) {
    const std::string message = expect_error(http.Get(kUsersPath + "?" + query), 400, "Validation");
    EXPECT_NE(message.find(parameter), std::string::npos) << query << ": " << message;
  }
}

TEST_F(EmulatorTest, EmptyParametersMeanDefaults) {
  const Json page = list("sortField=&sortDirection=&filterField=&filter=&perPage=");
  EXPECT_EQ(page["sortField"], "email");
  EXPECT_EQ(page["perPage"], 100);
  EXPECT_EQ(page["totalCount"], kSeededUsers);
}

// ---- list: glob filters ------------------------------------------------------------------------
std::vector<std::string> emails_of(const Json& page) {
  std::vector<std::string> emails;
  for (const Json& user : page["items"]) emails.push_back(user["email"]);
  return emails;
}

TEST_F(EmulatorTest, FiltersEmailWithAStarGlob) {
  const Json page = list("filterField=email&filter=user00001*");
  EXPECT_EQ(page["totalCount"], 10);
  EXPECT_EQ(page["filterField"], "email");
  EXPECT_EQ(page["filter"], "user00001*");
  EXPECT_EQ(emails_of(page).front(), "user000010@example.com");
  EXPECT_EQ(emails_of(page).back(), "user000019@example.com");
  EXPECT_EQ(list("filterField=email&filter=*29@EXAMPLE.*")["totalCount"], 3);  // 029, 129, 229.
}

TEST_F(EmulatorTest, FilterIsAWholeCaseInsensitiveMatch) {
  EXPECT_EQ(emails_of(list("filterField=email&filter=USER000042@Example.Com")),
            std::vector<std::string>{"user000042@example.com"});
  EXPECT_EQ(list("filterField=email&filter=user000042")["totalCount"],
            0);  // Anchored at the end...
  EXPECT_EQ(list("filterField=email&filter=ser000042@example.com")["totalCount"],
            0);  // ...and the start.
}

TEST_F(EmulatorTest, FilterCharactersOtherThanStarAreLiteral) {
  // As a regular expression `.` would match `@`; in a Losant glob it is just a dot.
  EXPECT_EQ(list("filterField=email&filter=user000042.example.com")["totalCount"], 0);
  create({{"email", "dot.t?st+{x}|$@example.com"}, {"password", "password1"}});
  EXPECT_EQ(list("filterField=email&filter=dot.t%3Fst%2B%7Bx%7D%7C%24%40example.com")["totalCount"],
            1);
  EXPECT_EQ(list("filterField=email&filter=dotxt%3Fst*")["totalCount"], 0);
}

TEST_F(EmulatorTest, StarAloneMatchesUsersThatHaveTheField) {
  const std::vector<Json> all = list_all("id", "asc");
  const auto with_first_name = static_cast<std::size_t>(std::count_if(
      all.begin(), all.end(), [](const Json& user) { return user.contains("firstName"); }));
  ASSERT_LT(with_first_name, kSeededUsers);
  EXPECT_EQ(list("filterField=firstName&filter=*")["totalCount"], with_first_name);
  EXPECT_EQ(list("filterField=firstName&filter=%2A")["totalCount"], with_first_name);
  EXPECT_EQ(list("filterField=email&filter=*")["totalCount"], kSeededUsers);
}

TEST_F(EmulatorTest, FiltersFirstAndLastNamesIncludingUtf8) {
  const std::vector<Json> all = list_all("id", "asc");
  const auto count_named = [&all](const char* field, const std::string& name) {
    return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const Json& user) {
      return user.contains(field) && user[field] == name;
    }));
  };
  const std::size_t zoe = count_named("firstName", "Zoë");
  ASSERT_GT(zoe, 0U);
  EXPECT_EQ(list("filterField=firstName&filter=Zo%C3%AB")["totalCount"], zoe);
  EXPECT_EQ(list("filterField=firstName&filter=zO*")["totalCount"], zoe);
  const std::size_t obrien = count_named("lastName", "O'Brien");
  ASSERT_GT(obrien, 0U);
  EXPECT_EQ(list("filterField=lastName&filter=o'b*")["totalCount"], obrien);
}

TEST_F(EmulatorTest, DecodesPercentEncodingAndPlusInQueries) {
  create({{"email", "first+tag@example.com"}, {"password", "password1"}, {"lastName", "Van Dyke"}});
  EXPECT_EQ(list("filterField=email&filter=first%2Btag*")["totalCount"], 1);
  // As in Losant's (Express) query parser, `+` means a space: a literal plus must be %2B.
  EXPECT_EQ(list("filterField=email&filter=first+tag*")["totalCount"], 0);
  EXPECT_EQ(list("filterField=lastName&filter=van%20dyke")["totalCount"], 1);
  EXPECT_EQ(list("filterField=lastName&filter=van+dyke")["filter"], "van dyke");
}

TEST_F(EmulatorTest, FilterWithoutFieldDoesNotFilter) {
  const Json page = list("filter=nobody*");
  EXPECT_EQ(page["totalCount"], kSeededUsers);
  EXPECT_EQ(page["filter"], "nobody*");
  EXPECT_FALSE(page.contains("filterField"));
}

// ---- list: group filters -----------------------------------------------------------------------
losant::experience_users::testing::Group group_named(
    const std::vector<losant::experience_users::testing::Group>& groups, const std::string& name) {
  const auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& group) { return group.name == name; });
  EXPECT_NE(it, groups.end()) << name;
  return it == groups.end() ? losant::experience_users::testing::Group{} : *it;
}

bool in_any_group(const Json& user, const std::set<std::string>& ids) {
  return std::any_of(
      user["experienceGroups"].begin(), user["experienceGroups"].end(),
      [&](const Json& group) { return ids.count(group["id"].get<std::string>()) != 0; });
}

TEST_F(EmulatorTest, SeedsASmallGroupTree) {
  const auto groups = emulator_.groups();
  ASSERT_EQ(groups.size(), 5U);
  const auto technicians = group_named(groups, "Field Technicians");
  const auto operations = group_named(groups, "Operations");
  const auto headquarters = group_named(groups, "Headquarters");
  EXPECT_EQ(technicians.parent_id, operations.id);
  EXPECT_EQ(operations.parent_id, headquarters.id);
  EXPECT_FALSE(headquarters.parent_id.has_value());
  for (const auto& group : groups) EXPECT_EQ(group.id.size(), 24U);
}

TEST_F(EmulatorTest, FiltersByGroupId) {
  const std::vector<Json> all = list_all("email", "asc");
  const auto operations = group_named(emulator_.groups(), "Operations");
  std::vector<Json> expected;
  std::copy_if(all.begin(), all.end(), std::back_inserter(expected),
               [&](const Json& user) { return in_any_group(user, {operations.id}); });
  ASSERT_FALSE(expected.empty());
  const Json page = list("perPage=1000&experienceGroupId=" + operations.id);
  EXPECT_EQ(page["items"].get<std::vector<Json>>(), expected);
  EXPECT_EQ(page["totalCount"], expected.size());
  EXPECT_EQ(page["experienceGroupId"], operations.id);
}

TEST_F(EmulatorTest, FiltersByGroupIdWithAncestors) {
  const std::vector<Json> all = list_all("email", "asc");
  const auto groups = emulator_.groups();
  const std::set<std::string> lineage{group_named(groups, "Field Technicians").id,
                                      group_named(groups, "Operations").id,
                                      group_named(groups, "Headquarters").id};
  const auto expected = static_cast<std::size_t>(std::count_if(
      all.begin(), all.end(), [&](const Json& user) { return in_any_group(user, lineage); }));
  const std::string id = group_named(groups, "Field Technicians").id;
  EXPECT_EQ(list("experienceGroupId=" + id + "&includeAncestorGroups=true")["totalCount"],
            expected);
  EXPECT_LT(list("experienceGroupId=" + id + "&includeAncestorGroups=false")["totalCount"],
            expected);
}

TEST_F(EmulatorTest, FiltersByAnyAndNoGroup) {
  const std::vector<Json> all = list_all("email", "asc");
  const auto grouped = static_cast<std::size_t>(std::count_if(
      all.begin(), all.end(), [](const Json& user) { return !user["experienceGroups"].empty(); }));
  const Json any = list("perPage=1000&experienceGroupId=any");
  const Json none = list("perPage=1000&experienceGroupId=none");
  EXPECT_EQ(any["totalCount"], grouped);
  EXPECT_EQ(none["totalCount"], kSeededUsers - grouped);
  for (const Json& user : none["items"]) EXPECT_TRUE(user["experienceGroups"].empty());
  EXPECT_FALSE(any.contains("experienceGroupId"));
}

TEST_F(EmulatorTest, UnknownGroupListsNobody) {
  EXPECT_EQ(list(std::string("experienceGroupId=") + kUnknownUserId)["totalCount"], 0);
}

TEST_F(EmulatorTest, CombinesGroupAndTextFilters) {
  const std::vector<Json> all = list_all("email", "asc");
  const auto expected =
      static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const Json& user) {
        return user["experienceGroups"].empty() &&
               user["email"].get<std::string>().rfind("user0001", 0) == 0;
      }));
  EXPECT_EQ(list("experienceGroupId=none&filterField=email&filter=user0001*")["totalCount"],
            expected);
}

TEST_F(EmulatorTest, AddedGroupsCanBeUsed) {
  const auto headquarters = group_named(emulator_.groups(), "Headquarters");
  const std::string child = emulator_.add_group("Night Shift", headquarters.id);
  EXPECT_THROW(emulator_.add_group("Orphan", std::string(kUnknownUserId)), std::invalid_argument);
  EXPECT_THROW(emulator_.add_group(""), std::invalid_argument);
  const Json user = create(
      {{"email", "night@example.com"}, {"password", "password1"}, {"experienceGroupIds", {child}}});
  ASSERT_EQ(user["experienceGroups"].size(), 1U);
  EXPECT_EQ(user["experienceGroups"][0]["name"], "Night Shift");
  EXPECT_EQ(user["experienceGroups"][0]["parentId"], headquarters.id);
  EXPECT_EQ(list("experienceGroupId=" + child)["totalCount"], 1);
}

// ---- create, get, update, delete ---------------------------------------------------------------
TEST_F(EmulatorTest, CreatesAUserWith201) {
  const auto groups = emulator_.groups();
  const Json user = create({{"email", "New.User@Example.com"},
                            {"password", "correct horse"},
                            {"firstName", "New"},
                            {"lastName", "User \"quoted\" \\ \u00e9"},
                            {"tokenCutoff", "2024-02-29T23:30:00.123456+02:00"},
                            {"userTags", {{"customKey", "customValue"}, {"a-b_c", "1"}}},
                            {"experienceGroupIds", {groups[0].id, groups[2].id, groups[0].id}}});
  EXPECT_EQ(user["email"], "New.User@Example.com");
  EXPECT_EQ(user["firstName"], "New");
  EXPECT_EQ(user["lastName"], "User \"quoted\" \\ \u00e9");
  EXPECT_EQ(user["tokenCutoff"], "2024-02-29T21:30:00.123Z");
  EXPECT_EQ(user["userTags"], (Json{{"customKey", "customValue"}, {"a-b_c", "1"}}));
  ASSERT_EQ(user["experienceGroups"].size(), 2U);  // Duplicates dropped, order kept.
  EXPECT_EQ(user["experienceGroups"][0]["id"], groups[0].id);
  EXPECT_EQ(user["experienceGroups"][1]["id"], groups[2].id);
  EXPECT_EQ(user["experienceUserId"], user["id"]);
  EXPECT_EQ(user["applicationId"], kAppId);
  EXPECT_EQ(user["creationDate"], user["lastUpdated"]);
  EXPECT_EQ(user["creationDate"], user["passwordLastUpdated"]);
  EXPECT_FALSE(user.contains("lastLogin"));
  EXPECT_FALSE(user.contains("avatarUrl"));
  EXPECT_FALSE(user.contains("password"));
  EXPECT_EQ(emulator_.user_count(), kSeededUsers + 1);
  EXPECT_EQ(emulator_.find_by_email("new.user@example.com"), std::vector<std::string>{user["id"]});

  auto http = client();
  const auto fetched = http.Get(user_path(user["id"]));
  ASSERT_TRUE(fetched);
  EXPECT_EQ(fetched->status, 200);
  EXPECT_EQ(parse(fetched), user);
}

TEST_F(EmulatorTest, CreatedUserHasMinimalFields) {
  const Json user = create({{"email", "min@example.com"}, {"password", "12345678"}});
  EXPECT_FALSE(user.contains("firstName"));
  EXPECT_FALSE(user.contains("lastName"));
  EXPECT_FALSE(user.contains("tokenCutoff"));
  EXPECT_EQ(user["userTags"], Json::object());
  EXPECT_EQ(user["experienceGroups"], Json::array());
}

TEST_F(EmulatorTest, DuplicateEmailIsAlreadyExistsIgnoringCase) {
  auto http = client();
  const auto result =
      http.Post(kUsersPath, R"({"email":"USER000003@example.com","password":"12345678"})",
                "application/json");
  EXPECT_EQ(expect_error(result, 400, "AlreadyExists"),
            "Email address \"USER000003@example.com\" already exists");
  EXPECT_EQ(emulator_.user_count(), kSeededUsers);
}

TEST_F(EmulatorTest, PatchChangesOnlyTheGivenFields) {
  const Json before = create({{"email", "patch@example.com"},
                              {"password", "12345678"},
                              {"firstName", "Before"},
                              {"lastName", "Kept"},
                              {"userTags", {{"a", "1"}}}});
  auto http = client();
  const auto result = http.Patch(
      user_path(before["id"]), R"({"firstName":"After","userTags":{"b":"2"}})", "application/json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const Json after = parse(result);
  EXPECT_EQ(after["firstName"], "After");
  EXPECT_EQ(after["lastName"], "Kept");
  EXPECT_EQ(after["email"], "patch@example.com");
  EXPECT_EQ(after["userTags"], (Json{{"b", "2"}}));  // userTags is replaced as a whole.
  EXPECT_EQ(after["creationDate"], before["creationDate"]);
  EXPECT_GT(after["lastUpdated"].get<std::string>(), before["lastUpdated"].get<std::string>());
  EXPECT_EQ(after["passwordLastUpdated"], before["passwordLastUpdated"]);

  const Json with_password = parse(
      http.Patch(user_path(before["id"]), R"({"password":"new password"})", "application/json"));
  EXPECT_GT(with_password["passwordLastUpdated"].get<std::string>(),
            before["passwordLastUpdated"].get<std::string>());
  EXPECT_FALSE(with_password.contains("password"));

  const Json empty = parse(http.Patch(user_path(before["id"]), "{}", "application/json"));
  EXPECT_EQ(empty["firstName"], "After");
}

TEST_F(EmulatorTest, PatchEmailRules) {
  const Json user = create({{"email", "mine@example.com"}, {"password", "12345678"}});
  auto http = client();
  const std::string path = user_path(user["id"]);
  EXPECT_EQ(
      expect_error(http.Patch(path, R"({"email":"user000001@example.com"})", "application/json"),
                   400, "AlreadyExists"),
      "Email address \"user000001@example.com\" already exists");
  const Json recased =
      parse(http.Patch(path, R"({"email":"MINE@example.com"})", "application/json"));
  EXPECT_EQ(recased["email"], "MINE@example.com");
  const Json moved =
      parse(http.Patch(path, R"({"email":"moved@example.com"})", "application/json"));
  EXPECT_EQ(moved["email"], "moved@example.com");
  EXPECT_TRUE(emulator_.find_by_email("mine@example.com").empty());
  EXPECT_EQ(emulator_.find_by_email("MOVED@example.com").size(), 1U);
  create(
      {{"email", "mine@example.com"}, {"password", "12345678"}});  // The old address is free again.
}

TEST_F(EmulatorTest, PatchReplacesGroups) {
  const auto groups = emulator_.groups();
  const Json user = create({{"email", "groups@example.com"},
                            {"password", "12345678"},
                            {"experienceGroupIds", {groups[1].id}}});
  auto http = client();
  const Json moved =
      parse(http.Patch(user_path(user["id"]), Json{{"experienceGroupIds", {groups[3].id}}}.dump(),
                       "application/json"));
  ASSERT_EQ(moved["experienceGroups"].size(), 1U);
  EXPECT_EQ(moved["experienceGroups"][0]["id"], groups[3].id);
  const Json none =
      parse(http.Patch(user_path(user["id"]), R"({"experienceGroupIds":[]})", "application/json"));
  EXPECT_TRUE(none["experienceGroups"].empty());
}

TEST_F(EmulatorTest, DeletesAUser) {
  const Json user = create({{"email", "gone@example.com"}, {"password", "12345678"}});
  auto http = client();
  const auto result = http.Delete(user_path(user["id"]));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(parse(result), (Json{{"success", true}}));
  EXPECT_EQ(expect_error(http.Get(user_path(user["id"])), 404, "NotFound"),
            "Experience User was not found");
  EXPECT_EQ(expect_error(http.Delete(user_path(user["id"])), 404, "NotFound"),
            "Experience User was not found");
  EXPECT_TRUE(emulator_.find_by_email("gone@example.com").empty());
  EXPECT_EQ(emulator_.user_count(), kSeededUsers);
  create({{"email", "gone@example.com"}, {"password", "12345678"}});
}

TEST_F(EmulatorTest, UserIdsAreCaseInsensitive) {
  const Json user = create({{"email", "case@example.com"}, {"password", "12345678"}});
  auto http = client();
  EXPECT_EQ(parse(http.Get(user_path(upper_case(user["id"]))))["id"], user["id"]);
}

TEST_F(EmulatorTest, ConcurrentWritesAndReadsAreSafe) {
  constexpr int kThreads = 4;
  constexpr int kUsersPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto http = client();
      for (int i = 0; i < kUsersPerThread; ++i) {
        const Json body{
            {"email", "c" + std::to_string(t) + "-" + std::to_string(i) + "@example.com"},
            {"password", "12345678"}};
        const auto created = http.Post(kUsersPath, body.dump(), "application/json");
        const auto listed = http.Get(kUsersPath + "?sortField=lastUpdated&perPage=50");
        if (!created || created->status != 201 || !listed || listed->status != 200) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(emulator_.user_count(), kSeededUsers + kThreads * kUsersPerThread);
  EXPECT_EQ(list("filterField=email&filter=c*-*@example.com")["totalCount"],
            kThreads * kUsersPerThread);
}

// ---- body validation: one case per rule --------------------------------------------------------
struct BodyCase {
  const char* name;
  std::string body;
  std::string expected;  ///< A part of the message: the field and the rule.
};

std::string repeat(char c, std::size_t n) {
  return std::string(n, c);
}

std::vector<BodyCase> post_cases() {
  const std::string ok = R"("email":"v@example.com","password":"12345678")";
  return {
      {"NotJson", "{\"email\":", "not valid JSON"},
      {"NotAnObject", "[1,2]", "must be a JSON object"},
      {"StringBody", "\"text\"", "must be a JSON object"},
      {"EmptyBody", "", "email is required"},
      {"MissingEmail", R"({"password":"12345678"})", "email is required"},
      {"MissingPassword", R"({"email":"v@example.com"})", "password is required"},
      {"EmailNotString", R"({"email":5,"password":"12345678"})", "email must be a string"},
      {"EmailNull", R"({"email":null,"password":"12345678"})", "email must be a string"},
      {"EmailFormat", R"({"email":"not-an-email","password":"12345678"})",
       "email must be a valid email address"},
      {"EmailNoDomain", R"({"email":"a@","password":"12345678"})",
       "email must be a valid email address"},
      {"EmailBadDomain", R"({"email":"a@-b.com","password":"12345678"})",
       "email must be a valid email address"},
      {"EmailDoubleDot", R"({"email":"a..b@example.com","password":"12345678"})",
       "email must be a valid email address"},
      {"EmailTwoAts", R"({"email":"a@b@example.com","password":"12345678"})",
       "email must be a valid email address"},
      {"EmailTooLong",
       R"({"email":")" + repeat('a', 1013) + R"(@example.com","password":"12345678"})",
       "email must be at most 1024 characters"},
      {"PasswordNotString", R"({"email":"v@example.com","password":12345678})",
       "password must be a string"},
      {"PasswordTooShort", R"({"email":"v@example.com","password":"1234567"})",
       "password must be at least 8 characters"},
      {"PasswordTooLong", R"({"email":"v@example.com","password":")" + repeat('p', 2049) + "\"}",
       "password must be at most 2048 characters"},
      {"FirstNameNotString", "{" + ok + R"(,"firstName":true})", "firstName must be a string"},
      {"FirstNameTooLong", "{" + ok + R"(,"firstName":")" + repeat('f', 1025) + "\"}",
       "firstName must be at most 1024 characters"},
      {"LastNameNotString", "{" + ok + R"(,"lastName":{}})", "lastName must be a string"},
      {"LastNameTooLong", "{" + ok + R"(,"lastName":")" + repeat('l', 1025) + "\"}",
       "lastName must be at most 1024 characters"},
      {"TokenCutoffNotString", "{" + ok + R"(,"tokenCutoff":1700000000})",
       "tokenCutoff must be a string"},
      {"TokenCutoffNotDateTime", "{" + ok + R"(,"tokenCutoff":"yesterday"})",
       "tokenCutoff must be a date-time"},
      {"TokenCutoffNoZone", "{" + ok + R"(,"tokenCutoff":"2024-01-01T00:00:00"})",
       "tokenCutoff must be a date-time"},
      {"TokenCutoffBadMonth", "{" + ok + R"(,"tokenCutoff":"2024-13-01T00:00:00Z"})",
       "tokenCutoff must be a date-time"},
      {"TokenCutoffBadDay", "{" + ok + R"(,"tokenCutoff":"2023-02-29T00:00:00Z"})",
       "tokenCutoff must be a date-time"},
      {"UserTagsNotObject", "{" + ok + R"(,"userTags":["a"]})", "userTags must be an object"},
      {"UserTagKeyPattern", "{" + ok + R"(,"userTags":{"bad key":"x"}})",
       R"(userTags key "bad key" must match)"},
      {"UserTagKeyTooLong", "{" + ok + R"(,"userTags":{")" + repeat('k', 256) + R"(":"x"}})",
       "must match"},
      {"UserTagValueNotString", "{" + ok + R"(,"userTags":{"a":1}})",
       "userTags.a must be a string"},
      {"UserTagValueEmpty", "{" + ok + R"(,"userTags":{"a":""}})",
       "userTags.a must be at least 1 character"},
      {"UserTagValueTooLong", "{" + ok + R"(,"userTags":{"a":")" + repeat('v', 256) + "\"}}",
       "userTags.a must be at most 255 characters"},
      {"GroupIdsNotArray", "{" + ok + R"(,"experienceGroupIds":"abc"})",
       "experienceGroupIds must be an array"},
      {"GroupIdNotString", "{" + ok + R"(,"experienceGroupIds":[1]})",
       "experienceGroupIds[0] must be a string"},
      {"GroupIdPattern", "{" + ok + R"(,"experienceGroupIds":["xyz"]})",
       "experienceGroupIds[0] must match"},
      {"GroupIdUnknown", "{" + ok + R"(,"experienceGroupIds":["000000000000000000000000"]})",
       "is not an experience group"},
      {"AvatarUrlNotAllowed", "{" + ok + R"(,"avatarUrl":"https://x.example.com/a.png"})",
       R"("avatarUrl" is not allowed)"},
      {"UnknownProperty", "{" + ok + R"(,"role":"admin"})", R"("role" is not allowed)"},
  };
}

class PostValidationTest : public EmulatorTest, public ::testing::WithParamInterface<BodyCase> {};

TEST_P(PostValidationTest, RejectsWith400Validation) {
  auto http = client();
  const std::string message =
      expect_error(http.Post(kUsersPath, GetParam().body, "application/json"), 400, "Validation");
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
  EXPECT_EQ(emulator_.user_count(), kSeededUsers);
}

INSTANTIATE_TEST_SUITE_P(EveryRule, PostValidationTest, ::testing::ValuesIn(post_cases()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_F(EmulatorTest, RejectsTooManyGroupIds) {
  Json ids = Json::array();
  for (int i = 0; i < 1001; ++i) ids.push_back(kUnknownUserId);
  auto http = client();
  const Json body{
      {"email", "many@example.com"}, {"password", "12345678"}, {"experienceGroupIds", ids}};
  EXPECT_EQ(expect_error(http.Post(kUsersPath, body.dump(), "application/json"), 400, "Validation"),
            "experienceGroupIds must have at most 1000 items");
}

TEST_F(EmulatorTest, LengthsCountCharactersNotBytes) {
  // 1024 two-byte characters: 2048 bytes, still within maxLength 1024.
  std::string name;
  for (int i = 0; i < 1024; ++i) name += "\u00e9";
  const Json user =
      create({{"email", "long@example.com"}, {"password", "12345678"}, {"firstName", name}});
  EXPECT_EQ(user["firstName"], name);
}

TEST_F(EmulatorTest, PatchValidatesWithTheSameRulesButRequiresNothing) {
  const Json user = create({{"email", "pv@example.com"}, {"password", "12345678"}});
  auto http = client();
  const std::string path = user_path(user["id"]);
  EXPECT_NE(expect_error(http.Patch(path, R"({"password":"short"})", "application/json"), 400,
                         "Validation")
                .find("password must be at least 8 characters"),
            std::string::npos);
  EXPECT_NE(
      expect_error(http.Patch(path, R"({"email":"nope"})", "application/json"), 400, "Validation")
          .find("email must be a valid email address"),
      std::string::npos);
  EXPECT_NE(
      expect_error(http.Patch(path, R"({"avatarUrl":"x"})", "application/json"), 400, "Validation")
          .find("not allowed"),
      std::string::npos);
  EXPECT_NE(expect_error(http.Patch(path, "[]", "application/json"), 400, "Validation")
                .find("JSON object"),
            std::string::npos);
  const auto ok = http.Patch(path, R"({"lastName":""})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

// ---- faults ------------------------------------------------------------------------------------
Fault make_fault(Fault::Kind kind) {
  return Fault::of(kind);
}

TEST_F(EmulatorTest, StatusFaultAnswersAJsonErrorWithRetryAfter) {
  Fault fault = make_fault(Fault::Kind::kStatus);
  fault.status = 429;
  fault.retry_after = "3";
  fault.count = 2;
  emulator_.add_fault(Route::kList, fault);
  auto http = client();
  for (int i = 0; i < 2; ++i) {
    const auto result = http.Get(kUsersPath);
    EXPECT_EQ(expect_error(result, 429, "TooManyRequests"), "Too Many Requests");
    EXPECT_EQ(result->get_header_value("Retry-After"), "3");
  }
  const auto normal = http.Get(kUsersPath);
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->status, 200);
}

TEST_F(EmulatorTest, DefaultStatusFaultIs503ServiceUnavailable) {
  emulator_.add_fault(Route::kGet, make_fault(Fault::Kind::kStatus));
  auto http = client();
  const auto result = http.Get(user_path(kUnknownUserId));
  EXPECT_EQ(expect_error(result, 503, "ServiceUnavailable"), "Service Unavailable");
  EXPECT_FALSE(result->has_header("Retry-After"));
}

TEST_F(EmulatorTest, CloseBeforeResponseSendsNothing) {
  emulator_.add_fault(Route::kList, make_fault(Fault::Kind::kCloseBeforeResponse));
  const RawExchange exchange = raw_request(emulator_.port(), "GET", kUsersPath);
  EXPECT_EQ(exchange.bytes, "");
  auto http = client();
  const auto next = http.Get(kUsersPath);  // The fault is used up.
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(EmulatorTest, CloseBeforeResponseIsAnErrorForHttpClients) {
  emulator_.add_fault(Route::kGet, make_fault(Fault::Kind::kCloseBeforeResponse));
  auto http = client();
  const auto result = http.Get(user_path(kUnknownUserId));
  EXPECT_FALSE(result);
  EXPECT_NE(result.error(), httplib::Error::Success);
}

TEST_F(EmulatorTest, CloseMidBodySendsHeadersAndHalfTheBody) {
  emulator_.add_fault(Route::kList, make_fault(Fault::Kind::kCloseMidBody));
  const RawExchange exchange = raw_request(emulator_.port(), "GET", kUsersPath + "?perPage=10");
  EXPECT_EQ(exchange.status(), 200);
  ASSERT_TRUE(exchange.content_length().has_value());
  EXPECT_EQ(exchange.body().size(), *exchange.content_length() / 2);
  EXPECT_GT(exchange.body().size(), 0U);
}

TEST_F(EmulatorTest, TruncatedBodyIsACompleteResponseOfBrokenJson) {
  const std::string id = list("perPage=1")["items"][0]["id"];
  auto http = client();
  const std::string full = http.Get(user_path(id))->body;
  emulator_.add_fault(Route::kGet, make_fault(Fault::Kind::kTruncatedBody));
  const RawExchange exchange = raw_request(emulator_.port(), "GET", user_path(id));
  EXPECT_EQ(exchange.status(), 200);
  EXPECT_EQ(exchange.content_length(), exchange.body().size());
  EXPECT_EQ(exchange.body(), full.substr(0, full.size() / 2));
  EXPECT_TRUE(Json::parse(exchange.body(), nullptr, false).is_discarded());
}

TEST_F(EmulatorTest, HtmlBodyIsA502Page) {
  emulator_.add_fault(Route::kAny, make_fault(Fault::Kind::kHtmlBody));
  auto http = client();
  const auto result = http.Delete(user_path(kUnknownUserId));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 502);
  EXPECT_EQ(result->get_header_value("Content-Type"), "text/html");
  EXPECT_NE(result->body.find("<html>"), std::string::npos);
}

TEST_F(EmulatorTest, WrongTypesAreWellFormedJsonOfTheWrongShape) {
  emulator_.add_fault(Route::kList, make_fault(Fault::Kind::kWrongTypes));
  emulator_.add_fault(Route::kCreate, make_fault(Fault::Kind::kWrongTypes));
  emulator_.add_fault(Route::kDelete, make_fault(Fault::Kind::kWrongTypes));
  auto http = client();
  const Json page = parse(http.Get(kUsersPath));
  EXPECT_TRUE(page["items"].is_string());
  EXPECT_TRUE(page["count"].is_string());
  const auto created = http.Post(kUsersPath, R"({"email":"w@example.com","password":"12345678"})",
                                 "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201);
  EXPECT_TRUE(parse(created)["email"].is_number());
  EXPECT_TRUE(emulator_.find_by_email("w@example.com").empty());  // Nothing was applied.
  EXPECT_TRUE(parse(http.Delete(user_path(kUnknownUserId)))["success"].is_string());
}

TEST_F(EmulatorTest, Empty200HasNoBody) {
  emulator_.add_fault(Route::kGet, make_fault(Fault::Kind::kEmpty200));
  const RawExchange exchange = raw_request(emulator_.port(), "GET", user_path(kUnknownUserId));
  EXPECT_EQ(exchange.status(), 200);
  EXPECT_EQ(exchange.content_length(), 0U);
  EXPECT_EQ(exchange.body(), "");
}

TEST_F(EmulatorTest, DelayWaitsThenAnswersNormally) {
  emulator_.add_fault(Route::kList, Fault::delayed(milliseconds(300)));
  auto http = client();
  const auto start = Clock::now();
  const auto result = http.Get(kUsersPath + "?perPage=1");
  EXPECT_GE(Clock::now() - start, milliseconds(300));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(Json::parse(result->body)["count"], 1);
}

TEST_F(EmulatorTest, DelayMakesClientTimeoutsFire) {
  Fault fault = make_fault(Fault::Kind::kDelay);
  fault.delay = milliseconds(1500);
  emulator_.add_fault(Route::kList, fault);
  auto http = client();
  http.set_read_timeout(0, 200'000);
  const auto result = http.Get(kUsersPath);
  EXPECT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::Read);
}

TEST_F(EmulatorTest, DripSendsTheBodyInSmallSteps) {
  Fault fault = make_fault(Fault::Kind::kDrip);
  fault.delay = milliseconds(20);
  fault.bytes = 64;
  emulator_.add_fault(Route::kList, fault);
  auto http = client();
  std::vector<std::size_t> pieces;
  const auto start = Clock::now();
  const auto result = http.Get(kUsersPath + "?perPage=2", [&](const char*, std::size_t length) {
    pieces.push_back(length);
    return true;
  });
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const std::size_t size = std::stoul(result->get_header_value("Content-Length"));
  const std::size_t steps = (size + 63) / 64;
  EXPECT_GT(pieces.size(), 1U);  // Not in one go (steps can merge when the client reads late).
  EXPECT_GE(elapsed, milliseconds(20) * static_cast<int>(steps - 1));
}

TEST_F(EmulatorTest, OversizedBodyIsValidJsonOfAtLeastTheSize) {
  Fault fault = make_fault(Fault::Kind::kOversizedBody);
  fault.bytes = 3 * 1024 * 1024 + 17;
  emulator_.add_fault(Route::kList, fault);
  auto http = client();
  const auto result = http.Get(kUsersPath + "?perPage=3");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_GE(result->body.size(), fault.bytes);
  const Json body = Json::parse(result->body);
  EXPECT_EQ(body["count"], 3);
  EXPECT_TRUE(body["padding"].is_string());
}

TEST_F(EmulatorTest, ApplyThenDropCreatesTheUserButAnswersNothing) {
  emulator_.add_fault(Route::kCreate, make_fault(Fault::Kind::kApplyThenDrop));
  const RawExchange exchange =
      raw_request(emulator_.port(), "POST", kUsersPath,
                  R"({"email":"dropped@example.com","password":"12345678"})");
  EXPECT_EQ(exchange.bytes, "");
  EXPECT_EQ(emulator_.find_by_email("dropped@example.com").size(), 1U);
  // A retry of the same create now meets the user it created.
  auto http = client();
  expect_error(http.Post(kUsersPath, R"({"email":"dropped@example.com","password":"12345678"})",
                         "application/json"),
               400, "AlreadyExists");
}

TEST_F(EmulatorTest, ApplyThenDropDeletes) {
  const Json user = create({{"email", "dd@example.com"}, {"password", "12345678"}});
  emulator_.add_fault(Route::kDelete, make_fault(Fault::Kind::kApplyThenDrop));
  auto http = client();
  EXPECT_FALSE(http.Delete(user_path(user["id"])));
  EXPECT_EQ(expect_error(http.Get(user_path(user["id"])), 404, "NotFound"),
            "Experience User was not found");
}

TEST_F(EmulatorTest, FaultsAreFifoPerRouteAndAnyMatchesAll) {
  Fault first = make_fault(Fault::Kind::kStatus);
  first.status = 500;
  Fault second = make_fault(Fault::Kind::kStatus);
  second.status = 502;
  Fault any = make_fault(Fault::Kind::kStatus);
  any.status = 504;
  emulator_.add_fault(Route::kList, first);
  emulator_.add_fault(Route::kAny, any);
  emulator_.add_fault(Route::kList, second);
  auto http = client();
  EXPECT_EQ(http.Get(user_path(kUnknownUserId))->status,
            504);  // The first fault for kGet: the kAny one.
  EXPECT_EQ(http.Get(kUsersPath)->status, 500);
  EXPECT_EQ(http.Get(kUsersPath)->status, 502);
  EXPECT_EQ(http.Get(kUsersPath)->status, 200);
  EXPECT_EQ(http.Get(user_path(kUnknownUserId))->status, 404);
}

TEST_F(EmulatorTest, ClearFaultsRemovesPendingFaults) {
  Fault fault = make_fault(Fault::Kind::kStatus);
  fault.count = 100;
  emulator_.add_fault(Route::kAny, fault);
  emulator_.clear_faults();
  auto http = client();
  EXPECT_EQ(http.Get(kUsersPath)->status, 200);
}

TEST_F(EmulatorTest, FaultsDoNotApplyToUnknownRoutes) {
  emulator_.add_fault(Route::kAny, make_fault(Fault::Kind::kStatus));
  auto http = client();
  EXPECT_EQ(http.Get("/unknown")->status, 404);
  EXPECT_EQ(http.Get(kUsersPath)->status, 503);
}

TEST(FaultSpecTest, ParsesTheProgramsFaultSyntax) {
  std::string error;
  const auto spec =
      losant::emulator::parse_fault_spec("create:status:status=429,retry_after=1,count=3", &error);
  ASSERT_TRUE(spec) << error;
  EXPECT_EQ(spec->route, Route::kCreate);
  EXPECT_EQ(spec->fault.kind, Fault::Kind::kStatus);
  EXPECT_EQ(spec->fault.status, 429);
  EXPECT_EQ(spec->fault.retry_after, "1");
  EXPECT_EQ(spec->fault.count, 3);

  const auto drip = losant::emulator::parse_fault_spec("any:drip:delay=2s,bytes=16");
  ASSERT_TRUE(drip);
  EXPECT_EQ(drip->route, Route::kAny);
  EXPECT_EQ(drip->fault.delay, milliseconds(2000));
  EXPECT_EQ(drip->fault.bytes, 16U);
  EXPECT_EQ(losant::emulator::parse_fault_spec("list:close-mid-body")->fault.kind,
            Fault::Kind::kCloseMidBody);
  EXPECT_EQ(losant::emulator::parse_fault_spec("get:delay:delay=250ms")->fault.delay,
            milliseconds(250));
  EXPECT_EQ(losant::emulator::parse_duration("25"), milliseconds(25));
  EXPECT_EQ(losant::emulator::parse_duration("25ms"), milliseconds(25));
  EXPECT_EQ(losant::emulator::parse_duration("2s"), milliseconds(2000));
  EXPECT_FALSE(losant::emulator::parse_duration("-1"));
  EXPECT_FALSE(losant::emulator::parse_duration("soon"));
  EXPECT_EQ(losant::emulator::parse_fault_spec("list_groups:status")->route, Route::kListGroups);
  EXPECT_EQ(losant::emulator::parse_fault_spec("get_group:status")->route, Route::kGetGroup);

  for (const char* bad :
       {"", "list", "lists:status", "list:explode", "list:status:status=99", "list:status:count=0",
        "list:delay:delay=soon", "list:status:colour=red", "list:status:status"}) {
    error.clear();
    EXPECT_FALSE(losant::emulator::parse_fault_spec(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

// ---- recording ---------------------------------------------------------------------------------
TEST_F(EmulatorTest, RecordsRequestsAsReceived) {
  emulator_.clear_requests();
  const std::size_t before = emulator_.request_count();
  auto http = client();
  http.Get(kUsersPath + "?filterField=email&filter=a%2Ab%20c&_links=true",
           {{"Accept-Version", "^1.29.3"}});
  http.Post(kUsersPath, R"({"email":"rec@example.com","password":"12345678"})", "application/json");
  const auto recorded = emulator_.requests();
  ASSERT_EQ(recorded.size(), 2U);
  EXPECT_EQ(recorded[0].method, "GET");
  EXPECT_EQ(recorded[0].target, kUsersPath + "?filterField=email&filter=a%2Ab%20c&_links=true");
  const auto header = [](const losant::experience_users::testing::RecordedRequest& request,
                         const std::string& name) {
    for (const auto& [key, value] : request.headers) {
      if (key == name) return value;
    }
    return std::string("<absent>");
  };
  // The token is checked, and kept out of the record unless asked for (see below).
  EXPECT_EQ(header(recorded[0], "Authorization"), "[redacted]");
  EXPECT_TRUE(recorded[0].authorized);
  EXPECT_EQ(header(recorded[0], "Accept-Version"), "^1.29.3");
  EXPECT_EQ(recorded[0].header("accept-version"), "^1.29.3");  // Any case.
  EXPECT_EQ(recorded[0].header("X-Absent"), std::nullopt);
  EXPECT_EQ(recorded[0].path, kUsersPath);
  EXPECT_EQ(recorded[0].query, "filterField=email&filter=a%2Ab%20c&_links=true");
  const std::vector<std::pair<std::string, std::string>> parameters{
      {"filterField", "email"}, {"filter", "a*b c"}, {"_links", "true"}};
  EXPECT_EQ(recorded[0].parameters, parameters);
  EXPECT_EQ(recorded[0].parameter("filter"), "a*b c");
  EXPECT_EQ(recorded[0].parameter("Filter"), std::nullopt);
  EXPECT_EQ(header(recorded[0], "REMOTE_ADDR"),
            "<absent>");  // httplib's pseudo-headers are left out.
  EXPECT_EQ(recorded[1].method, "POST");
  EXPECT_EQ(recorded[1].body, R"({"email":"rec@example.com","password":"12345678"})");
  EXPECT_EQ(header(recorded[1], "Content-Type"), "application/json");
  EXPECT_EQ(emulator_.request_count(), before + 2);
  emulator_.clear_requests();
  EXPECT_TRUE(emulator_.requests().empty());
  EXPECT_EQ(emulator_.request_count(), before + 2);
}

TEST(EmulatorRecordingTest, KeepsAuthorizationOnlyWhenAskedAndFlagsWrongTokens) {
  for (const bool keep : {false, true}) {
    Options options;
    options.record_authorization = keep;
    Emulator emulator(options);
    ASSERT_TRUE(emulator.start());
    {
      httplib::Client http(emulator.base_url());
      http.Get(kUsersPath, {{"Authorization", "Bearer emulator-token"}});
      http.Get(kUsersPath, {{"Authorization", "Bearer some-real-token"}});
      http.Get(kUsersPath);
    }
    const auto recorded = emulator.requests();
    ASSERT_EQ(recorded.size(), 3U);
    EXPECT_EQ(recorded[0].header("Authorization"), keep ? "Bearer emulator-token" : "[redacted]");
    EXPECT_EQ(recorded[1].header("Authorization"), keep ? "Bearer some-real-token" : "[redacted]");
    EXPECT_EQ(recorded[2].header("Authorization"), std::nullopt);
    EXPECT_TRUE(recorded[0].authorized);
    EXPECT_FALSE(recorded[1].authorized);
    EXPECT_FALSE(recorded[2].authorized);
  }
}

// The latency option: every answer at least that long after its request, and requests on
// different connections wait at the same time (four of them take far less than four latencies).
TEST(EmulatorLatencyTest, EveryAnswerComesAfterTheLatency) {
  Options options;
  options.latency = milliseconds(200);
  Emulator emulator(options);
  ASSERT_TRUE(emulator.start());
  const std::string path = "/applications/" + emulator.application_id() + "/experience/users";
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  std::vector<Clock::duration> took(4);
  for (std::size_t i = 0; i < took.size(); ++i) {
    clients.emplace_back([&, i] {
      httplib::Client http(emulator.base_url());
      http.set_bearer_token_auth(emulator.token());
      const auto start = Clock::now();
      const auto result = http.Get(path);
      took[i] = Clock::now() - start;
      if (result && result->status == 200) ++answered;
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(answered.load(), 4);
  for (const auto& duration : took) EXPECT_GE(duration, milliseconds(200));
}

TEST(EmulatorRecordingTest, KeepsOnlyTheLastRequests) {
  Options options;
  options.max_recorded_requests = 3;
  Emulator emulator(options);
  ASSERT_TRUE(emulator.start());
  {
    httplib::Client http(emulator.base_url());
    for (int i = 0; i < 5; ++i) http.Get("/r" + std::to_string(i));
  }
  const auto recorded = emulator.requests();
  ASSERT_EQ(recorded.size(), 3U);
  EXPECT_EQ(recorded[0].target, "/r2");
  EXPECT_EQ(recorded[2].target, "/r4");
  EXPECT_EQ(emulator.request_count(), 5U);
}

// ---- seeding -----------------------------------------------------------------------------------
std::string all_users_json(std::size_t users, std::uint64_t seed) {
  Emulator emulator(seeded_options(users, seed));
  EXPECT_TRUE(emulator.start());
  httplib::Client http(emulator.base_url());
  http.set_bearer_token_auth(emulator.token());
  const auto result = http.Get(kUsersPath + "?perPage=1000&sortField=id");
  EXPECT_TRUE(result);
  return result ? result->body : std::string();
}

TEST(EmulatorSeedingTest, IsDeterministicPerSeed) {
  const std::string first = all_users_json(200, 11);
  EXPECT_EQ(all_users_json(200, 11), first);
  EXPECT_NE(all_users_json(200, 12), first);
}

TEST(EmulatorSeedingTest, UserNumberNDoesNotDependOnTheCount) {
  const Json few = Json::parse(all_users_json(10, 5))["items"];
  const Json many = Json::parse(all_users_json(400, 5))["items"];
  for (const Json& user : few) {
    const auto same = std::find_if(many.begin(), many.end(), [&](const Json& other) {
      return other["email"] == user["email"];
    });
    ASSERT_NE(same, many.end());
    EXPECT_EQ(*same, user);
  }
}

TEST(EmulatorSeedingTest, ResetRestoresTheStartingStateOnTheSamePort) {
  Emulator emulator(seeded_options(50, 3));
  ASSERT_TRUE(emulator.start());
  const int port = emulator.port();
  httplib::Client http(emulator.base_url());
  http.set_bearer_token_auth(emulator.token());
  const auto before = http.Get(kUsersPath + "?perPage=1000&sortField=id");
  ASSERT_TRUE(before);
  const std::vector<losant::experience_users::testing::Group> groups = emulator.groups();
  emulator.add_group("Extra");
  emulator.add_user({"extra@example.com", "Ex", {}, {}, {}});
  ASSERT_TRUE(http.Delete(kUsersPath + "/" +
                          Json::parse(before->body)["items"][0]["id"].get<std::string>()));
  emulator.add_fault(Route::kList, Fault::http_status(503));
  ASSERT_EQ(emulator.user_count(), 50U);

  emulator.reset();
  EXPECT_EQ(emulator.port(), port);
  EXPECT_EQ(emulator.request_count(), 0U);
  EXPECT_TRUE(emulator.requests().empty());
  EXPECT_EQ(emulator.user_count(), 50U);
  ASSERT_EQ(emulator.groups().size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) EXPECT_EQ(emulator.groups()[i].id, groups[i].id);
  const auto after = http.Get(kUsersPath + "?perPage=1000&sortField=id");  // No 503 left.
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(after->body, before->body);  // The same users, ids included.
}

TEST(EmulatorSeedingTest, AddUserValidatesLikeACreate) {
  Emulator emulator;
  ASSERT_TRUE(emulator.start());
  const std::string group = emulator.groups().at(1).id;
  const std::string id =
      emulator.add_user({"Ada@Example.com", "Ada", "Lovelace", {{"team", "math"}}, {group}});
  EXPECT_EQ(emulator.find_by_email("ada@example.com"), std::vector<std::string>{id});
  httplib::Client http(emulator.base_url());
  http.set_bearer_token_auth(emulator.token());
  const auto got = http.Get(kUsersPath + "/" + id);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200);
  const Json user = Json::parse(got->body);
  EXPECT_EQ(user["email"], "Ada@Example.com");
  EXPECT_EQ(user["firstName"], "Ada");
  EXPECT_EQ(user["lastName"], "Lovelace");
  EXPECT_EQ(user["userTags"], Json({{"team", "math"}}));
  EXPECT_EQ(user["experienceGroups"][0]["id"], group);

  const auto message_of = [&emulator](const losant::experience_users::testing::UserSeed& seed) {
    try {
      emulator.add_user(seed);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("<no exception>");
  };
  EXPECT_THAT(message_of({"ADA@example.com", {}, {}, {}, {}}), HasSubstr("already exists"));
  EXPECT_THAT(message_of({"not-an-email", {}, {}, {}, {}}), HasSubstr("email"));
  EXPECT_THAT(message_of({"b@example.com", {}, {}, {}, {"000000000000000000000000"}}),
              HasSubstr("experienceGroupIds"));
  EXPECT_EQ(emulator.user_count(), 1U);
}

TEST(EmulatorSeedingTest, SeedsAHundredThousandUsers) {
  const auto start = Clock::now();
  Emulator emulator(seeded_options(100'000, 1));
  const auto seeded = Clock::now();
  ASSERT_TRUE(emulator.start());
  EXPECT_EQ(emulator.user_count(), 100'000U);
  httplib::Client http(emulator.base_url());
  http.set_bearer_token_auth(emulator.token());
  http.set_keep_alive(true);
  const auto first = http.Get(kUsersPath + "?perPage=1000&page=99");  // Builds the email index.
  const auto listed = Clock::now();
  const auto second = http.Get(kUsersPath + "?perPage=1000&page=42");
  const auto cached = Clock::now();
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  const Json page = Json::parse(second->body);
  EXPECT_EQ(page["count"], 1000);
  EXPECT_EQ(page["totalCount"], 100'000);
  EXPECT_EQ(page["items"][0]["email"], "user042000@example.com");
  EXPECT_EQ(emulator.find_by_email("user099999@example.com").size(), 1U);
  using std::chrono::duration_cast;
  ::testing::Test::RecordProperty(
      "seed_ms", static_cast<int>(duration_cast<milliseconds>(seeded - start).count()));
  ::testing::Test::RecordProperty(
      "first_page_ms", static_cast<int>(duration_cast<milliseconds>(listed - seeded).count()));
  ::testing::Test::RecordProperty(
      "cached_page_ms", static_cast<int>(duration_cast<milliseconds>(cached - listed).count()));
}

// ---- TLS ---------------------------------------------------------------------------------------
class EmulatorTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir_template =
        (std::filesystem::temp_directory_path() / "emulator-tls-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir_template.data()), nullptr);
    dir_ = dir_template;
    std::string error;
    ASSERT_TRUE(losant::emulator::write_test_certificate(dir_, &cert_, &key_, &error)) << error;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  std::string cert_;
  std::string key_;
};

TEST_F(EmulatorTlsTest, ServesHttpsWithTheGeneratedCertificate) {
  EXPECT_EQ(std::filesystem::status(key_).permissions() & std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  Options options = seeded_options(5);
  options.tls_cert_path = cert_;
  options.tls_key_path = key_;
  Emulator emulator(options);
  ASSERT_TRUE(emulator.start());
  EXPECT_EQ(emulator.base_url().rfind("https://127.0.0.1:", 0), 0U);

  for (const char* host : {"localhost", "127.0.0.1"}) {
    httplib::SSLClient trusting(host, emulator.port());
    trusting.set_ca_cert_path(cert_);
    trusting.enable_server_certificate_verification(true);
    trusting.set_bearer_token_auth(emulator.token());
    const auto result = trusting.Get(kUsersPath);
    ASSERT_TRUE(result) << host << ": " << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(Json::parse(result->body)["totalCount"], 5);
  }

  httplib::SSLClient untrusting("localhost", emulator.port());
  untrusting.enable_server_certificate_verification(true);
  const auto refused = untrusting.Get(kUsersPath);
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.error(), httplib::Error::SSLServerVerification);
}

TEST_F(EmulatorTlsTest, FaultsWorkOverTls) {
  Options options;
  options.tls_cert_path = cert_;
  options.tls_key_path = key_;
  Emulator emulator(options);
  ASSERT_TRUE(emulator.start());
  emulator.add_fault(Route::kList, make_fault(Fault::Kind::kCloseBeforeResponse));
  httplib::SSLClient http("localhost", emulator.port());
  http.set_ca_cert_path(cert_);
  http.set_bearer_token_auth(emulator.token());
  EXPECT_FALSE(http.Get(kUsersPath));
  const auto next = http.Get(kUsersPath);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(EmulatorTlsTest, StartFailsWithAnUnreadableKey) {
  Options options;
  options.tls_cert_path = cert_;
  options.tls_key_path = dir_ + "/missing.pem";
  Emulator emulator(options);
  EXPECT_FALSE(emulator.start());
}

TEST(EmulatorTlsOptionsTest, CertificateWithoutKeyIsRejected) {
  Options options;
  options.tls_cert_path = "/nonexistent/cert.pem";
  EXPECT_THROW(Emulator{options}, std::invalid_argument);
}

// ---- options and lifecycle ---------------------------------------------------------------------
TEST(EmulatorLifecycleTest, RejectsABadApplicationId) {
  Options options;
  options.application_id = "not-hex";
  EXPECT_THROW(Emulator{options}, std::invalid_argument);
}

TEST(EmulatorLifecycleTest, StopIsIdempotentAndStartCanFollow) {
  Emulator emulator;
  emulator.stop();  // Never started.
  ASSERT_TRUE(emulator.start());
  EXPECT_TRUE(emulator.start());  // Already running.
  emulator.stop();
  emulator.stop();
  ASSERT_TRUE(emulator.start());
  httplib::Client http(emulator.base_url());
  EXPECT_TRUE(http.Get("/"));
}

TEST(EmulatorLifecycleTest, StopDoesNotHangWithKeepAliveClientsConnected) {
  Emulator emulator(seeded_options(10));
  ASSERT_TRUE(emulator.start());
  httplib::Client http(emulator.base_url());
  http.set_keep_alive(true);
  http.set_bearer_token_auth(emulator.token());
  ASSERT_TRUE(http.Get(kUsersPath));
  ASSERT_TRUE(http.is_socket_open());
  const auto start = Clock::now();
  emulator.stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
}

TEST(EmulatorLifecycleTest, StopInterruptsInjectedDelays) {
  Emulator emulator;
  ASSERT_TRUE(emulator.start());
  Fault fault = make_fault(Fault::Kind::kDelay);
  fault.delay = std::chrono::seconds(60);
  emulator.add_fault(Route::kList, fault);
  std::thread request([&emulator] {
    httplib::Client http(emulator.base_url());
    http.set_read_timeout(90, 0);
    http.Get(kUsersPath);
  });
  while (emulator.request_count() == 0) std::this_thread::sleep_for(milliseconds(5));
  const auto start = Clock::now();
  emulator.stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  request.join();
}

TEST(EmulatorLifecycleTest, ListenBlockingServesUntilStop) {
  Emulator emulator;
  std::thread server([&emulator] { EXPECT_TRUE(emulator.listen_blocking()); });
  while (emulator.port() == 0) std::this_thread::sleep_for(milliseconds(1));
  httplib::Client http(emulator.base_url());
  http.set_bearer_token_auth(emulator.token());
  std::optional<int> status;
  for (int attempt = 0; attempt < 500 && !status; ++attempt) {
    if (const auto result = http.Get(kUsersPath)) status = result->status;
  }
  EXPECT_EQ(status, 200);
  emulator.stop();
  server.join();
}

TEST(EmulatorLifecycleTest, ExplicitPortThatIsTakenFailsToStart) {
  Emulator first;
  ASSERT_TRUE(first.start());
  Options options;
  options.port = first.port();
  Emulator second(options);
  EXPECT_FALSE(second.start());  // No silent SO_REUSEPORT sharing.
}

TEST(EmulatorLifecycleTest, BaseUrlNamesLoopbackForWildcardHosts) {
  Options options;
  options.host = "0.0.0.0";
  Emulator emulator(options);
  ASSERT_TRUE(emulator.start());
  EXPECT_EQ(emulator.base_url(), "http://127.0.0.1:" + std::to_string(emulator.port()));
}

}  // namespace
