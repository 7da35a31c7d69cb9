// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The JSON codec: decoding of response bodies (and create bodies), encoding of request bodies,
// the public to_json/parse_* functions, and behaviour on hostile input.

#include "wire/codec.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "losant/experience_users/json.hpp"
#include "unit/model_builders.hpp"

namespace losant::experience_users {

// Readable failure output for the models (found by GoogleTest through ADL).
void PrintTo(const ExperienceUser& user, std::ostream* os) {
  *os << to_json(user);
}
void PrintTo(const ExperienceUsers& page, std::ostream* os) {
  *os << to_json(page);
}
void PrintTo(const ExperienceUserPost& post, std::ostream* os) {
  *os << "post for " << post.email;  // never print the password
}

namespace {

using testing::embedded;

using internal::decode_delete_result;
using internal::decode_error_body;
using internal::decode_user;
using internal::decode_users;
using internal::encode_patch;
using internal::encode_post;

Timestamp ts(std::string_view text) {
  return *parse_timestamp(text);
}

// A user with every field, as the API sends it (reference/schemas/experienceUser.json).
constexpr std::string_view kFullUser = R"({
  "id": "575ed78e7ae143cd83dc4aab",
  "experienceUserId": "575ed78e7ae143cd83dc4aab",
  "applicationId": "575ec8687ae143cd83dc4a97",
  "creationDate": "2016-06-13T04:00:00.000Z",
  "lastUpdated": "2016-06-13T04:10:00.000Z",
  "passwordLastUpdated": "2016-06-13T04:05:00.000Z",
  "lastLogin": "2016-06-14T09:30:12.345Z",
  "email": "example@losant.com",
  "firstName": "Example",
  "lastName": "Name",
  "avatarUrl": "https://example.com/avatars/example.png",
  "tokenCutoff": "2016-06-13T04:00:00.000Z",
  "userTags": {"customer": "acme", "role": "admin"},
  "experienceGroups": [
    {"id": "575ef5c37ae143cd83dc4aac", "name": "Admins", "parentId": null},
    {"id": "575ef5c37ae143cd83dc4aad", "name": "Plant 7", "parentId": "575ef5c37ae143cd83dc4aac"}
  ]
})";

ExperienceUser full_user() {
  ExperienceUser user;
  user.id = "575ed78e7ae143cd83dc4aab";
  user.email = "example@losant.com";
  user.experience_user_id = "575ed78e7ae143cd83dc4aab";
  user.application_id = "575ec8687ae143cd83dc4a97";
  user.creation_date = ts("2016-06-13T04:00:00.000Z");
  user.last_updated = ts("2016-06-13T04:10:00.000Z");
  user.password_last_updated = ts("2016-06-13T04:05:00.000Z");
  user.last_login = ts("2016-06-14T09:30:12.345Z");
  user.first_name = "Example";
  user.last_name = "Name";
  user.avatar_url = "https://example.com/avatars/example.png";
  user.token_cutoff = ts("2016-06-13T04:00:00.000Z");
  user.user_tags = Tags{{"customer", "acme"}, {"role", "admin"}};
  user.experience_groups = std::vector<ExperienceGroup>{
      embedded("575ef5c37ae143cd83dc4aac", "Admins", std::nullopt),
      embedded("575ef5c37ae143cd83dc4aad", "Plant 7", "575ef5c37ae143cd83dc4aac")};
  return user;
}

// A page as the API sends it (reference/schemas/experienceUsers.json): items first.
constexpr std::string_view kPage = R"({
  "items": [
    {"id": "575ed78e7ae143cd83dc4aab", "experienceUserId": "575ed78e7ae143cd83dc4aab",
     "applicationId": "575ec8687ae143cd83dc4a97", "creationDate": "2016-06-13T04:00:00.000Z",
     "lastUpdated": "2016-06-13T04:00:00.000Z", "passwordLastUpdated": "2016-06-13T04:00:00.000Z",
     "email": "first@example.com", "firstName": "First", "lastName": "User",
     "userTags": {}, "experienceGroups": []},
    {"id": "575ed78e7ae143cd83dc4aac", "email": "second@example.com",
     "experienceGroups": [{"id": "575ef5c37ae143cd83dc4aac", "name": "Admins"}]}
  ],
  "count": 2,
  "totalCount": 4,
  "perPage": 2,
  "page": 0,
  "sortField": "email",
  "sortDirection": "asc",
  "filterField": "email",
  "filter": "*@example.com",
  "applicationId": "575ec8687ae143cd83dc4a97",
  "experienceGroupId": "575ef5c37ae143cd83dc4aac"
})";

