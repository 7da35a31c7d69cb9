// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The retry policy's pure parts: which failures are worth repeating, how long to wait, and
// what a Retry-After header asks for. The loop itself is in client.cpp.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/options.hpp"

namespace losant::experience_users::internal {

// Whether sending a request twice has the same effect as sending it once: true of GET, PATCH
// (it sets the given values) and DELETE; not of a create (POST), whose repeat would be refused
// as AlreadyExists after a create that worked.
enum class Idempotency { kIdempotent, kNonIdempotent };

// Whether a failed attempt may be repeated: a retryable error, and either an idempotent request
// or one that certainly never reached the server.
bool should_retry(const Error& error, Idempotency idempotency) noexcept;

// Whether RetryOptions lists @p status.
bool is_retryable_status(const RetryOptions& retry, int status) noexcept;

// The delay before retry number @p retry_index (0 for the first retry): full jitter over
// min(max_backoff, initial_backoff * multiplier^retry_index). @p random01 is in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryOptions& retry, int retry_index,
                                        double random01) noexcept;

// Whether the server may have applied a request although its attempt failed with @p e: the
// request may have arrived and the answer says neither "done" nor "rejected" (a dropped
// connection or timeout after sending, a malformed answer, 408 or a 5xx other than a refusal),
// or the transport sent it more than once (a first copy may have been applied before any answer).
bool may_have_been_applied(const Error& e) noexcept;

// An HTTP-date (IMF-fixdate, RFC 850 or asctime form, RFC 9110 section 5.6.7); nullopt when
// @p text is none of them.
std::optional<Timestamp> parse_http_date(std::string_view text);

// A Retry-After value: delay-seconds, or an HTTP-date (IMF-fixdate, RFC 850 or asctime form)
// relative to @p now (a past date gives zero). nullopt when it is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace losant::experience_users::internal
