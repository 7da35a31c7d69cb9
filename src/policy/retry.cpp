// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "policy/retry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "losant/experience_users/models.hpp"
#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

using std::chrono::milliseconds;

// Longest wait a Retry-After may ask for; anything beyond is clamped (the deadline decides).
constexpr std::int64_t kMaxRetryAfterSeconds = 365LL * 24 * 3600;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Month abbreviation to "01".."12"; empty when unknown.
std::string_view month_number(std::string_view abbreviation) {
  constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  constexpr std::array<std::string_view, 12> kNumbers{"01", "02", "03", "04", "05", "06",
                                                      "07", "08", "09", "10", "11", "12"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == abbreviation) return kNumbers[i];
  }
  return {};
}

}  // namespace

// The three HTTP-date forms of RFC 9110 §5.6.7, rewritten as an ISO 8601 string so that one
// date parser (parse_timestamp) does the calendar arithmetic and range checks.
std::optional<Timestamp> parse_http_date(std::string_view s) {
  std::string day, month, year, time;
  const auto comma = s.find(',');
  if (comma != std::string_view::npos) {
    std::string_view rest = trim(s.substr(comma + 1));
    if (rest.size() == 24 && rest.substr(20) == " GMT" && rest[2] == ' ' && rest[6] == ' ' &&
        rest[11] == ' ') {
      // IMF-fixdate: "06 Nov 1994 08:49:37 GMT"
      day = rest.substr(0, 2), month = rest.substr(3, 3), year = rest.substr(7, 4);
      time = rest.substr(12, 8);
    } else if (rest.size() == 22 && rest.substr(18) == " GMT" && rest[2] == '-' && rest[6] == '-') {
      // RFC 850: "06-Nov-94 08:49:37 GMT"; two-digit years are 1970..2069 (RFC 9110 says
      // interpret as within 50 years of now; a fixed window keeps this deterministic).
      day = rest.substr(0, 2), month = rest.substr(3, 3);
      const std::string yy(rest.substr(7, 2));
      if (!all_digits(yy)) return std::nullopt;
      year = (std::stoi(yy) >= 70 ? "19" : "20") + yy;
      time = rest.substr(10, 8);
    } else {
      return std::nullopt;
    }
  } else if (s.size() == 24 && s[3] == ' ' && s[7] == ' ' && s[10] == ' ' && s[19] == ' ') {
    // asctime: "Sun Nov  6 08:49:37 1994"
    month = s.substr(4, 3);
    day = s[8] == ' ' ? "0" + std::string(1, s[9]) : std::string(s.substr(8, 2));
    time = s.substr(11, 8), year = s.substr(20, 4);
  } else {
    return std::nullopt;
  }
  const auto mm = month_number(month);
  if (mm.empty() || !all_digits(day) || !all_digits(year)) return std::nullopt;
  return parse_timestamp(year + "-" + std::string(mm) + "-" + day + "T" + time + "Z");
}

bool may_have_been_applied(const Error& e) noexcept {
  if (e.sent_more_than_once) return true;  // a first copy may have done it
  switch (e.kind) {
    case ErrorKind::kTransport:
    case ErrorKind::kTimeout:
    case ErrorKind::kMalformedResponse:
    case ErrorKind::kResponseTooLarge: return e.request_may_have_been_sent;
    case ErrorKind::kHttp:
      // 429 is a refusal to process; other 5xx and 408 may come after the work was done
      // (a proxy timing out, a crash after the write).
      return e.http_status >= 500 || e.http_status == 408;
    default: return false;
  }
}

bool is_retryable_status(const RetryOptions& retry, int status) noexcept {
  return std::find(retry.retry_statuses.begin(), retry.retry_statuses.end(), status) !=
         retry.retry_statuses.end();
}

bool should_retry(const Error& error, Idempotency idempotency) noexcept {
  if (!error.retryable) return false;
  return idempotency == Idempotency::kIdempotent || !error.request_may_have_been_sent;
}

milliseconds backoff_delay(const RetryOptions& retry, int retry_index, double random01) noexcept {
  const double initial = static_cast<double>(retry.initial_backoff.count());
  const double cap = static_cast<double>(retry.max_backoff.count());
  const double computed = std::min(cap, initial * std::pow(retry.multiplier, retry_index));
  // Capped at a year: a huge max_backoff must not overflow the conversion back to integers.
  constexpr double kMaxDelayMs = 365.0 * 24 * 3600 * 1000;
  const double jittered = std::min(kMaxDelayMs, std::clamp(random01, 0.0, 1.0) * computed);
  return milliseconds(static_cast<std::int64_t>(jittered));
}

std::optional<milliseconds> parse_retry_after(std::string_view value,
                                              std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (all_digits(value)) {
    std::int64_t seconds = 0;
    for (char c : value) {
      seconds = std::min(kMaxRetryAfterSeconds, seconds * 10 + (c - '0'));
    }
    return milliseconds(seconds * 1000);
  }
  const auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  // Subtract in milliseconds: converting a far-future date to system_clock's nanoseconds would
  // overflow (found by fuzz_retry_after).
  const milliseconds delta =
      when->time_since_epoch() - std::chrono::duration_cast<milliseconds>(now.time_since_epoch());
  return std::clamp(delta, milliseconds::zero(), milliseconds(kMaxRetryAfterSeconds * 1000));
}

}  // namespace losant::experience_users::internal