ExperienceUsers page_model() {
  ExperienceUsers page;
  ExperienceUser first;
  first.id = "575ed78e7ae143cd83dc4aab";
  first.email = "first@example.com";
  first.experience_user_id = "575ed78e7ae143cd83dc4aab";
  first.application_id = "575ec8687ae143cd83dc4a97";
  first.creation_date = ts("2016-06-13T04:00:00.000Z");
  first.last_updated = ts("2016-06-13T04:00:00.000Z");
  first.password_last_updated = ts("2016-06-13T04:00:00.000Z");
  first.first_name = "First";
  first.last_name = "User";
  first.user_tags = Tags{};
  first.experience_groups = std::vector<ExperienceGroup>{};
  ExperienceUser second;
  second.id = "575ed78e7ae143cd83dc4aac";
  second.email = "second@example.com";
  second.experience_groups =
      std::vector<ExperienceGroup>{embedded("575ef5c37ae143cd83dc4aac", "Admins", std::nullopt)};
  page.items = {first, second};
  page.count = 2;
  page.total_count = 4;
  page.per_page = 2;
  page.page = 0;
  page.sort_field = "email";
  page.sort_direction = "asc";
  page.filter_field = "email";
  page.filter = "*@example.com";
  page.application_id = "575ec8687ae143cd83dc4a97";
  page.experience_group_id = "575ef5c37ae143cd83dc4aac";
  return page;
}

// Expects a kMalformedResponse whose message contains `expected_text`.
template <typename T>
void expect_malformed(const Result<T>& result, std::string_view expected_text) {
  ASSERT_FALSE(result.ok()) << "expected an error containing: " << expected_text;
  EXPECT_EQ(result.error().kind, ErrorKind::kMalformedResponse);
  EXPECT_NE(result.error().message.find(expected_text), std::string::npos)
      << "message: " << result.error().message << "\nexpected to contain: " << expected_text;
  EXPECT_TRUE(result.error().field.empty());
  EXPECT_LE(result.error().message.size(), 300u) << "error messages must stay short";
}

// --- decode_user

TEST(DecodeUser, ReadsEveryField) {
  const auto user = decode_user(kFullUser);
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(*user, full_user());
}

