// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The JSON writer (wire/json_writer.hpp) against the DOM encoder it replaced
// (support/json_oracle.hpp): byte-identical output for every file of the fuzz corpora, for
// every escape and every kind of invalid UTF-8, and for models with every shape of member.

#include "wire/json_writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "losant/experience_users/groups.hpp"
#include "losant/experience_users/json.hpp"
#include "support/json_oracle.hpp"
#include "unit/model_builders.hpp"
#include "wire/codec.hpp"

namespace losant::experience_users {
namespace {

std::string written(std::string_view text) {
  std::string out;
  internal::append_json_string(out, text);
  return out;
}

// Bytes that matter to the escaping and to UTF-8 validation: controls, the escaped ASCII,
// DEL, the edges of the continuation range and of each lead byte's second-byte range, and
// bytes that can never appear.
constexpr std::array<unsigned char, 30> kInteresting{
    0x00, 0x01, 0x08, 0x0A, 0x1F, 0x20, 0x22, 0x2F, 0x5C, 0x61, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
    0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};

TEST(JsonWriterStrings, EverySingleByte) {
  for (int b = 0; b < 256; ++b) {
    const std::string text(1, static_cast<char>(b));
    EXPECT_EQ(written(text), oracle::string_json(text)) << "byte " << b;
  }
}

TEST(JsonWriterStrings, ControlCharactersAndEscapes) {
  EXPECT_EQ(written("\"\\/\b\f\n\r\t"), R"("\"\\/\b\f\n\r\t")");
  EXPECT_EQ(written(std::string_view("\x00\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
  EXPECT_EQ(written(""), "\"\"");
}

TEST(JsonWriterStrings, EveryPairOfBytes) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string text{static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(written(text), oracle::string_json(text)) << "bytes " << a << " " << b;
    }
  }
}

TEST(JsonWriterStrings, SequencesOfInterestingBytes) {
  std::string text;
  for (unsigned char a : kInteresting) {
    for (unsigned char b : kInteresting) {
      for (unsigned char c : kInteresting) {
        for (unsigned char d : kInteresting) {
          text.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                       static_cast<char>(d)});
          ASSERT_EQ(written(text), oracle::string_json(text))
              << "bytes " << int{a} << " " << int{b} << " " << int{c} << " " << int{d};
        }
      }
    }
  }
}

TEST(JsonWriterStrings, InvalidUtf8OfEachKind) {
  const std::vector<std::string> cases{
      "\x80",  // a lone continuation byte
      "a\xBF\xBF"
      "b",                     // two of them: two replacements
      "\xC0\xAF",              // overlong '/' (C0 is never valid)
      "\xE0\x80\xAF",          // overlong, three bytes
      "\xF0\x80\x80\xAF",      // overlong, four bytes
      "\xED\xA0\x80",          // a surrogate (U+D800)
      "\xF4\x90\x80\x80",      // above U+10FFFF
      "\xF5\x80",              // a lead byte that never appears
      "\xE2\x82",              // cut short by the end
      "\xE2\x82x",             // cut short by ASCII, which is kept
      "\xF0\x9F\x98",          // a four-byte sequence cut short
      "\xE2\x82\xE2\x82\xAC",  // cut short by a new valid sequence (€), which is kept
      "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",  // valid: é € 😀
  };
  for (const std::string& text : cases) EXPECT_EQ(written(text), oracle::string_json(text));
  EXPECT_EQ(written("\xE2\x82x"), "\"\xEF\xBF\xBDx\"");
}

TEST(JsonWriterStrings, RandomStrings) {
  std::mt19937 engine(13);
  std::string text;
  for (int i = 0; i < 200000; ++i) {
    text.resize(engine() % 16);
    for (char& c : text) {
      // Half the bytes from the interesting ones, half from anywhere.
      c = static_cast<char>(engine() % 2 ? kInteresting[engine() % kInteresting.size()]
                                         : engine() % 256);
    }
    ASSERT_EQ(written(text), oracle::string_json(text));
  }
}

// --- models

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!(text << in.rdbuf())) return std::string();  // an empty file
  return text.str();
}

