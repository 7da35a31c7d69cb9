// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// UserQuery: encoding per field and operator family, parsing from JSON text, every validation
// rule (the error names the JSON path and the rule), and the exact request the client sends.
#include "losant/experience_users/user_query.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losant/experience_users/client.hpp"
#include "losant/experience_users/validate.hpp"
#include "unit/fake_transport.hpp"
#include "wire/request.hpp"

namespace losant::experience_users {
namespace {

using F = QueryField;
using Op = QueryOperator;
using Json = nlohmann::json;

const std::string kId = "575ec8687ae143cd83dc4a97";
const std::string kId2 = "575ED70C7AE143CD83DC4AA9";

UserQuery parsed(const std::string& text) {
  auto q = parse_user_query(text);
  EXPECT_TRUE(q.ok()) << text << " -> " << (q.ok() ? "" : q.error().to_string());
  return q.ok() ? *q : UserQuery{};
}

void expect_invalid(const std::optional<Error>& error, const std::string& field,
                    const std::string& rule) {
  ASSERT_TRUE(error.has_value()) << "expected an error at " << field;
  EXPECT_EQ(error->kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(error->field, field) << error->to_string();
  EXPECT_THAT(error->message, ::testing::HasSubstr(rule)) << error->to_string();
}

// Both the typed validation and the parser must refuse @p text with the same path and rule.
void expect_refused(const std::string& text, const std::string& field, const std::string& rule) {
  auto q = parse_user_query(text);
  ASSERT_FALSE(q.ok()) << text;
  expect_invalid(q.error(), field, rule);
}

// ---- encoding ---------------------------------------------------------------------------

TEST(UserQueryEncode, EmptyQueryIsEmptyObject) {
  EXPECT_EQ(to_json(UserQuery{}), "{}");
}

TEST(UserQueryEncode, PlainValuesPerField) {
  EXPECT_EQ(to_json(UserQuery::equals(F::kEmail, "a@b.c")), R"({"email":"a@b.c"})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kFirstName, nullptr)), R"({"firstName":null})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kLastName, true)), R"({"lastName":true})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kId, kId)), R"({"id":")" + kId + R"("})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kExperienceGroupId, kId)),
            R"({"experienceGroupId":")" + kId + R"("})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kCreationDate, 1700000000000)),
            R"({"creationDate":1700000000000})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kLastUpdated, 1.5)), R"({"lastUpdated":1.5})");
  const Timestamp t{std::chrono::milliseconds(1465790400000)};
  EXPECT_EQ(to_json(UserQuery::equals(F::kPasswordLastUpdated, t)),
            R"({"passwordLastUpdated":"2016-06-13T04:00:00.000Z"})");
  EXPECT_EQ(to_json(UserQuery::equals(F::kLastLogin, nullptr)), R"({"lastLogin":null})");
}

TEST(UserQueryEncode, EveryOperator) {
  const std::vector<std::pair<Op, std::string>> scalar_ops = {{Op::kEq, "$eq"},
                                                              {Op::kNe, "$ne"},
                                                              {Op::kGt, "$gt"},
                                                              {Op::kLt, "$lt"},
                                                              {Op::kGte, "$gte"},
                                                              {Op::kLte, "$lte"},
                                                              {Op::kStartsWith, "$startsWith"},
                                                              {Op::kEndsWith, "$endsWith"},
                                                              {Op::kContains, "$contains"}};
  for (const auto& [op, name] : scalar_ops) {
    EXPECT_EQ(to_json(UserQuery::where(F::kEmail, op, "x")),
              R"({"email":{")" + name + R"(":"x"}})");
    EXPECT_EQ(to_string(op), name);
  }
  EXPECT_EQ(to_json(UserQuery::where(F::kEmail, Op::kIn, std::vector<QueryValue>{"a", 1, true})),
            R"({"email":{"$in":["a",1,true]}})");
  EXPECT_EQ(to_json(UserQuery::where(F::kId, Op::kNin, std::vector<QueryValue>{kId})),
            R"({"id":{"$nin":[")" + kId + R"("]}})");
  EXPECT_EQ(to_json(UserQuery::where(F::kEmail, Op::kContains, "EX", true)),
            R"({"email":{"$contains":"EX","$ci":true}})");
  FieldCondition range;
  range.field = F::kCreationDate;
  range.with(Op::kGte, "2024-01-01T00:00:00Z").with(Op::kLt, 1735689600000);
  EXPECT_EQ(to_json(UserQuery::of(range)),
            R"({"creationDate":{"$gte":"2024-01-01T00:00:00Z","$lt":1735689600000}})");
}