TEST(DecodeUser, AbsentOptionalsStayAbsent) {
  const auto user = decode_user(R"({"id":"575ed78e7ae143cd83dc4aab","email":"a@example.com"})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  ExperienceUser expected;
  expected.id = "575ed78e7ae143cd83dc4aab";
  expected.email = "a@example.com";
  EXPECT_EQ(*user, expected);
  EXPECT_FALSE(user->first_name.has_value());
  EXPECT_FALSE(user->last_login.has_value());
  EXPECT_FALSE(user->user_tags.has_value());
  EXPECT_FALSE(user->experience_groups.has_value());
}

TEST(DecodeUser, EmptyValuesArePresent) {
  const auto user =
      decode_user(R"({"id":"1","email":"","firstName":"","userTags":{},"experienceGroups":[]})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->first_name, std::optional<std::string>(""));
  EXPECT_EQ(user->user_tags, std::optional<Tags>(Tags{}));
  EXPECT_EQ(user->experience_groups, std::vector<ExperienceGroup>{});
}

TEST(DecodeUser, IgnoresUnknownFieldsAtEveryLevel) {
  const auto user = decode_user(R"({
    "_links": {"self": {"href": "/applications/x/experience/users/y"}, "list": [1, {"a": [[]]}]},
    "id": "575ed78e7ae143cd83dc4aab",
    "newNumber": 1.5e300, "newBool": false, "newNull": null, "newString": "\"}]",
    "newArray": [{"email": 3}, [{"id": null}], "x"],
    "email": "example@losant.com",
    "experienceGroups": [{"id": "575ef5c37ae143cd83dc4aac", "name": "Admins", "color": "red",
                          "meta": {"nested": [1, 2, {"deep": {}}]}, "parentId": null}],
    "zzz": {}
  })");
  ASSERT_TRUE(user.ok()) << user.error().message;
  ExperienceUser expected;
  expected.id = "575ed78e7ae143cd83dc4aab";
  expected.email = "example@losant.com";
  expected.experience_groups =
      std::vector<ExperienceGroup>{embedded("575ef5c37ae143cd83dc4aac", "Admins", std::nullopt)};
  EXPECT_EQ(*user, expected);
}

TEST(DecodeUser, ParentIdMayBeNullStringOrAbsent) {
  const auto user = decode_user(R"({"id":"1","email":"e","experienceGroups":[
      {"id":"a","name":"A","parentId":null},{"id":"b","name":"B","parentId":"a"},)"
                                R"({"id":"c","name":"C"}]})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  ASSERT_EQ(user->experience_groups->size(), 3u);
  EXPECT_EQ((*user->experience_groups)[0].parent_id, std::nullopt);
  EXPECT_EQ((*user->experience_groups)[1].parent_id, std::optional<std::string>("a"));
  EXPECT_EQ((*user->experience_groups)[2].parent_id, std::nullopt);
}

TEST(DecodeUser, DecodesEscapesAndUnicode) {
  const auto user =
      decode_user(R"({"id":"1","email":"\u00e9mile@example.com","firstName":"Say \"hi\"\n\t\\ \/",)"
                  R"("lastName":"\ud83d\ude00 Grinning","userTags":{"k\u0065y":"\u4e2d\u6587"}})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->email, "\xc3\xa9mile@example.com");
  EXPECT_EQ(user->first_name, std::optional<std::string>("Say \"hi\"\n\t\\ /"));
  EXPECT_EQ(user->last_name, std::optional<std::string>("\xf0\x9f\x98\x80 Grinning"));
  EXPECT_EQ(user->user_tags, std::optional<Tags>(Tags{{"key", "\xe4\xb8\xad\xe6\x96\x87"}}));
}

TEST(DecodeUser, EscapedKeysAreRecognised) {
  const auto user = decode_user(R"({"\u0069d":"1","em\u0061il":"e"})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->id, "1");
  EXPECT_EQ(user->email, "e");
}

// An update body (a record of `update --in`): every field optional, absent stays absent, and
// unknown fields refused as the schema forbids them.
TEST(ParsePatch, FieldsGivenOnlyAndUnknownFieldsRefused) {
  const auto patch = parse_experience_user_patch(
      R"({"lastName":"L","userTags":{"k":"v"},"tokenCutoff":"2024-05-01T12:00:00Z"})");
  ASSERT_TRUE(patch.ok()) << patch.error().message;
  EXPECT_EQ(patch->last_name, std::optional<std::string>("L"));
  EXPECT_FALSE(patch->email);
  EXPECT_FALSE(patch->password);
  EXPECT_EQ(patch->user_tags, (std::optional<Tags>(Tags{{"k", "v"}})));
  EXPECT_EQ(to_json(*patch),
            R"({"lastName":"L","tokenCutoff":"2024-05-01T12:00:00.000Z","userTags":{"k":"v"}})");
  EXPECT_TRUE(parse_experience_user_patch("{}").ok());
  const auto unknown = parse_experience_user_patch(R"({"lastName":"L","nickname":"n"})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "body.nickname");
  EXPECT_FALSE(parse_experience_user_patch(R"({"firstName":5})").ok());
}

// Keys are first compared raw with the field the table's order predicts; every other key must
// still find its field (or none): escaped spellings, any order, prefixes and extensions of a
// name, repetitions (the last value wins).
TEST(DecodeUser, KeysMatchTheirFieldsInAnyOrderAndSpelling) {
  const auto user = decode_user(
      R"({"email":"e","i":"x","idx":"y","id":"1","firstNam":"a","firstName":"F",)"
      R"("experienceUserId\u0000":"z","experienceUserI\u0064":"2","lastName":"L","id":"3",)"
      R"("applicationId":"A","experienceUserId":"4"})");
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->id, "3");
  EXPECT_EQ(user->email, "e");
  EXPECT_EQ(user->first_name, std::optional<std::string>("F"));
  EXPECT_EQ(user->last_name, std::optional<std::string>("L"));
  EXPECT_EQ(user->application_id, std::optional<std::string>("A"));
  EXPECT_EQ(user->experience_user_id, std::optional<std::string>("4"));
  const auto post = parse_experience_user_post(R"({"email":"e","password":"p","firstNam":"a"})");
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().field, "body.firstNam");
  const auto escaped = parse_experience_user_post(R"({"\u0065mail":"e","passwor\u0064":"p"})");
  ASSERT_TRUE(escaped.ok()) << escaped.error().message;
  EXPECT_EQ(escaped->password, "p");
}

TEST(DecodeUser, RequiresIdAndEmail) {
  expect_malformed(decode_user(R"({"email":"a@example.com"})"), "id: required field missing");
  expect_malformed(decode_user(R"({"id":"575ed78e7ae143cd83dc4aab"})"),
                   "email: required field missing");
  expect_malformed(decode_user("{}"), "required field missing");
}

TEST(DecodeUser, NamesThePathOfAWrongType) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":5,"email":"e"})", "id: expected a string, got a number"},
      {R"({"id":"1","email":null})", "email: expected a string, got null"},
      {R"({"id":"1","email":"e","firstName":true})", "firstName: expected a string, got a boolean"},
      {R"({"id":"1","email":"e","lastName":{}})", "lastName: expected a string, got an object"},
      {R"({"id":"1","email":"e","avatarUrl":[]})", "avatarUrl: expected a string, got an array"},
      {R"({"id":"1","email":"e","creationDate":1465790400000})",
       "creationDate: expected a date-time string, got a number"},
      {R"({"id":"1","email":"e","lastLogin":"yesterday"})", "lastLogin: not a valid date-time"},
      {R"({"id":"1","email":"e","tokenCutoff":"2016-02-30T00:00:00.000Z"})",
       "tokenCutoff: not a valid date-time"},
      {R"({"id":"1","email":"e","userTags":["a"]})", "userTags: expected an object, got an array"},
      {R"({"id":"1","email":"e","userTags":{"plan":7}})",
       "userTags.plan: expected a string, got a number"},
      {R"({"id":"1","email":"e","experienceGroups":{}})",
       "experienceGroups: expected an array, got an object"},
      {R"({"id":"1","email":"e","experienceGroups":[{"id":"a","name":"A"},"b"]})",
       "experienceGroups[1]: expected an object, got a string"},
      {R"({"id":"1","email":"e","experienceGroups":[{"id":"a","name":false}]})",
       "experienceGroups[0].name: expected a string, got a boolean"},
      {R"({"id":"1","email":"e","experienceGroups":[{"id":"a","parentId":1}]})",
       "experienceGroups[0].parentId: expected a string or null, got a number"},
  };
  for (const auto& [json, message] : cases) {
    SCOPED_TRACE(json);
    expect_malformed(decode_user(json), message);
  }
}

