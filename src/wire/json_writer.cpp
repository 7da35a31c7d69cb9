// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The JSON writer's string escaping and number formatting (wire/json_writer.hpp).
#include "wire/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "wire/timestamp.hpp"

namespace losant::experience_users::internal {
namespace {

// What a byte needs when it appears in a string.
enum ByteClass : unsigned char {
  kCopy,     // printable ASCII other than `"` and `\`: copied
  kEscape,   // a control character, `"` or `\`
  kNonAscii  // the first byte of a UTF-8 sequence (or not valid UTF-8 at all)
};

constexpr std::array<unsigned char, 256> kByteClasses = [] {
  std::array<unsigned char, 256> classes{};
  for (std::size_t b = 0; b < classes.size(); ++b) {
    if (b < 0x20 || b == '"' || b == '\\') {
      classes[b] = kEscape;
    } else if (b >= 0x80) {
      classes[b] = kNonAscii;
    } else {
      classes[b] = kCopy;
    }
  }
  return classes;
}();

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
  out.append(escape, sizeof escape);
}

constexpr bool in(unsigned char c, unsigned char low, unsigned char high) noexcept {
  return c >= low && c <= high;
}

// The UTF-8 sequence starting at p[0] (a byte >= 0x80): its length when the bytes up to `end`
// form a valid sequence (well-formed, shortest form, no surrogate, at most U+10FFFF), otherwise
// 0 with `consumed` set to how many bytes the one U+FFFD replaces: the lead byte and the
// continuation bytes that were acceptable before the first that was not (or the end).
std::size_t valid_sequence(const unsigned char* p, const unsigned char* end,
                           std::size_t& consumed) noexcept {
  const unsigned char lead = p[0];
  std::size_t length = 0;
  unsigned char second_low = 0x80, second_high = 0xBF;  // the second byte's range
  if (in(lead, 0xC2, 0xDF)) {
    length = 2;
  } else if (in(lead, 0xE0, 0xEF)) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;   // shorter forms are overlong
    if (lead == 0xED) second_high = 0x9F;  // U+D800..U+DFFF are surrogates
  } else if (in(lead, 0xF0, 0xF4)) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;   // overlong
    if (lead == 0xF4) second_high = 0x8F;  // above U+10FFFF
  } else {
    consumed = 1;  // a continuation byte, C0/C1 (always overlong) or F5..FF
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char low = i == 1 ? second_low : 0x80;
    const unsigned char high = i == 1 ? second_high : 0xBF;
    if (p + i == end || !in(p[i], low, high)) {
      consumed = i;
      return 0;
    }
  }
  return length;
}

// Eight bytes as one word (the order of the bytes in it does not matter below).
std::uint64_t load8(const unsigned char* p) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Whether any byte of `word` is not kCopy: below 0x20, `"`, `\` or 0x80 and above. The usual
// word-at-a-time tests: (x - 0x01..) & ~x & 0x80.. has the high bit set in (at least) the
// lowest byte of x that is zero, and is zero when no byte is; x ^ 0x22.. is zero where x has a
// `"`. The tests for `"`, `\` and < 0x20 may also flag a byte >= 0x80, which needs work anyway.
constexpr bool needs_work(std::uint64_t word) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  const auto has_zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return ((word & kHighs) | below_space | has_zero_byte(word ^ (kOnes * '"')) |
          has_zero_byte(word ^ (kOnes * '\\'))) != 0;
}

static_assert(!needs_work(0x6162636465666768));  // "abcdefgh"
static_assert(needs_work(0x6162636465666722) && needs_work(0x5C62636465666768));
static_assert(needs_work(0x616263646566671F) && needs_work(0x6162636465666780));
static_assert(needs_work(0x0062636465666768) && !needs_work(0x2062636465666768));

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  const auto* run = p;  // the start of the bytes to be copied as they are
  const auto flush = [&](const unsigned char* to) {
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(to - run));
  };
  while (p != end) {
    // Eight plain bytes at a time (most strings are ids, emails and names in ASCII).
    while (end - p >= 8 && !needs_work(load8(p))) p += 8;
    if (p == end) break;
    switch (kByteClasses[*p]) {
      case kCopy: ++p; break;
      case kEscape:
        flush(p);
        append_escape(out, *p);
        run = ++p;
        break;
      default: {
        std::size_t consumed = 0;
        if (const std::size_t length = valid_sequence(p, end, consumed)) {
          p += length;
        } else {
          flush(p);
          out += kReplacement;
          run = p += consumed;
        }
        break;
      }
    }
  }
  flush(end);
  out += '"';
}

void JsonWriter::value(std::int64_t number) {
  separate();
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out_.append(digits.data(), result.ptr);
}

void JsonWriter::value(Timestamp time) {
  separate();
  std::array<char, kTimestampBufferSize + 2> text{};
  text[0] = '"';
  const std::size_t length = write_timestamp(text.data() + 1, time);
  text[length + 1] = '"';
  out_.append(text.data(), length + 2);  // digits and -:.TZ need no escaping
}

void JsonWriter::value(const Tags& tags) {
  begin_object();
  for (const auto& [name, text] : tags) {
    key(name);  // from the data: escaped
    value(text);
  }
  end_object();
}

void JsonWriter::value(const std::vector<std::string>& strings) {
  begin_array();
  for (const std::string& text : strings) value(text);
  end_array();
}

bool JsonWriter::number(double number) {
  if (!std::isfinite(number)) {
    separate();
    out_ += "null";
    return true;
  }
  constexpr double kLimit = 1e15;  // nlohmann writes 1e15 and above with an exponent
  if (std::fabs(number) >= kLimit || std::trunc(number) != number) return false;
  separate();
  if (std::signbit(number)) out_ += '-';  // -0.0 too
  std::array<char, 24> digits{};
  const auto whole = static_cast<std::int64_t>(std::fabs(number));
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), whole);
  out_.append(digits.data(), result.ptr);
  out_ += ".0";
  return true;
}

}  // namespace losant::experience_users::internal