TEST(UserQueryEncode, LogicalNestingToAnyDepth) {
  UserQuery q = UserQuery::all_of(
      {UserQuery::any_of({UserQuery::equals(F::kEmail, "a@b.c"),
                          UserQuery::none_of({UserQuery::equals(F::kFirstName, "x")})}),
       UserQuery::equals(F::kLastLogin, nullptr)});
  EXPECT_EQ(to_json(q), R"({"$and":[{"$or":[{"email":"a@b.c"},{"$nor":[{"firstName":"x"}]}]},)"
                        R"({"lastLogin":null}]})");
  UserQuery deep = UserQuery::equals(F::kEmail, "a@b.c");
  for (int i = 0; i < 99; ++i) deep = UserQuery::all_of({deep});
  EXPECT_FALSE(validate(deep)) << validate(deep)->to_string();
  EXPECT_EQ(parse_user_query(to_json(deep)).value(), deep);
}

TEST(UserQueryEncode, SeveralKeysOfOneObject) {
  UserQuery q = UserQuery::equals(F::kEmail, "a@b.c");
  // A named term: a temporary one makes g++ 12 -O3 warn (maybe-uninitialized, a false positive).
  QueryTerm first_name = FieldCondition{F::kFirstName, QueryValue("A"), {}, std::nullopt};
  q.add(std::move(first_name));
  EXPECT_EQ(to_json(q), R"({"email":"a@b.c","firstName":"A"})");
}

TEST(UserQueryEncode, TagForms) {
  EXPECT_EQ(to_json(UserQuery::has_tag("floor")), R"({"userTags":{"$tagKey":"floor"}})");
  EXPECT_EQ(to_json(UserQuery::has_tag("floor", "3")), R"({"userTags":{"floor":"3"}})");
  TagsCondition kv;
  kv.form = TagsCondition::Form::kKeyValue;
  kv.tag_key = TagMatch::in({"a", "b"});
  kv.tag_value = TagMatch::not_in({"x"});
  EXPECT_EQ(to_json(UserQuery::of(kv)),
            R"({"userTags":{"$tagKey":{"$in":["a","b"]},"$tagValue":{"$nin":["x"]}}})");
  TagsCondition by_key;
  by_key.wrap = TagsCondition::Wrap::kNe;
  by_key.by_key = {{"role", TagMatch::null()}, {"floor", TagMatch::equals("3")}};
  EXPECT_EQ(to_json(UserQuery::of(by_key)), R"({"userTags":{"$ne":{"role":null,"floor":"3"}}})");
  TagsCondition none;
  none.form = TagsCondition::Form::kNull;
  EXPECT_EQ(to_json(UserQuery::of(none)), R"({"userTags":null})");
  none.wrap = TagsCondition::Wrap::kEq;
  EXPECT_EQ(to_json(UserQuery::of(none)), R"({"userTags":{"$eq":null}})");
}

// ---- parsing ----------------------------------------------------------------------------