// Every file of every corpus, decoded as each model it may be; what decodes is encoded both
// ways, and what the writer wrote decodes back to the same model.
TEST(JsonWriterModels, EveryCorpusFileAsEveryModel) {
  std::size_t files = 0, compared = 0;
  for (const auto& dir : std::filesystem::directory_iterator(LOSANT_EU_CORPUS_DIR)) {
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      const auto text = read_file(file.path());
      ASSERT_TRUE(text) << file.path();
      ++files;
      SCOPED_TRACE(file.path().string());
      if (const auto user = internal::decode_user(*text)) {
        EXPECT_EQ(to_json(*user), oracle::to_json(*user));
        EXPECT_EQ(internal::decode_user(to_json(*user)).value(), *user);
        ++compared;
      }
      if (const auto page = internal::decode_users(*text)) {
        EXPECT_EQ(to_json(*page), oracle::to_json(*page));
        EXPECT_EQ(internal::decode_users(to_json(*page)).value(), *page);
        ++compared;
      }
      if (const auto post = parse_experience_user_post(*text)) {
        EXPECT_EQ(to_json(*post), oracle::to_json(*post));
        EXPECT_EQ(parse_experience_user_post(to_json(*post)).value(), *post);
        ++compared;
      }
      if (const auto result = internal::decode_delete_result(*text)) {
        EXPECT_EQ(to_json(*result), oracle::to_json(*result));
        ++compared;
      }
      if (const auto group = parse_experience_group(*text)) {
        EXPECT_EQ(to_json(*group), oracle::group_to_json(*group));
        ++compared;
      }
      if (const auto groups = parse_experience_groups(*text)) {
        EXPECT_EQ(to_json(*groups), oracle::groups_to_json(*groups));
        ++compared;
      }
    }
  }
  EXPECT_GT(files, 20u);
  EXPECT_GT(compared, 10u);
}

Timestamp at(std::int64_t millis) {
  return Timestamp(std::chrono::milliseconds(millis));
}

ExperienceUser full_user() {
  ExperienceUser u;
  u.id = "575ed78e7ae143cd83dc4aab";
  u.email = "z\xC3\xB6\xE9@example.com";  // é cut short: invalid
  u.experience_user_id = u.id;
  u.application_id = "575ec8687ae143cd83dc4a97";
  u.creation_date = at(0);
  u.last_updated = at(-1);                                      // 1969
  u.password_last_updated = at(253402300799999);                // 9999-12-31T23:59:59.999Z
  u.last_login = at(std::numeric_limits<std::int64_t>::max());  // beyond year 9999
  u.first_name = std::string("tab\there\nquote\"\x01", 16);
  u.last_name = "";
  u.avatar_url = "https://example.com/a/b.png";
  u.token_cutoff = at(std::numeric_limits<std::int64_t>::min());
  u.user_tags = Tags{{"", ""}, {"k\"ey", "v\\al"}, {"\xFF", "\xC3"}};
  ExperienceGroup nested = testing::embedded("g1", "Plant \"7\"", std::nullopt);
  nested.ancestor_ids = std::vector<std::string>{};
  nested.group_tags = Tags{};
  nested.creation_date = at(1465790400000);
  u.experience_groups = std::vector<ExperienceGroup>{
      nested, testing::embedded(std::nullopt, std::nullopt, std::nullopt),
      testing::embedded("g2", "", "g1")};
  return u;
}

TEST(JsonWriterModels, UsersWithEveryShapeOfMember) {
  ExperienceUser empty;
  EXPECT_EQ(to_json(empty), oracle::to_json(empty));
  EXPECT_EQ(to_json(empty), R"({"id":"","email":""})");
  const ExperienceUser user = full_user();
  EXPECT_EQ(to_json(user), oracle::to_json(user));
  ExperienceUser no_groups = user;
  no_groups.experience_groups = std::vector<ExperienceGroup>{};
  no_groups.user_tags = Tags{};
  EXPECT_EQ(to_json(no_groups), oracle::to_json(no_groups));

  std::string appended = "[";
  append_json(appended, user);
  EXPECT_EQ(appended, "[" + oracle::to_json(user));
}

