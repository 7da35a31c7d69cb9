// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Bulk creation: many users, bounded concurrency, one outcome per input, nothing duplicated.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/export.hpp"

namespace losant::experience_users {

/// What happened to one input of ExperienceUsersClient::create_many().
enum class BulkOutcomeKind {
  /// The user exists now; `user_id` is set. Normally created by this call; after an ambiguous
  /// failure (the answer was lost) it is the user found by email, which a concurrent writer
  /// could in rare cases have created instead.
  kCreated,
  kSkipped,  ///< A user with this email already existed (the API said `AlreadyExists`).
  kFailed,   ///< Not created; `error` says why (invalid input, rejected, gave up).
};

/// The stable lower-case name: `created`, `skipped` or `failed`.
LOSANT_EU_EXPORT std::string_view to_string(BulkOutcomeKind kind) noexcept;

/// The outcome of one input, at the same index as the input.
struct BulkOutcome {
  BulkOutcomeKind kind = BulkOutcomeKind::kFailed;  ///< What happened.
  std::string email;                                ///< The input's email.
  std::optional<std::string> user_id;               ///< For kCreated: the new user's id.
  std::optional<Error> error;                       ///< For kFailed (and kSkipped: the API's).
  int attempts = 0;  ///< Create requests sent for this input (lookups not counted).
};

/// Progress of a bulk call, reported after each input is settled.
struct BulkProgress {
  std::size_t total = 0;    ///< Inputs in the call.
  std::size_t done = 0;     ///< Inputs settled so far (created + skipped + failed).
  std::size_t created = 0;  ///< kCreated so far.
  std::size_t skipped = 0;  ///< kSkipped so far.
  std::size_t failed = 0;   ///< kFailed so far.
};

/**
 * Settings of ExperienceUsersClient::create_many().
 *
 * Concurrency adapts to the server: a 429 or 503 halves the number of requests in flight (down
 * to one) and waits for `Retry-After` (or a backoff) before that input is tried again; each
 * success lets one more request fly again, up to `concurrency`.
 */
struct BulkCreateOptions {
  /// Most create requests in flight at once, 1..64.
  int concurrency = 8;
  /// Create requests per input before giving up on it (a lookup after an ambiguous failure
  /// does not count).
  int max_attempts_per_user = 5;
  /// Backoff after a throttling answer without `Retry-After`; doubles per attempt.
  std::chrono::milliseconds throttle_backoff{500};
  /// Called after each input is settled, from the thread that settled it, one call at a time.
  std::function<void(const BulkProgress&)> on_progress;
};

}  // namespace losant::experience_users