TEST(UserQueryParse, RoundTripsEveryForm) {
  const std::vector<std::string> texts = {
      R"({})",
      R"({"email":"a@b.c","firstName":null,"lastName":false,"creationDate":1700000000000})",
      R"({"id":{"$gt":")" + kId + R"("}})",
      R"({"experienceGroupId":{"$in":[")" + kId + R"(",")" + kId2 + R"("]}})",
      R"({"experienceGroupId":null})",
      R"({"lastLogin":{"$gte":"2024-01-01T00:00:00.000Z","$lt":"2025-01-01T00:00:00Z"}})",
      R"({"email":{"$startsWith":"a","$endsWith":".com","$contains":"@","$ci":true}})",
      R"({"email":{"$ne":null}})",
      R"({"firstName":{"$nin":["a",2,true],"$in":["b"]}})",
      R"({"lastName":{"$eq":"x","$gt":"a","$lte":"z","$ci":false}})",
      R"({"passwordLastUpdated":{"$lte":1.5e12}})",
      R"({"$and":[{"$or":[{"email":"a@b.c"}]},{"$nor":[{"lastLogin":null}]}]})",
      R"({"userTags":null})",
      R"({"userTags":{"$tagKey":"k"}})",
      R"({"userTags":{"$tagValue":null}})",
      R"({"userTags":{"$tagKey":{"$in":["a"]},"$tagValue":{"$nin":["b"]}}})",
      R"({"userTags":{"floor":"3","role":{"$in":["a","b"]},"gone":null}})",
      R"({"userTags":{"$eq":{"floor":"3"}}})",
      R"({"userTags":{"$ne":{"$tagKey":"floor"}}})",
      R"({"userTags":{"$ne":null}})",
  };
  for (const std::string& text : texts) {
    const UserQuery q = parsed(text);
    EXPECT_EQ(Json::parse(to_json(q)), Json::parse(text)) << text;
    EXPECT_EQ(parse_user_query(to_json(q)).value(), q) << text;
  }
}

TEST(UserQueryParse, BuildsTheTypedTree) {
  const UserQuery q =
      parsed(R"({"$or":[{"email":{"$endsWith":"@x.io","$ci":true}},{"userTags":{"floor":"3"}}]})");
  ASSERT_EQ(q.terms.size(), 1u);
  const auto& l = std::get<LogicalCondition>(q.terms[0]);
  EXPECT_EQ(l.op, LogicalOperator::kOr);
  ASSERT_EQ(l.queries.size(), 2u);
  const auto& f = std::get<FieldCondition>(l.queries[0].terms[0]);
  EXPECT_EQ(f.field, F::kEmail);
  ASSERT_EQ(f.operations.size(), 1u);
  EXPECT_EQ(f.operations[0].op, Op::kEndsWith);
  EXPECT_EQ(f.operations[0].value, QueryValue("@x.io"));
  EXPECT_EQ(f.case_insensitive, true);
  const auto& t = std::get<TagsCondition>(l.queries[1].terms[0]);
  EXPECT_EQ(t.form, TagsCondition::Form::kByKey);
  ASSERT_EQ(t.by_key.size(), 1u);
  EXPECT_EQ(t.by_key[0].first, "floor");
  EXPECT_EQ(t.by_key[0].second, TagMatch::equals("3"));
  EXPECT_EQ(q, UserQuery::any_of({UserQuery::where(F::kEmail, Op::kEndsWith, "@x.io", true),
                                  UserQuery::has_tag("floor", "3")}));
}

