// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "policy/validation.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace losant::experience_users::internal {
namespace {

const std::string kId = "575ec8687ae143cd83dc4a97";

ExperienceUserPost valid_post() {
  ExperienceUserPost p;
  p.email = "example@experienceuser.com";
  p.password = "aUserPassword";
  return p;
}

// Expects `error` to be an invalid-argument error naming `field`, with `rule` in its message.
void expect_invalid(const std::optional<Error>& error, const std::string& field,
                    const std::string& rule) {
  ASSERT_TRUE(error.has_value()) << "expected an error for " << field;
  EXPECT_EQ(error->kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(error->field, field);
  EXPECT_NE(error->message.find(rule), std::string::npos) << error->message;
  EXPECT_EQ(error->attempts, 0);
  EXPECT_FALSE(error->request_may_have_been_sent);
}

TEST(ObjectId, Accepts24HexOnly) {
  EXPECT_TRUE(is_object_id(kId));
  EXPECT_TRUE(is_object_id("ABCDEFabcdef012345678901"));
  EXPECT_FALSE(is_object_id(""));
  EXPECT_FALSE(is_object_id(kId + "0"));
  EXPECT_FALSE(is_object_id(kId.substr(1)));
  EXPECT_FALSE(is_object_id("575ec8687ae143cd83dc4a9g"));
  EXPECT_FALSE(is_object_id("../../../../../../etc/pa"));
  EXPECT_FALSE(is_object_id(std::string(23, 'a') + '\n'));
  expect_invalid(validate_id("applicationId", "nope"), "applicationId", "24 hexadecimal");
}

TEST(Post, ValidBodiesPass) {
  EXPECT_FALSE(validate_post(valid_post()));
  ExperienceUserPost p = valid_post();
  p.first_name = "";
  p.last_name = std::string(1024, 'x');
  p.user_tags = Tags{{"a-Z_9", std::string(255, 'v')}, {std::string(255, 'k'), "1"}};
  p.experience_group_ids = std::vector<std::string>(1000, kId);
  p.password = std::string(2048, 'p');
  p.token_cutoff = Timestamp(std::chrono::milliseconds(0));
  EXPECT_FALSE(validate_post(p));
}

TEST(Post, EmailRules) {
  for (const char* bad :
       {"", "plain", "@example.com", "a@", "a b@example.com", "a@exa mple.com", "a@-example.com",
        "a@example-.com", "a@example..com", "a@@example.com", "a@.example.com"}) {
    ExperienceUserPost p = valid_post();
    p.email = bad;
    expect_invalid(validate_post(p), "body.email", "");
  }
  ExperienceUserPost p = valid_post();
  p.email = std::string(1020, 'a') + "@x.io";
  expect_invalid(validate_post(p), "body.email", "1 to 1024");
  p.email = "first.o'last+tag@sub.example-host.com";
  EXPECT_FALSE(validate_post(p));
}

TEST(Post, PasswordLengthCountsCharactersAndNeverEchoes) {
  ExperienceUserPost p = valid_post();
  p.password = "short7!";
  auto e = validate_post(p);
  expect_invalid(e, "body.password", "8 to 2048 characters");
  EXPECT_EQ(e->to_string().find("short7!"), std::string::npos);
  p.password = std::string(2049, 'p');
  expect_invalid(validate_post(p), "body.password", "8 to 2048");
  // Eight two-byte characters are eight characters, not sixteen.
  p.password.clear();
  for (int i = 0; i < 8; ++i) p.password += "\xC3\xA9";
  EXPECT_FALSE(validate_post(p));
  p.password = std::string(7, 'x') + "\xFF";
  expect_invalid(validate_post(p), "body.password", "valid UTF-8");
}

TEST(Post, Utf8IsValidated) {
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
    ExperienceUserPost p = valid_post();
    p.first_name = bad;
    expect_invalid(validate_post(p), "body.firstName", "valid UTF-8");
  }
  ExperienceUserPost p = valid_post();
  p.first_name = "Zo\xC3\xAB \xF0\x9F\x98\x80";  // Zoë 😀
  EXPECT_FALSE(validate_post(p));
}

TEST(Post, NameLengths) {
  ExperienceUserPost p = valid_post();
  p.last_name = std::string(1025, 'x');
  expect_invalid(validate_post(p), "body.lastName", "at most 1024");
  p = valid_post();
  p.first_name = std::string(1025, 'x');
  expect_invalid(validate_post(p), "body.firstName", "at most 1024");
}

TEST(Post, TagRules) {
  ExperienceUserPost p = valid_post();
  p.user_tags = Tags{{"bad key", "v"}};
  expect_invalid(validate_post(p), "body.userTags[\"bad key\"]", "^[0-9a-zA-Z_-]{1,255}$");
  p.user_tags = Tags{{"", "v"}};
  expect_invalid(validate_post(p), "body.userTags[\"\"]", "tag keys");
  p.user_tags = Tags{{std::string(256, 'k'), "v"}};
  EXPECT_TRUE(validate_post(p).has_value());
  p.user_tags = Tags{{"k", ""}};
  expect_invalid(validate_post(p), "body.userTags.k", "1 to 255");
  p.user_tags = Tags{{"k", std::string(256, 'v')}};
  expect_invalid(validate_post(p), "body.userTags.k", "1 to 255");
}

TEST(Post, GroupIdRules) {
  ExperienceUserPost p = valid_post();
  p.experience_group_ids = std::vector<std::string>(1001, kId);
  expect_invalid(validate_post(p), "body.experienceGroupIds", "at most 1000");
  p.experience_group_ids = std::vector<std::string>{kId, "xyz"};
  expect_invalid(validate_post(p), "body.experienceGroupIds[1]", "24 hexadecimal");
}

TEST(Post, TokenCutoffYearRange) {
  ExperienceUserPost p = valid_post();
  p.token_cutoff = Timestamp(std::chrono::milliseconds(253402300800000));  // year 10000
  expect_invalid(validate_post(p), "body.tokenCutoff", "between years");
}

TEST(Patch, EmptyPatchIsValidAndFieldsAreChecked) {
  EXPECT_FALSE(validate_patch({}));
  ExperienceUserPatch p;
  p.email = "nope";
  expect_invalid(validate_patch(p), "body.email", "email address");
  p = {};
  p.password = "1234567";
  expect_invalid(validate_patch(p), "body.password", "8 to 2048");
  p = {};
  p.user_tags = Tags{};  // clearing tags is allowed
  p.experience_group_ids = std::vector<std::string>{};
  EXPECT_FALSE(validate_patch(p));
  p.experience_group_ids = std::vector<std::string>{"1"};
  expect_invalid(validate_patch(p), "body.experienceGroupIds[0]", "24 hexadecimal");
}

TEST(Query, PagingRules) {
  ListQuery q;
  EXPECT_FALSE(validate_query(q));
  q.page = -1;
  expect_invalid(validate_query(q), "query.page", "0 to 2147483647");
  q.page = std::numeric_limits<std::int64_t>::max();  // would overflow page arithmetic
  expect_invalid(validate_query(q), "query.page", "0 to 2147483647");
  q = {};
  q.per_page = 0;
  expect_invalid(validate_query(q), "query.perPage", "1 to 1000");
  q.per_page = 1001;
  expect_invalid(validate_query(q), "query.perPage", "1 to 1000");
  q.per_page = 1000;
  q.page = 0;
  EXPECT_FALSE(validate_query(q));
}

TEST(Query, FilterNeedsFilterField) {
  ListQuery q;
  q.filter = "a*";
  expect_invalid(validate_query(q), "query.filterField", "together");
  q = {};
  q.filter_field = FilterField::kEmail;
  expect_invalid(validate_query(q), "query.filter", "together");
  q.filter = "a*";
  EXPECT_FALSE(validate_query(q));
  q.filter = "\xFF";
  expect_invalid(validate_query(q), "query.filter", "UTF-8");
}

TEST(Query, GroupRules) {
  ListQuery q;
  q.experience_group = GroupFilter::parse("nope");
  expect_invalid(validate_query(q), "query.experienceGroupId", "`any`, `none` or 24 hexadecimal");
  q.experience_group = GroupFilter::any();
  EXPECT_FALSE(validate_query(q));
  q.include_ancestor_groups = true;
  expect_invalid(validate_query(q), "query.includeAncestorGroups", "requires a group id");
  q.experience_group = GroupFilter::group(kId);
  EXPECT_FALSE(validate_query(q));
  q.include_ancestor_groups = false;
  q.experience_group.reset();
  EXPECT_FALSE(validate_query(q));
}

// Each case validates its own named ClientOptions: assigning a temporary (`o = {}`) or passing
// one (`validate_options({})`) makes g++ 12 -O3 warn that the temporary's vector "may be used
// uninitialized" (a false positive, but a Release build with -Werror fails on it).
template <typename Change>
std::optional<Error> validate_changed(Change change) {
  ClientOptions options;
  change(options);
  return validate_options(options);
}

TEST(Options, DefaultsAreValid) {
  const ClientOptions defaults;
  EXPECT_FALSE(validate_options(defaults));
}

TEST(Options, InsecureHttpOnlyForLoopbackOrOptIn) {
  ClientOptions o;
  for (const char* ok : {"http://127.0.0.1:8080", "http://localhost", "http://[::1]:99/api",
                         "http://127.1.2.3", "https://example.com/", "HTTPS://x"}) {
    o.base_url = ok;
    if (std::string(ok).rfind("HTTPS", 0) == 0) continue;  // scheme is case-sensitive here
    EXPECT_FALSE(validate_options(o)) << ok;
  }
  for (const char* bad : {"http://example.com", "http://127.0.0.1.evil.com",
                          "http://localhost.evil", "http://128.0.0.1", "http://[::2]"}) {
    o.base_url = bad;
    expect_invalid(validate_options(o), "options.base_url", "http:// is refused");
  }
  o.base_url = "http://example.com";
  o.allow_insecure_http = true;
  EXPECT_FALSE(validate_options(o));
}

TEST(Options, MalformedUrls) {
  ClientOptions o;
  for (const char* bad :
       {"", "api.losant.com", "ftp://x", "https://", "https://u:p@host", "https://host/?q=1",
        "https://host/#f", "https://ho st", "https://host\r\nX: y"}) {
    o.base_url = bad;
    expect_invalid(validate_options(o), "options.base_url", "");
  }
}

TEST(Options, HeaderInjectionRefused) {
  auto e = validate_changed([](ClientOptions& o) { o.token = "abc\r\nX-Evil: 1"; });
  expect_invalid(e, "options.token", "CR or LF");
  EXPECT_EQ(e->to_string().find("abc"), std::string::npos);
  expect_invalid(validate_changed([](ClientOptions& o) { o.accept_version = "^1\n"; }),
                 "options.accept_version", "CR or LF");
  expect_invalid(validate_changed([](ClientOptions& o) { o.user_agent_suffix = "x\ry"; }),
                 "options.user_agent_suffix", "CR or LF");
  expect_invalid(validate_changed([](ClientOptions& o) { o.losant_domain = "a\nb"; }),
                 "options.losant_domain", "CR or LF");
}

TEST(Options, NumericRules) {
  using std::chrono::milliseconds;
  expect_invalid(validate_changed([](ClientOptions& o) { o.request_timeout = milliseconds(0); }),
                 "options.request_timeout", "positive");
  expect_invalid(validate_changed([](ClientOptions& o) { o.deadline = milliseconds(-1); }),
                 "options.deadline", "positive");
  expect_invalid(
      validate_changed([](ClientOptions& o) { o.curl.connect_timeout = milliseconds(0); }),
      "options.curl.connect_timeout", "positive");
  expect_invalid(validate_changed([](ClientOptions& o) { o.retry.max_attempts = 0; }),
                 "options.retry.max_attempts", ">= 1");
  expect_invalid(validate_changed([](ClientOptions& o) { o.retry.multiplier = 0.5; }),
                 "options.retry.multiplier", ">= 1");
  expect_invalid(validate_changed([](ClientOptions& o) { o.retry.max_backoff = milliseconds(1); }),
                 "options.retry", "backoffs");
  expect_invalid(validate_changed([](ClientOptions& o) { o.curl.max_response_bytes = 0; }),
                 "options.curl.max_response_bytes", "positive");
}

}  // namespace
}  // namespace losant::experience_users::internal