TEST(DecodeUser, BadDateIsQuotedShortAndSanitized) {
  const std::string json =
      R"({"id":"1","email":"e","creationDate":"\u001b[31m)" + std::string(500, 'x') + R"("})";
  const auto user = decode_user(json);
  expect_malformed(user, "creationDate: not a valid date-time");
  EXPECT_EQ(user.error().message.find('\x1b'), std::string::npos);
  EXPECT_EQ(user.error().message.find(std::string(100, 'x')), std::string::npos);
}

// --- not JSON at all

TEST(DecodeNotJson, HtmlErrorPageFromAProxy) {
  std::string html =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      "<center><h1>502 Bad Gateway</h1></center>\r\n";
  html += std::string(5000, ' ') + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  const auto result = decode_users(html);
  expect_malformed(result, "the response body is not valid JSON");
  // A short excerpt of the start helps to see what answered; the whole page is not copied.
  EXPECT_NE(result.error().message.find("<html> <head><title>502 Bad Gateway"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(result.error().message.find("nginx"), std::string::npos);
  EXPECT_EQ(result.error().message.find('\r'), std::string::npos);
}

TEST(DecodeNotJson, EmptyAndBlankBodies) {
  expect_malformed(decode_user(""), "the response body is empty");
  expect_malformed(decode_users(" \r\n\t "), "the response body is empty");
  expect_malformed(decode_delete_result(""), "the response body is empty");
}

TEST(DecodeNotJson, TopLevelValuesThatAreNotObjects) {
  expect_malformed(decode_user("null"), "not a JSON object (got null)");
  expect_malformed(decode_user("[]"), "not a JSON object (got an array)");
  expect_malformed(decode_users(R"([{"id":"1","email":"e"}])"), "not a JSON object (got an array)");
  expect_malformed(decode_user("42"), "not a JSON object (got a number)");
  expect_malformed(decode_user(R"("{}")"), "not a JSON object (got a string)");
  expect_malformed(decode_user("true"), "not a JSON object (got a boolean)");
}

TEST(DecodeNotJson, TruncatedBodies) {
  const std::string page(kPage);
  // Every prefix of a valid page is an error, never a crash and never a partial success.
  for (std::size_t size = 0; size < page.size(); ++size) {
    const auto result = decode_users(std::string_view(page.data(), size));
    ASSERT_FALSE(result.ok()) << "prefix of " << size << " bytes was accepted";
    EXPECT_EQ(result.error().kind, ErrorKind::kMalformedResponse);
  }
}

TEST(DecodeNotJson, TrailingContent) {
  expect_malformed(decode_user(R"({"id":"1","email":"e"}})"), "not valid JSON");
  expect_malformed(decode_user(R"({"id":"1","email":"e"} {})"), "not valid JSON");
  expect_malformed(decode_user(R"({"id":"1","email":"e"} x)"), "not valid JSON");
  EXPECT_TRUE(decode_user("\n {\"id\":\"1\",\"email\":\"e\"} \r\n").ok());
}

TEST(DecodeNotJson, DeeplyNestedGarbage) {
  const std::string arrays(100000, '[');
  expect_malformed(decode_user(arrays), "");
  expect_malformed(decode_user(arrays + std::string(100000, ']')), "");
  std::string objects;
  for (int i = 0; i < 50000; ++i) objects += R"({"a":)";
  expect_malformed(decode_user(objects), "");
  // Deep nesting inside a known and an unknown field.
  expect_malformed(decode_user(R"({"id":"1","email":"e","userTags":)" + arrays), "");
  expect_malformed(decode_user(R"({"id":"1","email":"e","x":)" + arrays), "");
  // Valid JSON whose deep unknown field is skipped (iteratively: no recursion, no stack growth).
  EXPECT_TRUE(
      decode_user(R"({"id":"1","email":"e","x":)" + arrays + std::string(100000, ']') + "}").ok());
  // A deep value where a known field expects something else.
  expect_malformed(decode_user(R"({"id":"1","email":"e","experienceGroups":)" + arrays +
                               std::string(100000, ']') + "}"),
                   "experienceGroups[0]: expected an object, got an array");
}

TEST(DecodeNotJson, InvalidUtf8IsRefused) {
  expect_malformed(decode_user("{\"id\":\"1\",\"email\":\"\xff\xfe\"}"), "not valid JSON");
  expect_malformed(decode_user("{\"id\":\"1\",\"email\":\"\xc3\x28\"}"), "not valid JSON");
  // A lone surrogate escape is not a character either.
  expect_malformed(decode_user(R"({"id":"1","email":"\ud800"})"), "email: invalid JSON");
}

TEST(DecodeNotJson, BrokenStructureInsideAKnownField) {
  expect_malformed(decode_user(R"({"id":"1","email":"e","userTags":{"a":"b",}})"), "userTags");
  expect_malformed(decode_user(R"({"id":"1","email":"e","experienceGroups":[{"id":"a"},]})"),
                   "experienceGroups");
  expect_malformed(decode_user(R"({"id":"1" "email":"e"})"), "invalid JSON");
  expect_malformed(decode_user(R"({"id":"1","email":"e",})"), "invalid JSON");
  expect_malformed(decode_user(R"({"id":"1","email":})"), "email");
  expect_malformed(decode_user(R"({"id":"1","email":"e","firstName":nul})"), "firstName");
}

TEST(DecodeNotJson, InsideOfSkippedUnknownFieldsIsNotValidated) {
  // A documented trade-off of On-Demand: what is never read is skipped, not validated. Nothing
  // of it reaches the model, and the structure around it still has to be right.
  EXPECT_TRUE(decode_user(R"({"id":"1","email":"e","x":[1,]})").ok());
  EXPECT_TRUE(decode_user(R"({"id":"1","email":"e","x":{"a"}})").ok());
  expect_malformed(decode_user(R"({"id":"1","email":"e","x":[1,})"), "");
}

TEST(DecodeNotJson, ControlBytesAndNulInsideBody) {
  expect_malformed(decode_user(std::string("{\"id\":\"1\0\",\"email\":\"e\"}", 24)), "");
  expect_malformed(decode_user(std::string("\0\0\0\0", 4)), "not valid JSON");
}

// --- decode_users

TEST(DecodeUsers, ReadsAPage) {
  const auto page = decode_users(kPage);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(*page, page_model());
}

TEST(DecodeUsers, MinimalAndEmptyPages) {
  const auto empty = decode_users(R"({"items":[]})");
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(*empty, ExperienceUsers{});
  const auto upper = decode_users(R"({"items":[],"count":0,"sortDirection":"DESC","filter":""})");
  ASSERT_TRUE(upper.ok()) << upper.error().message;
  EXPECT_EQ(upper->sort_direction, std::optional<std::string>("DESC"));
  EXPECT_EQ(upper->filter, std::optional<std::string>(""));
  EXPECT_EQ(upper->count, std::optional<std::int64_t>(0));
  EXPECT_FALSE(upper->total_count.has_value());
}

TEST(DecodeUsers, ItemsAreRequired) {
  expect_malformed(decode_users(R"({"count":0,"totalCount":0})"), "items: required field missing");
}

TEST(DecodeUsers, IgnoresUnknownFields) {
  const auto page = decode_users(
      R"({"_links":{"next":{"href":"?page=1"}},"items":[{"id":"1","email":"e","x":[{}]}],)"
      R"("_embedded":{"a":[1,2,3]},"count":1,"new":[[[]]]})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->count, std::optional<std::int64_t>(1));
}

TEST(DecodeUsers, NamesThePathOfAWrongType) {
  const std::string ok_user = R"({"id":"1","email":"e"})";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"items":{}})", "items: expected an array, got an object"},
      {R"({"items":null})", "items: expected an array, got null"},
      {"{\"items\":[" + ok_user + "," + ok_user + ",null]}",
       "items[2]: expected an object, got null"},
      {"{\"items\":[" + ok_user + "," + ok_user + "," + ok_user + R"(,{"id":"4","email":4}]})",
       "items[3].email: expected a string, got a number"},
      {R"({"items":[{"id":"1","email":"e"},{"id":"2"}]})",
       "items[1].email: required field missing"},
      {"{\"items\":[" + ok_user + R"(,{"id":"2","email":"e","experienceGroups":[{"id":7}]}]})",
       "items[1].experienceGroups[0].id: expected a string, got a number"},
      {R"({"items":[{"id":"1","email":"e","userTags":{"a":"b","c":null}}]})",
       "items[0].userTags.c: expected a string, got null"},
      {R"({"items":[{"id":"1","email":"e","lastUpdated":"2016-06-13T24:00:00.000Z"}]})",
       "items[0].lastUpdated: not a valid date-time"},
      {R"({"items":[],"count":"2"})", "count: expected an integer, got a string"},
      {R"({"items":[],"totalCount":1.5})", "totalCount: expected an integer"},
      {R"({"items":[],"perPage":true})", "perPage: expected an integer, got a boolean"},
      {R"({"items":[],"page":99999999999999999999})", "page: expected an integer"},
      {R"({"items":[],"sortDirection":1})", "sortDirection: expected a string, got a number"},
      {R"({"items":[],"filter":[]})", "filter: expected a string, got an array"},
      {R"({"items":[],"applicationId":{}})", "applicationId: expected a string, got an object"},
  };
  for (const auto& [json, message] : cases) {
    SCOPED_TRACE(json);
    expect_malformed(decode_users(json), message);
  }
}

TEST(DecodeUsers, TagKeysInPathsAreSanitized) {
  const auto page =
      decode_users(R"({"items":[{"id":"1","email":"e","userTags":{"a\u001b[2Jb":1}}]})");
  // The one sanitiser (src/text/text.hpp): ESC becomes U+FFFD.
  expect_malformed(page, "items[0].userTags.a\xEF\xBF\xBD[2Jb: expected a string");
}

TEST(DecodeUsers, ParsesInPlaceWhenThereIsRoomForPadding) {
  // The bytes after the body are the caller's and may be anything.
  std::string buffer(kPage);
  const std::size_t size = buffer.size();
  buffer.append(256, '}');
  const auto in_place = decode_users(std::string_view(buffer.data(), size), buffer.size());
  ASSERT_TRUE(in_place.ok()) << in_place.error().message;
  EXPECT_EQ(*in_place, page_model());
  // Too little room: copied, same result.
  const auto copied = decode_users(std::string_view(buffer.data(), size), size + 1);
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  EXPECT_EQ(*copied, page_model());
}

TEST(DecodeUsers, ALargePage) {
  std::string json = R"({"items":[)";
  for (int i = 0; i < 5000; ++i) {
    if (i > 0) json += ',';
    json += R"({"id":"575ed78e7ae143cd83dc4aab","email":"user)" + std::to_string(i) +
            R"(@example.com","creationDate":"2016-06-13T04:00:00.000Z","userTags":{"n":")" +
            std::to_string(i) + R"("}})";
  }
  json += R"(],"count":5000})";
  const auto page = decode_users(json);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->items.size(), 5000u);
  EXPECT_EQ(page->items[4321].email, "user4321@example.com");
  EXPECT_EQ(page->items[4321].user_tags->at("n"), "4321");
}