TEST(UserQueryParse, RefusesWhatTheSchemaForbids) {
  expect_refused("", "query", "not valid JSON");
  expect_refused("{\"email\":", "query", "not valid JSON");
  expect_refused("[]", "query", "must be a JSON object");
  expect_refused(R"({"emial":"a"})", "query.emial", "unknown field");
  expect_refused(R"({"$and":[{"email":{"$regex":"a"}}]})", "query.$and[0].email.$regex",
                 "unknown operator");
  expect_refused(R"({"$and":{}})", "query.$and", "must be an array of queries");
  expect_refused(R"({"$or":[1]})", "query.$or[0]", "must be a JSON object");
  expect_refused(R"({"email":[1]})", "query.email", "not an array");
  expect_refused(R"({"email":{"$eq":{}}})", "query.email.$eq", "must be a string, number");
  expect_refused(R"({"email":{"$in":"a"}})", "query.email.$in", "must be an array");
  expect_refused(R"({"email":{"$in":[[1]]}})", "query.email.$in[0]", "must be a string, number");
  expect_refused(R"({"email":{"$ci":"yes","$eq":"a"}})", "query.email.$ci", "true or false");
  expect_refused(R"({"email":"a","email":"b"})", "query", "appears twice");
  expect_refused(R"({"userTags":{"$tagKey":"a","floor":"3"}})", "query.userTags.floor", "not both");
  expect_refused(R"({"userTags":{"$foo":"a"}})", "query.userTags.$foo", "unknown operator");
  expect_refused(R"({"userTags":{"$eq":{"a":"b"},"x":"y"}})", "query.userTags", "only key");
  expect_refused(R"({"userTags":"floor"})", "query.userTags", "must be null");
  expect_refused(R"({"userTags":{"floor":3}})", "query.userTags.floor", "must be a string, null");
  expect_refused(R"({"userTags":{"floor":{"$in":[3]}}})", "query.userTags.floor.$in[0]",
                 "must be a string");
  expect_refused(R"({"userTags":{"floor":{"$all":["a"]}}})", "query.userTags.floor.$all",
                 "must be a string, null");
  expect_refused("{\"email\":\"\xff\"}", "query", "not valid JSON");
  expect_refused(R"({"a\nb":1})", R"(query["a\nb"])", "unknown field");
  std::string deep = R"({"email":"a@b.c"})";
  for (int i = 0; i < 150; ++i) deep = R"({"$and":[)" + deep + "]}";
  expect_refused(deep, "query", "nesting deeper than 100 levels");
}

// ---- validation rules -------------------------------------------------------------------

TEST(UserQueryRules, TextOperatorsNeedNonEmptyStrings) {
  UserQuery q = UserQuery::all_of(
      {UserQuery::equals(F::kEmail, "a@b.c"), UserQuery::where(F::kEmail, Op::kStartsWith, "")});
  expect_invalid(validate(q), "query.$and[1].email.$startsWith", "must not be empty");
  expect_refused(R"({"$and":[{"email":"a@b.c"},{"email":{"$startsWith":""}}]})",
                 "query.$and[1].email.$startsWith", "must not be empty");
  expect_refused(R"({"lastName":{"$endsWith":3}})", "query.lastName.$endsWith", "must be a string");
  expect_refused(R"({"firstName":{"$contains":null}})", "query.firstName.$contains",
                 "must be a string");
}

TEST(UserQueryRules, IdFieldsTakeOneOperatorAndHexValues) {
  expect_refused(R"({"id":{"$gt":")" + kId + R"(","$lt":")" + kId + R"("}})", "query.id",
                 "exactly one operator");
  expect_refused(R"({"id":"nope"})", "query.id", "24 hexadecimal characters or null");
  expect_refused(R"({"id":5})", "query.id", "24 hexadecimal");
  expect_refused(R"({"experienceGroupId":{"$ne":"zz"}})", "query.experienceGroupId.$ne",
                 "24 hexadecimal");
  expect_refused(R"({"id":{"$in":[")" + kId + R"(",null]}})", "query.id.$in[1]",
                 "null is not allowed");
  expect_refused(R"({"id":{"$startsWith":"57"}})", "query.id.$startsWith", "not allowed on id");
  expect_refused(R"({"experienceGroupId":{"$ci":true,"$eq":null}})", "query.experienceGroupId.$ci",
                 "not allowed");
  expect_refused(R"({"id":{}})", "query.id", "at least one operator");
  EXPECT_FALSE(validate(UserQuery::where(F::kId, Op::kGte, kId2)));
}

