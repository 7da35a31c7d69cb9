// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Bulk calls: many creates, updates or deletes with bounded, adaptive concurrency, one outcome
/// per input, nothing lost or done twice; inputs from a vector or pulled from a source, so that
/// memory does not grow with their number.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"

namespace losant::experience_users {

/// What happened to one input of a bulk call (create_many(), update_many(), remove_many()).
enum class BulkOutcomeKind {
  /// create_many(): the user exists now; `user_id` is set. Normally created by this call;
  /// after an ambiguous failure (the answer was lost) it is the user found by email, which a
  /// concurrent writer could in rare cases have created instead.
  kCreated,
  /// create_many(): a user with this email already existed (the API said `AlreadyExists`);
  /// `error` holds that answer. See BulkOptions::look_up_existing for who holds it.
  kSkipped,
  kFailed,  ///< Not done; `error` says why (invalid input, rejected, gave up).
  /// update_many(): the user now has the patch's values; `user_id` and `email` are the
  /// updated user's.
  kUpdated,
  /// remove_many(): the user is gone. Either the delete answered success, or it answered 404
  /// after an earlier attempt that may have been applied (that attempt deleted it).
  kDeleted,
};

/// The stable lower-case name: `created`, `skipped`, `failed`, `updated` or `deleted`.
LOSANT_EU_EXPORT std::string_view to_string(BulkOutcomeKind kind) noexcept;

/// The outcome of one input.
struct BulkOutcome {
  BulkOutcomeKind kind = BulkOutcomeKind::kFailed;  ///< What happened.
  /// The input's position: 0 for the first input of the vector or the first the source gave.
  std::size_t index = 0;
  /// create_many(): the input's email. update_many(): the updated user's email (on failure:
  /// the patch's, if it sets one). remove_many(): empty.
  std::string email;
  /// kCreated: the new user's id. update_many() and remove_many(): the input's id.
  std::optional<std::string> user_id;
  std::optional<Error> error;  ///< For kFailed (and kSkipped: the API's answer).
  int attempts = 0;            ///< Requests sent for this input (lookups not counted).
  /// kSkipped with BulkOptions::look_up_existing: the user that holds the email (`user_id` is
  /// then its id). Unset when the lookup failed; `error` then says why.
  std::optional<ExperienceUser> existing;
};

/// Progress of a bulk call, reported after each input is settled.
struct BulkProgress {
  /// Inputs known: for a vector its size; for a source the inputs taken from it so far (the
  /// total once the source is exhausted).
  std::size_t total = 0;
  std::size_t done = 0;     ///< Inputs settled so far (the counts below added up).
  std::size_t created = 0;  ///< kCreated so far.
  std::size_t skipped = 0;  ///< kSkipped so far.
  std::size_t failed = 0;   ///< kFailed so far.
  std::size_t updated = 0;  ///< kUpdated so far.
  std::size_t deleted = 0;  ///< kDeleted so far.
};

/**
 * Settings of the bulk calls.
 *
 * Concurrency adapts to the server: a 429 or 503 halves the number of requests in flight (down
 * to one) and waits for `Retry-After` (or a backoff) before that input is tried again; each
 * success lets one more request fly again, up to `concurrency`.
 */
struct BulkOptions {
  /// Most requests in flight at once, 1..64. Also the most inputs a call holds at once.
  int concurrency = 8;
  /// Requests per input before giving up on it (a lookup after an ambiguous create does not
  /// count).
  int max_attempts_per_user = 5;
  /// Backoff after a throttling answer without `Retry-After`; doubles per attempt.
  std::chrono::milliseconds throttle_backoff{500};
  /// create_many(): look up the user that holds each skipped input's email (one filtered
  /// list request each, under the same throttle), so that a kSkipped outcome names it.
  bool look_up_existing = false;
  /// Called after each input is settled, from the thread that settled it, one call at a time.
  std::function<void(const BulkProgress&)> on_progress;
};

/// The name create_many() first had for BulkOptions.
using BulkCreateOptions = BulkOptions;

/// One input of update_many(): the user to change and what to change.
struct BulkUpdate {
  std::string user_id;        ///< The user's id (24 hex characters).
  ExperienceUserPatch patch;  ///< The fields to set; the others stay as they are.
};

/**
 * Where a streaming bulk call takes its inputs from: each call returns the next input, or
 * `std::nullopt` once there are no more (it is then not called again).
 *
 * Called one call at a time, from the bulk call's worker threads, only when a worker is free:
 * a call holds at most BulkOptions::concurrency inputs, whatever the number the source gives.
 * Must not throw. To stop early, return `std::nullopt`: inputs already taken are settled.
 */
template <typename T>
using BulkSource = std::function<std::optional<T>()>;

/**
 * Receives each input's outcome as soon as it is settled (so not in input order: see
 * BulkOutcome::index), one call at a time, from the thread that settled it. Must not throw.
 */
using BulkSink = std::function<void(BulkOutcome&&)>;

/**
 * A BulkSource over `[first, last)`, yielding a copy of each element in turn. The iterators
 * must stay valid until the bulk call returns.
 *
 * @code
 * std::list<ExperienceUserPost> users = ...;
 * client.create_many(app, source_of(users.begin(), users.end()), sink);
 * @endcode
 */
template <typename InputIt>
BulkSource<typename std::iterator_traits<InputIt>::value_type> source_of(InputIt first,
                                                                         InputIt last) {
  using T = typename std::iterator_traits<InputIt>::value_type;
  return [first, last]() mutable -> std::optional<T> {
    if (first == last) return std::nullopt;
    std::optional<T> next(*first);
    ++first;
    return next;
  };
}

}  // namespace losant::experience_users
