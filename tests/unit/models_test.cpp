// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Timestamps (format/parse) and model equality.

#include "losant/experience_users/models.hpp"
#include "unit/model_builders.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace losant::experience_users {
namespace {

using testing::embedded;

using std::chrono::milliseconds;

Timestamp at(std::int64_t millis) {
  return Timestamp(milliseconds(millis));
}

constexpr std::int64_t kJune13th2016 = 1465790400000;  // 2016-06-13T04:00:00.000Z

// --- format_timestamp

TEST(FormatTimestamp, WritesTheApiFormat) {
  EXPECT_EQ(format_timestamp(at(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(at(kJune13th2016)), "2016-06-13T04:00:00.000Z");
  EXPECT_EQ(format_timestamp(at(kJune13th2016 + 7)), "2016-06-13T04:00:00.007Z");
  EXPECT_EQ(format_timestamp(at(951782400000)), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(at(253402300799999)), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(at(-62167219200000)), "0000-01-01T00:00:00.000Z");
}

TEST(FormatTimestamp, HandlesInstantsBefore1970) {
  EXPECT_EQ(format_timestamp(at(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(at(-86400000)), "1969-12-31T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(at(-2208988800000)), "1900-01-01T00:00:00.000Z");
}

TEST(FormatTimestamp, IsTotalOverTheWholeRange) {
  // Outside 0000..9999 the output is not RFC 3339, but it must not crash or overflow.
  EXPECT_EQ(format_timestamp(at(-62167219200001)), "-0001-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(at(253402300800000)), "10000-01-01T00:00:00.000Z");
  EXPECT_FALSE(format_timestamp(Timestamp::min()).empty());
  EXPECT_FALSE(format_timestamp(Timestamp::max()).empty());
}

// --- parse_timestamp: valid input

TEST(ParseTimestamp, ParsesTheApiFormat) {
  EXPECT_EQ(parse_timestamp("2016-06-13T04:00:00.000Z"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00.000Z"), at(0));
  EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59.999Z"), at(-1));
  EXPECT_EQ(parse_timestamp("0000-01-01T00:00:00Z"), at(-62167219200000));
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59.999Z"), at(253402300799999));
}

TEST(ParseTimestamp, AcceptsLowerCaseSeparators) {
  EXPECT_EQ(parse_timestamp("2016-06-13t04:00:00.000z"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("2016-06-13t04:00:00Z"), at(kJune13th2016));
}

TEST(ParseTimestamp, FractionIsOptionalAndTruncatedToMilliseconds) {
  const std::vector<std::pair<std::string, std::int64_t>> cases = {
      {"2016-06-13T04:00:00Z", 0},
      {"2016-06-13T04:00:00.5Z", 500},
      {"2016-06-13T04:00:00.12Z", 120},
      {"2016-06-13T04:00:00.123Z", 123},
      {"2016-06-13T04:00:00.1234Z", 123},
      {"2016-06-13T04:00:00.12345Z", 123},
      {"2016-06-13T04:00:00.123456Z", 123},
      {"2016-06-13T04:00:00.1234567Z", 123},
      {"2016-06-13T04:00:00.12345678Z", 123},
      {"2016-06-13T04:00:00.123456789Z", 123},
      {"2016-06-13T04:00:00.999999999Z", 999},  // truncated, never rounded into the next second
      {"2016-06-13T04:00:00.000000000000000000001Z", 0},
  };
  for (const auto& [text, millis] : cases) {
    EXPECT_EQ(parse_timestamp(text), at(kJune13th2016 + millis)) << text;
  }
}

TEST(ParseTimestamp, AppliesOffsets) {
  EXPECT_EQ(parse_timestamp("2016-06-13T04:00:00+00:00"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("2016-06-13T04:00:00-00:00"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("2016-06-13T09:30:00+05:30"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("2016-06-12T20:00:00-08:00"), at(kJune13th2016));
  EXPECT_EQ(parse_timestamp("2016-06-13T04:00:00.250-01:00"), at(kJune13th2016 + 3600000 + 250));
  // Offsets that move the instant across a day, month and year boundary.
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00+01:00"), at(-3600000));
  EXPECT_EQ(parse_timestamp("1969-12-31T23:00:00-01:00"), at(0));
  EXPECT_EQ(parse_timestamp("2016-03-01T00:30:00+01:00"), parse_timestamp("2016-02-29T23:30:00Z"));
  EXPECT_EQ(parse_timestamp("2016-06-13T04:00:00+23:59"),
            at(kJune13th2016 - (23 * 60 + 59) * 60000));
}

TEST(ParseTimestamp, RefusesInstantsOutsideYears0000To9999InUtc) {
  // Such instants could not be formatted back as RFC 3339.
  EXPECT_EQ(parse_timestamp("0000-01-01T00:00:00+00:01"), std::nullopt);
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59.999-00:01"), std::nullopt);
  EXPECT_EQ(parse_timestamp("0000-01-01T00:01:00+00:01"), at(-62167219200000));
  EXPECT_EQ(parse_timestamp("9999-12-31T23:58:59.999-00:01"), at(253402300799999));
}

TEST(ParseTimestamp, KnowsLeapYears) {
  EXPECT_EQ(parse_timestamp("2016-02-29T00:00:00Z"), at(1456704000000));
  EXPECT_EQ(parse_timestamp("2000-02-29T00:00:00Z"), at(951782400000));   // divisible by 400
  EXPECT_EQ(parse_timestamp("2016-12-31T00:00:00Z"), at(1483142400000));  // day 366
  EXPECT_EQ(parse_timestamp("1900-02-29T00:00:00Z"), std::nullopt);       // divisible by 100
  EXPECT_EQ(parse_timestamp("2100-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2015-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2016-02-30T00:00:00Z"), std::nullopt);
}

TEST(ParseTimestamp, KnowsTheLengthOfEveryMonth) {
  const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int month = 1; month <= 12; ++month) {
    char last[32];
    char after[32];
    std::snprintf(last, sizeof last, "2015-%02d-%02dT12:00:00Z", month, days[month - 1]);
    std::snprintf(after, sizeof after, "2015-%02d-%02dT12:00:00Z", month, days[month - 1] + 1);
    EXPECT_TRUE(parse_timestamp(last).has_value()) << last;
    EXPECT_FALSE(parse_timestamp(after).has_value()) << after;
  }
}

// --- parse_timestamp: invalid input

TEST(ParseTimestamp, RefusesOutOfRangeFields) {
  for (const char* text :
       {"2016-00-13T04:00:00Z", "2016-13-13T04:00:00Z", "2016-06-00T04:00:00Z",
        "2016-06-31T04:00:00Z", "2016-06-32T04:00:00Z", "2016-06-13T24:00:00Z",
        "2016-06-13T24:00:00.000Z", "2016-06-13T23:60:00Z", "2016-06-13T23:59:60Z",
        "2016-06-13T04:00:00+24:00", "2016-06-13T04:00:00+05:60", "2016-06-13T99:99:99Z"}) {
    EXPECT_EQ(parse_timestamp(text), std::nullopt) << text;
  }
}

TEST(ParseTimestamp, RefusesMalformedText) {
  for (const char* text : {
           "",
           "Z",
           "2016",
           "2016-06-13",
           "2016-06-13T04:00",
           "2016-06-13T04:00:00",         // no zone
           "2016-06-13T04:00:00.Z",       // fraction without digits
           "2016-06-13T04:00:00.000",     // no zone
           "2016-06-13 04:00:00Z",        // space instead of T
           "2016-06-13X04:00:00Z",        //
           "16-06-13T04:00:00Z",          // two-digit year
           "+2016-06-13T04:00:00Z",       // signed year
           "2016-6-13T04:00:00Z",         // one-digit month
           "2016/06/13T04:00:00Z",        //
           "2016-06-13T4:00:00Z",         //
           "2016-06-13T04:00:00+0530",    // offset without colon
           "2016-06-13T04:00:00+05",      //
           "2016-06-13T04:00:00+5:30",    //
           "2016-06-13T04:00:00ZZ",       // trailing text
           "2016-06-13T04:00:00Z ",       //
           " 2016-06-13T04:00:00Z",       // leading space
           "2016-06-13T04:00:00.000Z\n",  //
           "2016-06-13T04:00:00,000Z",    // comma fraction
           "2016-06-13T04:00:00.-1Z",     //
           "2016-06-13T04:00:00.1e3Z",    //
           "abcd-ef-ghTij:kl:mnZ",        //
           "２０１６-06-13T04:00:00Z",    // full-width digits
       }) {
    EXPECT_EQ(parse_timestamp(text), std::nullopt) << text;
  }
  // Embedded NUL: the length is the string_view's, not strlen's.
  EXPECT_EQ(parse_timestamp(std::string_view("2016-06-13T04:00:00Z\0", 21)), std::nullopt);
  EXPECT_EQ(parse_timestamp(std::string_view("2016-06-13T04:00:00Z", 19)), std::nullopt);
}

// --- round trips

// The API's form (`...00.000Z`) has a one-pass reader; the same text with the offset written
// as +00:00 goes the general way. Both must agree on every date, valid or not.
TEST(ParseTimestamp, ApiFormAgreesWithTheGeneralReader) {
  std::mt19937 engine(2016);
  char text[32];
  for (int i = 0; i < 200000; ++i) {
    const auto field = [&](unsigned limit) { return static_cast<unsigned>(engine() % limit); };
    std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02u.%03u", field(10000), field(14),
                  field(33), field(26), field(62), field(62), field(1000));
    const std::string base(text);
    ASSERT_EQ(parse_timestamp(base + "Z"), parse_timestamp(base + "+00:00")) << base;
  }
  EXPECT_FALSE(parse_timestamp("2016-06-13T04:00:00.00aZ"));
  EXPECT_FALSE(parse_timestamp("2016-06-13 04:00:00.000Z"));
  EXPECT_FALSE(parse_timestamp("2016-06-13T04:00:00,000Z"));
  EXPECT_FALSE(parse_timestamp("+016-06-13T04:00:00.000Z"));
}

TEST(Timestamp, FormatThenParseGivesTheSameInstant) {
  std::mt19937_64 random(20160613);
  const std::int64_t first = -62167219200000;  // 0000-01-01
  const std::int64_t last = 253402300799999;   // 9999-12-31T23:59:59.999
  std::uniform_int_distribution<std::int64_t> millis(first, last);
  for (int i = 0; i < 100000; ++i) {
    const Timestamp t = at(millis(random));
    const std::string text = format_timestamp(t);
    ASSERT_EQ(parse_timestamp(text), t) << text;
  }
  for (const std::int64_t edge : {first, last, std::int64_t{0}, std::int64_t{-1}}) {
    EXPECT_EQ(parse_timestamp(format_timestamp(at(edge))), at(edge));
  }
}

TEST(Timestamp, EveryDayOfFourCenturiesRoundTrips) {
  // 400 years is one full Gregorian cycle: every leap-year rule is exercised.
  const std::int64_t day = 86400000;
  const Timestamp start = *parse_timestamp("1900-01-01T00:00:00Z");
  Timestamp previous = start - milliseconds(day);
  for (std::int64_t i = 0; i < 146097; ++i) {
    const Timestamp t = start + milliseconds(i * day);
    const std::string text = format_timestamp(t);
    ASSERT_EQ(parse_timestamp(text), t) << text;
    ASSERT_EQ(t - previous, milliseconds(day));
    previous = t;
  }
  EXPECT_EQ(format_timestamp(start + milliseconds(146097 * day)), "2300-01-01T00:00:00.000Z");
}

// --- equality

// Checks that `base` equals itself and differs from every variant made by one mutation.
template <typename Model>
void expect_each_member_compared(const Model& base,
                                 const std::vector<std::function<void(Model&)>>& mutations) {
  EXPECT_TRUE(base == base);
  EXPECT_FALSE(base != base);
  for (std::size_t i = 0; i < mutations.size(); ++i) {
    Model changed = base;
    mutations[i](changed);
    EXPECT_FALSE(base == changed) << "mutation " << i;
    EXPECT_TRUE(base != changed) << "mutation " << i;
  }
}

TEST(Equality, ExperienceGroupComparesEveryMember) {
  const ExperienceGroup base = embedded("575ef5c37ae143cd83dc4aac", "Admins", std::nullopt);
  expect_each_member_compared<ExperienceGroup>(
      base, {[](ExperienceGroup& g) { g.id = "x"; }, [](ExperienceGroup& g) { g.name = "x"; },
             [](ExperienceGroup& g) { g.parent_id = "575ef5c37ae143cd83dc4aac"; }});
}

TEST(Equality, ExperienceUserComparesEveryMember) {
  ExperienceUser base;
  base.id = "575ed78e7ae143cd83dc4aab";
  base.email = "a@example.com";
  expect_each_member_compared<ExperienceUser>(
      base, {
                [](ExperienceUser& u) { u.id = "x"; },
                [](ExperienceUser& u) { u.email = "x"; },
                [](ExperienceUser& u) { u.experience_user_id = ""; },
                [](ExperienceUser& u) { u.application_id = ""; },
                [](ExperienceUser& u) { u.creation_date = at(0); },
                [](ExperienceUser& u) { u.last_updated = at(0); },
                [](ExperienceUser& u) { u.password_last_updated = at(0); },
                [](ExperienceUser& u) { u.last_login = at(0); },
                [](ExperienceUser& u) { u.first_name = ""; },
                [](ExperienceUser& u) { u.last_name = ""; },
                [](ExperienceUser& u) { u.avatar_url = ""; },
                [](ExperienceUser& u) { u.token_cutoff = at(0); },
                [](ExperienceUser& u) { u.user_tags = Tags{}; },
                [](ExperienceUser& u) { u.experience_groups.emplace(); },
            });
}

TEST(Equality, ExperienceUsersComparesEveryMember) {
  const ExperienceUsers base;
  expect_each_member_compared<ExperienceUsers>(
      base, {
                [](ExperienceUsers& p) { p.items.emplace_back(); },
                [](ExperienceUsers& p) { p.count = 0; },
                [](ExperienceUsers& p) { p.total_count = 0; },
                [](ExperienceUsers& p) { p.per_page = 0; },
                [](ExperienceUsers& p) { p.page = 0; },
                [](ExperienceUsers& p) { p.filter = ""; },
                [](ExperienceUsers& p) { p.filter_field = ""; },
                [](ExperienceUsers& p) { p.sort_field = ""; },
                [](ExperienceUsers& p) { p.sort_direction = ""; },
                [](ExperienceUsers& p) { p.application_id = ""; },
                [](ExperienceUsers& p) { p.experience_group_id = ""; },
            });
}

TEST(Equality, ExperienceUserPostComparesEveryMember) {
  const ExperienceUserPost base{"a@example.com", "password1", {}, {}, {}, {}, {}};
  expect_each_member_compared<ExperienceUserPost>(
      base, {
                [](ExperienceUserPost& p) { p.email = "x"; },
                [](ExperienceUserPost& p) { p.password = "x"; },
                [](ExperienceUserPost& p) { p.first_name = ""; },
                [](ExperienceUserPost& p) { p.last_name = ""; },
                [](ExperienceUserPost& p) { p.token_cutoff = at(0); },
                [](ExperienceUserPost& p) { p.user_tags = Tags{}; },
                [](ExperienceUserPost& p) { p.experience_group_ids.emplace(); },
            });
}

TEST(Equality, ExperienceUserPatchComparesEveryMember) {
  const ExperienceUserPatch base;
  expect_each_member_compared<ExperienceUserPatch>(
      base, {
                [](ExperienceUserPatch& p) { p.email = ""; },
                [](ExperienceUserPatch& p) { p.password = ""; },
                [](ExperienceUserPatch& p) { p.first_name = ""; },
                [](ExperienceUserPatch& p) { p.last_name = ""; },
                [](ExperienceUserPatch& p) { p.token_cutoff = at(0); },
                [](ExperienceUserPatch& p) { p.user_tags = Tags{}; },
                [](ExperienceUserPatch& p) { p.experience_group_ids.emplace(); },
            });
}

TEST(Equality, DeleteResultComparesSuccess) {
  expect_each_member_compared<DeleteResult>(DeleteResult{true},
                                            {[](DeleteResult& r) { r.success = false; }});
}

TEST(Equality, AbsentIsNotEmpty) {
  ExperienceUser absent;
  ExperienceUser empty;
  empty.first_name = "";
  EXPECT_NE(absent, empty);
  empty.first_name.reset();
  empty.user_tags = Tags{};
  EXPECT_NE(absent, empty);
}

}  // namespace
}  // namespace losant::experience_users
