// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "text.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "text/text.hpp"

namespace losant::emulator::detail {
namespace {

constexpr Millis kMillisPerSecond = 1000;
constexpr Millis kMillisPerMinute = 60 * kMillisPerSecond;
constexpr Millis kMillisPerHour = 60 * kMillisPerMinute;
constexpr Millis kMillisPerDay = 24 * kMillisPerHour;

using experience_users::internal::ascii_lower;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithms,
// valid for every date the emulator handles, negative days included).
constexpr std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year =
      static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// The earliest and latest instants with a four-digit year.
constexpr Millis kMinTimestamp = days_from_civil(0, 1, 1) * kMillisPerDay;
constexpr Millis kMaxTimestamp = days_from_civil(10000, 1, 1) * kMillisPerDay - 1;

// Reads exactly @p width digits at @p pos.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, unsigned* value) {
  if (pos + width > text.size()) return false;
  unsigned result = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!is_digit(text[i])) return false;
    result = result * 10 + static_cast<unsigned>(text[i] - '0');
  }
  *value = result;
  return true;
}

void append_padded(std::string& out, std::int64_t value, int width) {
  std::array<char, 24> digits{};
  int length = 0;
  do {
    digits[static_cast<std::size_t>(length++)] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = length; i < width; ++i) out.push_back('0');
  while (length > 0) out.push_back(digits[static_cast<std::size_t>(--length)]);
}

}  // namespace

bool is_object_id(std::string_view text) {
  return text.size() == 24 && std::all_of(text.begin(), text.end(), [](char c) {
           return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

std::string to_lower(std::string_view text) {
  return experience_users::internal::ascii_lowered(text);
}

bool iequals(std::string_view a, std::string_view b) {
  return experience_users::internal::ascii_iequals(a, b);
}

std::size_t utf8_length(std::string_view text) {
  return experience_users::internal::count_code_points(text);
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Greedy matching with backtracking to the last `*` only: linear for patterns with one `*`,
  // O(pattern × text) at worst, never exponential.
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = kNone;
  std::size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && ascii_lower(pattern[p]) == ascii_lower(text[t])) {
      ++p;
      ++t;
    } else if (star != kNone) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void append_timestamp(std::string& out, Millis time) {
  time = std::clamp(time, kMinTimestamp, kMaxTimestamp);
  // Floor division, so that instants before 1970 format correctly too.
  Millis days = time / kMillisPerDay;
  Millis rest = time % kMillisPerDay;
  if (rest < 0) {
    rest += kMillisPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  append_padded(out, date.year, 4);
  out.push_back('-');
  append_padded(out, date.month, 2);
  out.push_back('-');
  append_padded(out, date.day, 2);
  out.push_back('T');
  append_padded(out, rest / kMillisPerHour, 2);
  out.push_back(':');
  append_padded(out, rest % kMillisPerHour / kMillisPerMinute, 2);
  out.push_back(':');
  append_padded(out, rest % kMillisPerMinute / kMillisPerSecond, 2);
  out.push_back('.');
  append_padded(out, rest % kMillisPerSecond, 3);
  out.push_back('Z');
}

std::string format_timestamp(Millis time) {
  std::string out;
  out.reserve(24);
  append_timestamp(out, time);
  return out;
}

std::optional<Millis> parse_timestamp(std::string_view text) {
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  if (!read_digits(text, 0, 4, &year) || text.size() < 20 || text[4] != '-' ||
      !read_digits(text, 5, 2, &month) || text[7] != '-' || !read_digits(text, 8, 2, &day) ||
      (text[10] != 'T' && text[10] != 't') || !read_digits(text, 11, 2, &hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, &minute) || text[16] != ':' || !read_digits(text, 17, 2, &second)) {
    return std::nullopt;
  }
  // RFC 3339 allows a leap second (60); it simply rolls over into the next minute here.
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  Millis fraction = 0;
  if (text[pos] == '.') {
    const std::size_t first = ++pos;
    Millis scale = 100;
    while (pos < text.size() && is_digit(text[pos])) {
      fraction += scale * (text[pos] - '0');
      scale /= 10;
      ++pos;
    }
    if (pos == first) return std::nullopt;
  }
  Millis offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    unsigned offset_hours = 0;
    unsigned offset_minutes = 0;
    if (!read_digits(text, pos + 1, 2, &offset_hours) || pos + 3 >= text.size() ||
        text[pos + 3] != ':' || !read_digits(text, pos + 4, 2, &offset_minutes) ||
        offset_hours > 23 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset = (text[pos] == '+' ? 1 : -1) * (static_cast<Millis>(offset_hours) * kMillisPerHour +
                                            offset_minutes * kMillisPerMinute);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const Millis local = days_from_civil(year, month, day) * kMillisPerDay + hour * kMillisPerHour +
                       minute * kMillisPerMinute + second * kMillisPerSecond + fraction;
  const Millis utc = local - offset;
  if (utc < kMinTimestamp || utc > kMaxTimestamp) return std::nullopt;
  return utc;
}

Millis now_millis() {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  return duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

}  // namespace losant::emulator::detail