TEST(DecodeUsers, KeepsWorkingAfterAnOversizedDocument) {
  // Past 16 MiB the thread's parser buffers are released after use instead of being kept.
  const std::string huge =
      R"({"items":[],"padding":")" + std::string(17 * 1024 * 1024, 'x') + "\"}";
  const auto big = decode_users(huge);
  ASSERT_TRUE(big.ok()) << big.error().message;
  EXPECT_TRUE(big->items.empty());
  const auto page = decode_users(kPage);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(*page, page_model());
  EXPECT_TRUE(decode_users(huge).ok());
}

TEST(DecodeUsers, DecodersAreUsableFromManyThreads) {
  const std::string big = to_json(page_model());
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const auto page = decode_users(big);
        if (!page.ok() || *page != page_model()) ++failures[t];
        if (decode_user(kFullUser).ok() == false) ++failures[t];
        if (decode_users("<html>").ok()) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : failures) EXPECT_EQ(count, 0);
}

// --- decode_delete_result

TEST(DecodeDeleteResult, ReadsSuccess) {
  const auto yes = decode_delete_result(R"({"success": true})");
  ASSERT_TRUE(yes.ok()) << yes.error().message;
  EXPECT_TRUE(yes->success);
  const auto no = decode_delete_result(R"({"success": false, "extra": [1]})");
  ASSERT_TRUE(no.ok()) << no.error().message;
  EXPECT_FALSE(no->success);
}

