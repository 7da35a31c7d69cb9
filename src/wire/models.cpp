// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Timestamps and model equality.
//
// The date-time parser and formatter are written by hand rather than with std::get_time,
// strftime or <iomanip>: those depend on the global locale, allocate, are slow, and (for
// strptime/timegm) are not portable. Dates are converted with Howard Hinnant's
// days_from_civil / civil_from_days algorithms
// (http://howardhinnant.github.io/date_algorithms.html), which are exact for the proleptic
// Gregorian calendar and need no tables.

#include "losant/experience_users/models.hpp"

#include <array>
#include <cstdint>

#include "wire/schema.hpp"
#include "wire/timestamp.hpp"

namespace losant::experience_users {
namespace {

constexpr std::int64_t kMillisPerSecond = 1000;
constexpr std::int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr std::int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr std::int64_t kMillisPerDay = 24 * kMillisPerHour;

// Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m in 1..12, d in 1..31).
// Eras are 400-year cycles, which makes the computation branch-free apart from the sign fix.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;  // the computation counts years from March, so Jan/Feb belong to y-1
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// The inverse of days_from_civil.
constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return {y, m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3);

// The instants RFC 3339 can write in UTC: 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z.
constexpr std::int64_t kFirstFormattable = days_from_civil(0, 1, 1) * kMillisPerDay;
constexpr std::int64_t kLastFormattable = days_from_civil(10000, 1, 1) * kMillisPerDay - 1;

constexpr bool is_leap_year(unsigned y) noexcept {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned days_in_month(unsigned y, unsigned m) noexcept {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// A cursor over the text being parsed. Every read checks bounds, so a short or garbled input
// simply fails; nothing here can read past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view text) noexcept : text_(text) {}

  bool at_end() const noexcept { return pos_ == text_.size(); }

  // Reads exactly `n` ASCII digits as a number.
  bool digits(std::size_t n, unsigned& out) noexcept {
    if (text_.size() - pos_ < n) return false;
    unsigned value = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos_ += n;
    out = value;
    return true;
  }

  // Consumes `c` (or, when given, its alternative spelling) if it comes next.
  bool accept(char c, char alternative = '\0') noexcept {
    if (at_end()) return false;
    const char next = text_[pos_];
    if (next != c && (alternative == '\0' || next != alternative)) return false;
    ++pos_;
    return true;
  }

  // Reads one or more digits of a decimal fraction and returns its first three as
  // milliseconds: ".5" is 500 ms, ".123456789" is 123 ms (the rest is truncated, not rounded,
  // so a time never moves into the next second).
  bool fraction_millis(unsigned& out) noexcept {
    const std::size_t start = pos_;
    unsigned millis = 0;
    unsigned scale = 100;
    while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      millis += scale * static_cast<unsigned>(text_[pos_] - '0');
      scale /= 10;
      ++pos_;
    }
    out = millis;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Writes `value` as exactly `width` digits, zero-padded, at `out`; returns the end.
char* write_digits(char* out, std::uint64_t value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

namespace internal {

std::size_t write_timestamp(char* const buffer, Timestamp t) noexcept {
  const std::int64_t millis = t.time_since_epoch().count();
  // Split into a day and a time of day that is never negative, also before 1970 (truncating
  // division rounds towards zero). Done without multiplying back, which could overflow near
  // Timestamp::min().
  std::int64_t days = millis / kMillisPerDay;
  std::int64_t in_day = millis % kMillisPerDay;
  if (in_day < 0) {
    in_day += kMillisPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);

  // Years outside 0000..9999 cannot be written in RFC 3339; they are written with a sign and
  // as many digits as needed (ISO 8601 expanded style), which parse_timestamp refuses. The API
  // never produces such dates; this only keeps the function total.
  char* out = buffer;
  std::int64_t year = date.year;
  if (year < 0) {
    *out++ = '-';
    year = -year;
  }
  int year_width = 4;
  for (std::int64_t y = year; y >= 10000; y /= 10) ++year_width;
  out = write_digits(out, static_cast<std::uint64_t>(year), year_width);
  *out++ = '-';
  out = write_digits(out, date.month, 2);
  *out++ = '-';
  out = write_digits(out, date.day, 2);
  *out++ = 'T';
  out = write_digits(out, static_cast<std::uint64_t>(in_day / kMillisPerHour), 2);
  in_day %= kMillisPerHour;
  *out++ = ':';
  out = write_digits(out, static_cast<std::uint64_t>(in_day / kMillisPerMinute), 2);
  in_day %= kMillisPerMinute;
  *out++ = ':';
  out = write_digits(out, static_cast<std::uint64_t>(in_day / kMillisPerSecond), 2);
  *out++ = '.';
  out = write_digits(out, static_cast<std::uint64_t>(in_day % kMillisPerSecond), 3);
  *out++ = 'Z';
  return static_cast<std::size_t>(out - buffer);
}

}  // namespace internal

std::string format_timestamp(Timestamp t) {
  std::array<char, internal::kTimestampBufferSize> buffer{};
  return std::string(buffer.data(), internal::write_timestamp(buffer.data(), t));
}

namespace {

// The form the API always sends, `2016-06-13T04:00:00.000Z`, read in one pass: nullopt when
// the text is not exactly of that shape (parse_timestamp then reads it the general way), or is
// of that shape with a field out of range (which the general way refuses too).
std::optional<std::optional<Timestamp>> parse_api_form(std::string_view text) noexcept {
  constexpr std::size_t kLength = 24;  // 2016-06-13T04:00:00.000Z
  if (text.size() != kLength || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  bool digits = true;
  // The `width` digits at `at` as a number; clears `digits` if one is not a digit.
  const auto number = [&](std::size_t at, std::size_t width) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
      const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
      digits &= digit <= 9;
      value = value * 10 + digit;
    }
    return value;
  };
  const unsigned year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const unsigned hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  const unsigned millis = number(20, 3);
  if (!digits) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::optional<Timestamp>();
  }
  // Years 0000..9999 in UTC are all formattable: no range check needed.
  return Timestamp(std::chrono::milliseconds(days_from_civil(year, month, day) * kMillisPerDay +
                                             hour * kMillisPerHour + minute * kMillisPerMinute +
                                             second * kMillisPerSecond + millis));
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (const auto api_form = parse_api_form(text)) return *api_form;
  Cursor in(text);
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!(in.digits(4, year) && in.accept('-') && in.digits(2, month) && in.accept('-') &&
        in.digits(2, day) && in.accept('T', 't') && in.digits(2, hour) && in.accept(':') &&
        in.digits(2, minute) && in.accept(':') && in.digits(2, second))) {
    return std::nullopt;
  }
  if (in.accept('.') && !in.fraction_millis(millis)) return std::nullopt;

  // 24:00 and leap seconds (:60) are refused: neither is representable as a distinct instant
  // of a std::chrono clock, and the API never sends them.
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }

  std::int64_t offset_millis = 0;
  if (!in.accept('Z', 'z')) {
    int sign = 0;
    if (in.accept('+')) {
      sign = 1;
    } else if (in.accept('-')) {
      sign = -1;
    } else {
      return std::nullopt;
    }
    unsigned offset_hours = 0, offset_minutes = 0;
    if (!(in.digits(2, offset_hours) && in.accept(':') && in.digits(2, offset_minutes)) ||
        offset_hours > 23 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset_millis = sign * (offset_hours * kMillisPerHour + offset_minutes * kMillisPerMinute);
  }
  if (!in.at_end()) return std::nullopt;

  // The local time minus its offset is UTC.
  const std::int64_t millis_since_epoch = days_from_civil(year, month, day) * kMillisPerDay +
                                          hour * kMillisPerHour + minute * kMillisPerMinute +
                                          second * kMillisPerSecond + millis - offset_millis;
  // An offset can move an instant out of 0000..9999 (`0000-01-01T00:00:00+01:00` is in year
  // -1 in UTC). Such an instant could not be formatted back, so it is refused: every parsed
  // timestamp round-trips through format_timestamp.
  if (millis_since_epoch < kFirstFormattable || millis_since_epoch > kLastFormattable) {
    return std::nullopt;
  }
  return Timestamp(std::chrono::milliseconds(millis_since_epoch));
}

// Equality compares every member of the model's field table (wire/schema.hpp).

bool operator==(const ExperienceGroup& a, const ExperienceGroup& b) {
  // deviceTags and the device counts have no field-table type (pairs, numbers); compared here.
  return internal::equal_fields(a, b) && a.device_tags == b.device_tags &&
         a.direct_device_count == b.direct_device_count &&
         a.total_device_count == b.total_device_count;
}
bool operator==(const ExperienceUser& a, const ExperienceUser& b) {
  return internal::equal_fields(a, b);
}
bool operator==(const ExperienceUsers& a, const ExperienceUsers& b) {
  return internal::equal_fields(a, b);
}
bool operator==(const ExperienceUserPost& a, const ExperienceUserPost& b) {
  return internal::equal_fields(a, b);
}
bool operator==(const ExperienceUserPatch& a, const ExperienceUserPatch& b) {
  return internal::equal_fields(a, b);
}
bool operator==(const DeleteResult& a, const DeleteResult& b) {
  return internal::equal_fields(a, b);
}

}  // namespace losant::experience_users