TEST(UserQueryRules, AtMostOneHundredItems) {
  std::vector<QueryValue> values(101, QueryValue("x"));
  expect_invalid(validate(UserQuery::where(F::kEmail, Op::kIn, values)), "query.email.$in",
                 "at most 100 values");
  values.pop_back();
  EXPECT_FALSE(validate(UserQuery::where(F::kEmail, Op::kNin, values)));
  std::vector<UserQuery> subs(101, UserQuery::equals(F::kEmail, "a@b.c"));
  expect_invalid(validate(UserQuery::any_of(subs)), "query.$or", "1 to 100 queries");
  subs.pop_back();
  EXPECT_FALSE(validate(UserQuery::any_of(subs)));
  expect_invalid(validate(UserQuery::none_of({})), "query.$nor", "1 to 100 queries");
  TagsCondition t;
  t.by_key = {{"k", TagMatch::in(std::vector<std::string>(101, "v"))}};
  expect_invalid(validate(UserQuery::of(t)), "query.userTags.k.$in", "at most 100 values");
}

TEST(UserQueryRules, ValueTypesPerField) {
  expect_refused(R"({"email":{"$in":[null]}})", "query.email.$in[0]", "not null");
  expect_refused(R"({"creationDate":"yesterday"})", "query.creationDate", "ISO 8601 date-time");
  expect_refused(R"({"lastLogin":{"$lt":"2024-13-01T00:00:00Z"}})", "query.lastLogin.$lt",
                 "ISO 8601");
  EXPECT_FALSE(validate(parsed(R"({"lastLogin":{"$lt":"2024-01-31T00:00:00+01:00"}})")));
  const Timestamp t{std::chrono::milliseconds(0)};
  expect_invalid(validate(UserQuery::equals(F::kEmail, t)), "query.email", "only for date fields");
  expect_invalid(validate(UserQuery::equals(F::kEmail, std::nan(""))), "query.email", "finite");
  expect_invalid(validate(UserQuery::equals(F::kEmail, std::string("\xc3"))), "query.email",
                 "valid UTF-8");
  FieldCondition both{F::kEmail, QueryValue("a"), {FieldOperation{Op::kEq, "a", {}}}, {}};
  expect_invalid(validate(UserQuery::of(both)), "query.email", "not both");
  FieldCondition twice;
  twice.field = F::kEmail;
  twice.with(Op::kGt, "a").with(Op::kGt, "b");
  expect_invalid(validate(UserQuery::of(twice)), "query.email.$gt", "appears twice");
  FieldCondition ci_only;
  ci_only.field = F::kEmail;
  ci_only.ci();
  expect_invalid(validate(UserQuery::of(ci_only)), "query.email", "at least one operator");
  UserQuery dup = UserQuery::equals(F::kEmail, "a");
  dup.add(FieldCondition{F::kEmail, QueryValue("b"), {}, {}});
  expect_invalid(validate(dup), "query.email", "appears twice in one object");
}

TEST(UserQueryRules, TagRules) {
  expect_refused(R"({"userTags":{}})", "query.userTags", "at least one tag key");
  expect_refused(R"({"userTags":{"$eq":{"a.b":"c"}}})", "query.userTags.$eq",
                 "tag keys must match");
  expect_refused(R"({"userTags":{"k":")" + std::string(256, 'v') + R"("}})", "query.userTags.k",
                 "at most 255 characters");
  expect_refused(
      R"({"userTags":{"$ne":{"$tagValue":{"$in":[")" + std::string(256, 'v') + R"("]}}}})",
      "query.userTags.$ne.$tagValue.$in[0]", "at most 255");
  TagsCondition empty_kv;
  empty_kv.form = TagsCondition::Form::kKeyValue;
  expect_invalid(validate(UserQuery::of(empty_kv)), "query.userTags", "needs $tagKey");
  TagsCondition mixed;
  mixed.form = TagsCondition::Form::kNull;
  mixed.tag_key = TagMatch::equals("a");
  expect_invalid(validate(UserQuery::of(mixed)), "query.userTags", "null form");
  EXPECT_FALSE(validate(UserQuery::has_tag(std::string(255, 'k'), std::string(255, 'v'))));
}