TEST(DecodeDeleteResult, RefusesAnythingElse) {
  expect_malformed(decode_delete_result("{}"), "success: required field missing");
  expect_malformed(decode_delete_result(R"({"success":"true"})"),
                   "success: expected a boolean, got a string");
  expect_malformed(decode_delete_result(R"({"success":1})"), "success: expected a boolean");
  expect_malformed(decode_delete_result("true"), "not a JSON object");
}

// --- decode_error_body

TEST(DecodeErrorBody, ReadsTypeAndMessage) {
  const auto body =
      decode_error_body(R"({"type":"NotFound","message":"Experience user was not found"})");
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->type, "NotFound");
  EXPECT_EQ(body->message, "Experience user was not found");
}

TEST(DecodeErrorBody, IgnoresOtherFields) {
  const auto body = decode_error_body(
      R"({"type":"Validation","message":"Bad","validationErrors":[{"path":"email"}],"extra":{}})");
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->type, "Validation");
  EXPECT_EQ(body->message, "Bad");
}

TEST(DecodeErrorBody, EitherFieldIsEnough) {
  const auto only_message =
      decode_error_body(R"({"message":"Email address \"x\" already exists"})");
  ASSERT_TRUE(only_message.has_value());
  EXPECT_EQ(only_message->type, "");
  EXPECT_EQ(only_message->message, "Email address \"x\" already exists");
  const auto only_type = decode_error_body(R"({"type":"Unauthorized"})");
  ASSERT_TRUE(only_type.has_value());
  EXPECT_EQ(only_type->type, "Unauthorized");
  // A field of another type is ignored, not fatal.
  const auto numeric_type = decode_error_body(R"({"type":401,"message":"Unauthorized"})");
  ASSERT_TRUE(numeric_type.has_value());
  EXPECT_EQ(numeric_type->type, "");
  EXPECT_EQ(numeric_type->message, "Unauthorized");
}

TEST(DecodeErrorBody, NothingUsable) {
  for (const std::string_view body :
       {std::string_view(""), std::string_view("   "), std::string_view("<html>502</html>"),
        std::string_view("null"), std::string_view(R"(["type","message"])"), std::string_view("{}"),
        std::string_view(R"({"type":1,"message":null})"),
        std::string_view(R"({"type":"NotFound","message":"x")"),
        std::string_view(R"({"type":"NotFound"}})"), std::string_view("Service Unavailable")}) {
    EXPECT_FALSE(decode_error_body(body).has_value()) << body;
  }
}

// --- encoding request bodies (byte-exact: this is what goes on the wire)

TEST(EncodePost, RequiredFieldsOnly) {
  ExperienceUserPost post;
  post.email = "new.user@example.com";
  post.password = "correct horse";
  EXPECT_EQ(encode_post(post), R"({"email":"new.user@example.com","password":"correct horse"})");
}

