// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "policy/retry.hpp"

#include <gtest/gtest.h>

namespace losant::experience_users::internal {
namespace {

using std::chrono::milliseconds;

std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

TEST(Backoff, GrowsByMultiplierUpToTheCap) {
  RetryOptions r;
  r.initial_backoff = milliseconds(100);
  r.max_backoff = milliseconds(1000);
  r.multiplier = 3.0;
  // random01 just below 1 gives (almost) the full computed delay.
  EXPECT_EQ(backoff_delay(r, 0, 0.999999), milliseconds(99));
  EXPECT_EQ(backoff_delay(r, 1, 0.999999), milliseconds(299));
  EXPECT_EQ(backoff_delay(r, 2, 0.999999), milliseconds(899));
  EXPECT_EQ(backoff_delay(r, 3, 0.999999), milliseconds(999));
  EXPECT_EQ(backoff_delay(r, 30, 0.999999), milliseconds(999));
}

TEST(Backoff, HugeBackoffsAreClampedWithoutOverflow) {
  RetryOptions r;
  r.initial_backoff = milliseconds::max() / 2;
  r.max_backoff = milliseconds::max();
  EXPECT_EQ(backoff_delay(r, 60, 0.999999),
            milliseconds(static_cast<std::int64_t>(365.0 * 24 * 3600 * 1000)));
}

TEST(Backoff, FullJitterScalesUniformly) {
  RetryOptions r;
  r.initial_backoff = milliseconds(1000);
  r.max_backoff = milliseconds(10000);
  r.multiplier = 2.0;
  EXPECT_EQ(backoff_delay(r, 0, 0.0), milliseconds(0));
  EXPECT_EQ(backoff_delay(r, 0, 0.5), milliseconds(500));
  EXPECT_EQ(backoff_delay(r, 2, 0.25), milliseconds(1000));
}

TEST(RetryAfter, DelaySeconds) {
  EXPECT_EQ(parse_retry_after("0", at(0)), milliseconds(0));
  EXPECT_EQ(parse_retry_after("120", at(0)), milliseconds(120000));
  EXPECT_EQ(parse_retry_after("  7 ", at(0)), milliseconds(7000));
  // Absurd values are clamped (to a year) instead of overflowing.
  EXPECT_EQ(parse_retry_after("99999999999999999999999", at(0)),
            milliseconds(365LL * 24 * 3600 * 1000));
}

TEST(RetryAfter, HttpDateForms) {
  const auto now = at(784111777 - 30);  // 30 s before Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(30000));
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), milliseconds(30000));
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), milliseconds(30000));
}

TEST(RetryAfter, PastDateIsZero) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at(2000000000)), milliseconds(0));
}

TEST(RetryAfter, FarFutureDateIsClampedWithoutOverflow) {
  // Found by fuzz_retry_after: year 6747 overflowed a nanosecond subtraction.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 6747 08:49:37 GMT", at(0)),
            milliseconds(365LL * 24 * 3600 * 1000));
}

TEST(RetryAfter, GarbageIsRejected) {
  for (const char* bad : {"", "soon", "-5", "1.5", "Sun, 06 Nov 1994 08:49:37 PST",
                          "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 25:49:37 GMT", "Sun Nov  6 08:49:37 19x4"}) {
    EXPECT_EQ(parse_retry_after(bad, at(0)), std::nullopt) << bad;
  }
}

TEST(ShouldRetry, IdempotentCallsRetryRetryableErrors) {
  Error e;
  e.retryable = true;
  e.request_may_have_been_sent = true;
  EXPECT_TRUE(should_retry(e, Idempotency::kIdempotent));
  EXPECT_FALSE(
      should_retry(e, Idempotency::kNonIdempotent));  // a create that may have reached the server
  e.request_may_have_been_sent = false;
  EXPECT_TRUE(should_retry(e, Idempotency::kNonIdempotent));  // a create that certainly never left
  e.retryable = false;
  EXPECT_FALSE(should_retry(e, Idempotency::kIdempotent));
}

TEST(RetryStatuses, DefaultList) {
  RetryOptions r;
  for (int s : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(r, s)) << s;
  for (int s : {400, 401, 403, 404, 409, 501, 505}) EXPECT_FALSE(is_retryable_status(r, s)) << s;
}

}  // namespace
}  // namespace losant::experience_users::internal