TEST(UserQueryRules, ListQueryRefusesQueryWithOtherFilters) {
  ListQuery q;
  q.query = UserQuery::equals(F::kEmail, "a@b.c");
  EXPECT_FALSE(validate(q));
  q.filter = "a*";
  q.filter_field = FilterField::kEmail;
  expect_invalid(validate(q), "query.filter", "cannot be combined with query");
  q.filter.reset();
  q.filter_field.reset();
  q.experience_group = GroupFilter::any();
  expect_invalid(validate(q), "query.experienceGroupId", "cannot be combined with query");
  q.experience_group.reset();
  q.query = UserQuery::where(F::kEmail, Op::kStartsWith, "");
  expect_invalid(validate(q), "query.email.$startsWith", "must not be empty");
}

// ---- the wire ---------------------------------------------------------------------------

// Decodes one percent-encoded query-string value.
std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

class UserQueryWire : public ::testing::Test {
 protected:
  UserQueryWire() {
    options_.base_url = "https://api.example.test";
    options_.transport = transport_;
  }
  // The `query` parameter the client sent for @p q, decoded.
  std::string sent_query(const UserQuery& q) {
    transport_->respond(200, R"({"items":[],"count":0,"totalCount":0})");
    ListQuery list;
    list.query = q;
    auto page = ExperienceUsersClient(options_).list(kId, list);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().to_string());
    const std::string url = transport_->requests().back().url;
    const std::string prefix = "https://api.example.test/applications/" + kId +
                               "/experience/users?_actions=false&_links=true&_embedded=true";
    EXPECT_EQ(url.substr(0, prefix.size()), prefix);
    const auto at = url.find("&query=");
    EXPECT_NE(at, std::string::npos) << url;
    const std::string value = url.substr(at + 7);
    EXPECT_EQ(value.find_first_of("&{}\":[], "), std::string::npos) << "not encoded: " << value;
    return percent_decode(value);
  }
  std::shared_ptr<testing::FakeTransport> transport_ = std::make_shared<testing::FakeTransport>();
  ClientOptions options_;
};

TEST_F(UserQueryWire, OneQueryParameterHoldingTheJsonTextPerOperatorFamily) {
  const std::vector<std::string> families = {
      R"({"email":"a+b@example.com"})",
      R"({"id":{"$gt":")" + kId + R"("}})",
      R"({"creationDate":{"$gte":"2024-01-01T00:00:00.000Z","$lt":1735689600000}})",
      R"({"email":{"$in":["a@b.c","d@e.f"]},"firstName":{"$nin":["x"]}})",
      R"({"lastName":{"$startsWith":"Mc","$ci":true},"email":{"$endsWith":".io"}})",
      R"({"firstName":{"$contains":"ann"},"lastLogin":null})",
      R"({"$and":[{"$or":[{"email":"a@b.c"}]},{"$nor":[{"experienceGroupId":null}]}]})",
      R"({"userTags":{"$eq":{"$tagKey":"floor","$tagValue":{"$in":["3","4"]}}}})",
      R"({"userTags":{"$ne":{"role":"admin"}}})",
  };
  for (const std::string& text : families) {
    const UserQuery q = parsed(text);
    const std::string sent = sent_query(q);
    EXPECT_EQ(Json::parse(sent), Json::parse(text)) << sent;
  }
  EXPECT_EQ(sent_query(UserQuery::equals(F::kEmail, "a b")), R"({"email":"a b"})");
  const auto url = transport_->requests().back().url;
  EXPECT_NE(url.find("query=%7B%22email%22%3A%22a%20b%22%7D"), std::string::npos) << url;
}

TEST_F(UserQueryWire, InvalidQueryIsNeverSent) {
  ListQuery list;
  list.query = UserQuery::where(F::kId, Op::kEq, "nope");
  auto page = ExperienceUsersClient(options_).list(kId, list);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().field, "query.id.$eq");
  EXPECT_EQ(page.error().attempts, 0);
  EXPECT_TRUE(transport_->requests().empty());
}

TEST(UserQueryWireDefaults, AcceptVersionStaysOneThirty) {
  const ClientOptions defaults;  // named: see SeveralKeysOfOneObject
  EXPECT_EQ(defaults.accept_version, "^1.30.0");
}

}  // namespace
}  // namespace losant::experience_users