TEST(EncodePost, EveryField) {
  ExperienceUserPost post;
  post.email = "new.user@example.com";
  post.password = "correct horse";
  post.first_name = "New";
  post.last_name = "User";
  post.token_cutoff = ts("2016-06-13T04:00:00.000Z");
  post.user_tags = Tags{{"role", "admin"}, {"customer", "acme"}};
  post.experience_group_ids =
      std::vector<std::string>{"575ef5c37ae143cd83dc4aac", "575ef5c37ae143cd83dc4aad"};
  EXPECT_EQ(encode_post(post),
            R"({"email":"new.user@example.com","password":"correct horse","firstName":"New",)"
            R"("lastName":"User","tokenCutoff":"2016-06-13T04:00:00.000Z",)"
            R"("userTags":{"customer":"acme","role":"admin"},)"
            R"("experienceGroupIds":["575ef5c37ae143cd83dc4aac","575ef5c37ae143cd83dc4aad"]})");
  EXPECT_EQ(to_json(post), encode_post(post));
}

TEST(EncodePatch, OnlySetFieldsAreSent) {
  EXPECT_EQ(encode_patch(ExperienceUserPatch{}), "{}");
  ExperienceUserPatch patch;
  patch.last_name = "Renamed";
  EXPECT_EQ(encode_patch(patch), R"({"lastName":"Renamed"})");
  patch.password = "new password";
  patch.token_cutoff = ts("2020-01-02T03:04:05.006Z");
  EXPECT_EQ(encode_patch(patch), R"({"password":"new password","lastName":"Renamed",)"
                                 R"("tokenCutoff":"2020-01-02T03:04:05.006Z"})");
  EXPECT_EQ(to_json(patch), encode_patch(patch));
}

TEST(EncodePatch, EmptyContainersClear) {
  ExperienceUserPatch patch;
  patch.email = "";
  patch.user_tags = Tags{};
  patch.experience_group_ids = std::vector<std::string>{};
  EXPECT_EQ(encode_patch(patch), R"({"email":"","userTags":{},"experienceGroupIds":[]})");
}

TEST(Encode, EscapesStrings) {
  ExperienceUserPatch patch;
  patch.first_name = std::string("quote\" backslash\\ nl\n tab\t ctl\x01 nul", 35) + '\0';
  patch.last_name = "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80 </script>";  // UTF-8 passes through
  EXPECT_EQ(encode_patch(patch),
            R"({"firstName":"quote\" backslash\\ nl\n tab\t ctl\u0001 nul\u0000",)"
            "\"lastName\":\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80 </script>\"}");
}

TEST(Encode, InvalidUtf8IsReplacedNotThrown) {
  // Each invalid byte becomes U+FFFD (EF BF BD); the output stays valid JSON.
  ExperienceUserPatch patch;
  patch.first_name =
      "a\xff"
      "b\xc3";
  patch.user_tags = Tags{{"k\xfe", "v\x80"}};
  std::string encoded;
  ASSERT_NO_THROW(encoded = encode_patch(patch));
  EXPECT_EQ(encoded,
            "{\"firstName\":\"a\xef\xbf\xbd"
            "b\xef\xbf\xbd\","
            "\"userTags\":{\"k\xef\xbf\xbd\":\"v\xef\xbf\xbd\"}}");
  ExperienceUser user;
  user.id = "\xc0";
  user.email = "\xed\xa0\x80";  // an encoded surrogate: not valid UTF-8
  ASSERT_NO_THROW(encoded = to_json(user));
  EXPECT_TRUE(decode_user(encoded).ok()) << encoded;
  ExperienceUserPost post;
  post.email = "\xf8\x88\x80\x80\x80";
  ASSERT_NO_THROW(encoded = encode_post(post));
  EXPECT_TRUE(parse_experience_user_post(R"({"password":"12345678","email":"x"})").ok());
}

// --- public to_json / parse_* and round trips

TEST(ToJson, UserUsesTheApiNamesInTheApiOrder) {
  EXPECT_EQ(
      to_json(full_user()),
      R"({"id":"575ed78e7ae143cd83dc4aab","experienceUserId":"575ed78e7ae143cd83dc4aab",)"
      R"("applicationId":"575ec8687ae143cd83dc4a97","creationDate":"2016-06-13T04:00:00.000Z",)"
      R"("lastUpdated":"2016-06-13T04:10:00.000Z",)"
      R"("passwordLastUpdated":"2016-06-13T04:05:00.000Z",)"
      R"("lastLogin":"2016-06-14T09:30:12.345Z","email":"example@losant.com",)"
      R"("firstName":"Example",)"
      R"("lastName":"Name","avatarUrl":"https://example.com/avatars/example.png",)"
      R"("tokenCutoff":"2016-06-13T04:00:00.000Z","userTags":{"customer":"acme","role":"admin"},)"
      R"("experienceGroups":[{"id":"575ef5c37ae143cd83dc4aac","name":"Admins"},)"
      R"({"id":"575ef5c37ae143cd83dc4aad","name":"Plant 7",)"
      R"("parentId":"575ef5c37ae143cd83dc4aac"}]})");
  ExperienceUser minimal;
  minimal.id = "1";
  minimal.email = "e";
  EXPECT_EQ(to_json(minimal), R"({"id":"1","email":"e"})");
}