TEST(JsonWriterModels, PagesBodiesAndResults) {
  ExperienceUsers page;
  EXPECT_EQ(to_json(page), oracle::to_json(page));
  page.items = {full_user(), ExperienceUser{}, full_user()};
  page.count = std::numeric_limits<std::int64_t>::min();
  page.total_count = std::numeric_limits<std::int64_t>::max();
  page.per_page = 0;
  page.page = -1;
  page.filter = "*\xE0\x80";
  page.sort_direction = "";
  page.experience_group_id = "g";
  EXPECT_EQ(to_json(page), oracle::to_json(page));

  ExperienceUserPost post;
  EXPECT_EQ(to_json(post), oracle::to_json(post));
  post.email = "a@b.c";
  post.password = "pa\"ss\\word\x7f";
  post.token_cutoff = at(1);
  post.user_tags = Tags{};
  post.experience_group_ids = std::vector<std::string>{"", "\x80"};
  EXPECT_EQ(to_json(post), oracle::to_json(post));
  EXPECT_EQ(internal::encode_post(post), oracle::to_json(post));

  ExperienceUserPatch patch;
  EXPECT_EQ(to_json(patch), "{}");
  EXPECT_EQ(to_json(patch), oracle::to_json(patch));
  patch.last_name = "x";
  patch.experience_group_ids = std::vector<std::string>{};
  EXPECT_EQ(internal::encode_patch(patch), oracle::to_json(patch));

  EXPECT_EQ(to_json(DeleteResult{true}), oracle::to_json(DeleteResult{true}));
  EXPECT_EQ(to_json(DeleteResult{false}), oracle::to_json(DeleteResult{false}));
}

TEST(JsonWriterModels, GroupsWithDeviceTagsAndCounts) {
  ExperienceGroup group = full_user().experience_groups->front();
  EXPECT_EQ(to_json(group), oracle::group_to_json(group));
  group.device_tags = std::vector<std::pair<std::string, std::string>>{{"a", "1"}, {"a", "\x01"}};
  group.device_query_json = R"({"$and":[]})";
  group.experience_user_ids = std::vector<std::string>{"u1", "u2"};
  group.direct_device_count = 3;
  group.total_device_count = -0.0;
  EXPECT_EQ(to_json(group), oracle::group_to_json(group));

  ExperienceGroups page;
  EXPECT_EQ(to_json(page), oracle::groups_to_json(page));
  page.items = {group, ExperienceGroup{}};
  page.count = 2;
  page.filter = "Plant*";
  EXPECT_EQ(to_json(page), oracle::groups_to_json(page));
}

TEST(JsonWriterModels, DeviceCountsOfEveryKind) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> counts{0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             0.5,
                             0.1,
                             1e-5,
                             123.456,
                             1e14,
                             1e15,
                             -1e15,
                             1e15 - 1,
                             1e300,
                             5e-324,
                             inf,
                             -inf,
                             std::nan(""),
                             9007199254740993.0,
                             999999999999999.0};
  std::mt19937_64 engine(13);
  for (int i = 0; i < 20000; ++i) {
    counts.push_back(static_cast<double>(engine() % 2000000) - 1000000.0);
    counts.push_back(static_cast<double>(engine() % 1000000000000000));
    double any = 0;
    const std::uint64_t bits = engine();
    std::memcpy(&any, &bits, sizeof any);
    counts.push_back(any);
  }
  for (const double count : counts) {
    ExperienceGroup group;
    group.direct_device_count = count;
    ASSERT_EQ(to_json(group), oracle::group_to_json(group)) << count;
  }
}

}  // namespace
}  // namespace losant::experience_users
