// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The text module (src/text/text.hpp): UTF-8, ASCII helpers and the one-line sanitiser.
#include "text/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace losant::experience_users::internal {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8, DecodesEachSequenceLength) {
  char32_t cp = 0;
  EXPECT_EQ(decode_utf8("A", 0, cp), 1u);
  EXPECT_EQ(cp, U'A');
  EXPECT_EQ(decode_utf8("\xC3\xA9", 0, cp), 2u);
  EXPECT_EQ(cp, U'\u00E9');
  EXPECT_EQ(decode_utf8("\xE2\x80\xAE", 0, cp), 3u);
  EXPECT_EQ(cp, U'\u202E');
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80", 0, cp), 4u);
  EXPECT_EQ(cp, U'\U0001F600');
}

TEST(Utf8, RefusesInvalidForms) {
  for (const std::string bad : {
           "\x80",              // stray continuation
           "\xC0\xAF",          // overlong two-byte
           "\xE0\x80\xAF",      // overlong three-byte
           "\xF0\x80\x80\xAF",  // overlong four-byte
           "\xED\xA0\x80",      // surrogate U+D800
           "\xF4\x90\x80\x80",  // past U+10FFFF
           "\xF5\x80\x80\x80",  // lead byte that never starts a sequence
           "\xE2\x82",          // truncated
           "\xC3(",             // bad continuation
       }) {
    SCOPED_TRACE(testing::PrintToString(bad));
    char32_t cp = 0;
    EXPECT_EQ(decode_utf8(bad, 0, cp), 0u);
    EXPECT_FALSE(utf8_length(bad).has_value());
    EXPECT_FALSE(is_valid_utf8(bad));
  }
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("Zo\xC3\xAB \xF0\x9F\x98\x80"), 5u);
  EXPECT_EQ(count_code_points("Zo\xC3\xAB \xF0\x9F\x98\x80"), 5u);
}

TEST(Ascii, CaseFoldingTrimAndControls) {
  EXPECT_TRUE(ascii_iequals("Content-Length", "content-LENGTH"));
  EXPECT_FALSE(ascii_iequals("abc", "abd"));
  EXPECT_FALSE(ascii_iequals("\xC3\xA9", "\xC3\x89"));  // ASCII only: é and É differ
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(trim(" \t value \t"), "value");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_TRUE(has_ascii_control("a\r\nb"));
  EXPECT_TRUE(has_ascii_control("a\x7F"));
  EXPECT_FALSE(has_ascii_control("plain \xC3\xA9 text"));
}

TEST(OneLine, LineBreaksAndTabsFoldIntoOneSpace) {
  EXPECT_EQ(one_line("line1\r\nline2\n\n\tline3"), "line1 line2 line3");
  EXPECT_EQ(one_line("a \n b"), "a b");
  EXPECT_EQ(one_line("a\xE2\x80\xA8"
                     "b\xC2\x85"
                     "c"),
            "a b c");  // U+2028, NEL
  EXPECT_EQ(one_line("two  spaces stay"), "two  spaces stay");
}

TEST(OneLine, ControlsBidiAndInvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(one_line("\x1b[31mred"), kFffd + "[31mred");  // ESC
  EXPECT_EQ(one_line("a\x7F"
                     "b"),
            "a" + kFffd + "b");  // DEL
  EXPECT_EQ(one_line("a\xC2\x9B"
                     "31m"),
            "a" + kFffd + "31m");                                              // C1 CSI
  EXPECT_EQ(one_line("user\xE2\x80\xAEgpj.exe"), "user" + kFffd + "gpj.exe");  // RLO
  EXPECT_EQ(one_line("\xE2\x81\xA6x\xE2\x81\xA9"), kFffd + "x" + kFffd);       // LRI, PDI
  EXPECT_EQ(one_line("a\xFF"
                     "b"),
            "a" + kFffd + "b");                                    // not UTF-8
  EXPECT_EQ(one_line(std::string("a\0b", 3)), "a" + kFffd + "b");  // NUL
  EXPECT_EQ(one_line("Se\xC3\xA1n \xF0\x9F\x98\x80"), "Se\xC3\xA1n \xF0\x9F\x98\x80");
  EXPECT_TRUE(is_valid_utf8(one_line("\xC3\x28\xE2\x28\xA1\xF0\x28\x8C\xBC")));
}

TEST(Excerpt, CutsAtTheLimitInCharactersAndMarksTheCut) {
  EXPECT_EQ(excerpt("short"), "short");
  EXPECT_EQ(excerpt(std::string(kExcerptLength, 'x')), std::string(kExcerptLength, 'x'));
  EXPECT_EQ(excerpt(std::string(kExcerptLength + 1, 'x')),
            std::string(kExcerptLength, 'x') + "...");
  // Never inside a UTF-8 sequence: three 2-byte characters cut to two.
  EXPECT_EQ(excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9...");
  // Sanitised before it is cut; folded whitespace at the end is not "something cut".
  EXPECT_EQ(excerpt("ab\r\n\r\n", 3), "ab ");
  EXPECT_EQ(excerpt("a\x1b"
                    "bc",
                    2),
            "a" + kFffd + "...");
}

}  // namespace
}  // namespace losant::experience_users::internal