TEST(ToJson, Page) {
  ExperienceUsers page;
  page.count = 0;
  page.sort_direction = "asc";
  EXPECT_EQ(to_json(page), R"({"items":[],"count":0,"sortDirection":"asc"})");
  EXPECT_EQ(to_json(ExperienceUsers{}), R"({"items":[]})");
}

TEST(ToJson, DeleteResult) {
  EXPECT_EQ(to_json(DeleteResult{true}), R"({"success":true})");
  EXPECT_EQ(to_json(DeleteResult{false}), R"({"success":false})");
  EXPECT_EQ(*decode_delete_result(to_json(DeleteResult{true})), DeleteResult{true});
}

TEST(RoundTrip, User) {
  const ExperienceUser user = full_user();
  const auto back = parse_experience_user(to_json(user));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, user);
}

TEST(RoundTrip, UserWithAwkwardStrings) {
  ExperienceUser user;
  user.id = "";
  user.email = std::string("nul\0inside", 10);
  user.first_name = "\"quoted\" \\ / \b\f\n\r\t \x01\x1f \xc3\xa9 \xf0\x9f\x98\x80";
  user.user_tags = Tags{{"", ""}, {"\xe4\xb8\xad", "}]\""}};
  user.experience_groups = std::vector<ExperienceGroup>{embedded("", "", std::string())};
  user.creation_date = Timestamp(std::chrono::milliseconds(-1));
  const auto back = parse_experience_user(to_json(user));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, user);
}

TEST(RoundTrip, Page) {
  const ExperienceUsers page = page_model();
  const auto back = parse_experience_users(to_json(page));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, page);
  const auto again = decode_users(kPage);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(to_json(*again), to_json(page));
}

TEST(RoundTrip, Post) {
  ExperienceUserPost post;
  post.email = "new.user@example.com";
  post.password = "correct horse";
  post.first_name = "New";
  post.last_name = "";
  post.token_cutoff = ts("2016-06-13T04:00:00.123Z");
  post.user_tags = Tags{{"a", "1"}};
  post.experience_group_ids = std::vector<std::string>{"575ef5c37ae143cd83dc4aac"};
  const auto back = parse_experience_user_post(to_json(post));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, post);
}

// --- parse_experience_user_post (strict: for imports)

void expect_invalid_post(std::string_view json, std::string_view field,
                         std::string_view message_part) {
  SCOPED_TRACE(json);
  const auto result = parse_experience_user_post(json);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(result.error().field, field);
  EXPECT_NE(result.error().message.find(message_part), std::string::npos) << result.error().message;
}

TEST(ParsePost, AcceptsAMinimalRecord) {
  const auto post =
      parse_experience_user_post(R"({"email":"a@example.com","password":"12345678"})");
  ASSERT_TRUE(post.ok()) << post.error().message;
  EXPECT_EQ(post->email, "a@example.com");
  EXPECT_EQ(post->password, "12345678");
  EXPECT_FALSE(post->first_name.has_value());
  EXPECT_FALSE(post->experience_group_ids.has_value());
}

TEST(ParsePost, RefusesUnknownFields) {
  expect_invalid_post(R"({"email":"a","password":"12345678","firstname":"A"})", "body.firstname",
                      "unknown field");
  expect_invalid_post(R"({"email":"a","password":"12345678","avatarUrl":"x"})", "body.avatarUrl",
                      "unknown field");
  expect_invalid_post(R"({"id":"1","email":"a","password":"12345678"})", "body.id",
                      "unknown field");
}

TEST(ParsePost, RequiresEmailAndPassword) {
  expect_invalid_post(R"({"password":"12345678"})", "body.email", "required field missing");
  expect_invalid_post(R"({"email":"a"})", "body.password", "required field missing");
}

TEST(ParsePost, ChecksTypes) {
  expect_invalid_post(R"({"email":1,"password":"12345678"})", "body.email",
                      "expected a string, got a number");
  expect_invalid_post(R"({"email":"a","password":null})", "body.password",
                      "expected a string, got null");
  expect_invalid_post(R"({"email":"a","password":"12345678","tokenCutoff":"tomorrow"})",
                      "body.tokenCutoff", "not a valid date-time");
  expect_invalid_post(R"({"email":"a","password":"12345678","userTags":{"k":1}})",
                      "body.userTags.k", "expected a string, got a number");
  expect_invalid_post(R"({"email":"a","password":"12345678","experienceGroupIds":"x"})",
                      "body.experienceGroupIds", "expected an array, got a string");
  expect_invalid_post(R"({"email":"a","password":"12345678","experienceGroupIds":["a",2]})",
                      "body.experienceGroupIds[1]", "expected a string, got a number");
}

TEST(ParsePost, NotJsonNeverEchoesTheBody) {
  const std::string secret = "hunter2-very-secret";
  for (const std::string& json :
       {R"({"email":"a","password":")" + secret + R"(")", R"(email=a&password=)" + secret,
        R"({"email":"a","password":")" + secret + R"("}})", "[\"" + secret + "\"]"}) {
    SCOPED_TRACE(json);
    const auto result = parse_experience_user_post(json);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(result.error().field, "body");
    EXPECT_EQ(result.error().message.find(secret), std::string::npos) << result.error().message;
  }
  expect_invalid_post("", "body", "the body is empty");
}

}  // namespace
}  // namespace losant::experience_users
