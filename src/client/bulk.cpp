// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// create_many(): worker threads share one client (and so one connection pool); a Throttle
// bounds and adapts the requests in flight; each input is settled by settle_one(), which never
// sends a create again after an ambiguous failure without first looking the email up.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

#include "client/lookup.hpp"
#include "losant/experience_users/client.hpp"
#include "policy/retry.hpp"
#include "policy/validation.hpp"

namespace losant::experience_users {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kMaxConcurrency = 64;
// Cap on one throttling pause, whatever the deadline (which may be "forever").
constexpr std::int64_t kMaxPauseMs = 24LL * 3600 * 1000;

// Additive-increase / multiplicative-decrease limit on requests in flight, plus a pause that
// throttling answers (429, 503) impose on everyone.
class Throttle {
 public:
  explicit Throttle(int max) : max_(max), limit_(max) {}

  void acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      if (Clock::now() < resume_at_) {
        cv_.wait_until(lock, resume_at_);
      } else if (in_flight_ < limit_) {
        ++in_flight_;
        return;
      } else {
        cv_.wait(lock);
      }
    }
  }
  // Ends a request; `throttled_for` is set when the server asked everyone to slow down.
  void release(std::optional<milliseconds> throttled_for) {
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
    if (throttled_for) {
      limit_ = std::max(1, limit_ / 2);
      successes_ = 0;
      resume_at_ = std::max(resume_at_, Clock::now() + *throttled_for);
    } else if (limit_ < max_ && ++successes_ >= limit_) {
      ++limit_;  // one more in flight after a full window without throttling
      successes_ = 0;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  const int max_;
  int limit_;
  int in_flight_ = 0;
  int successes_ = 0;
  Clock::time_point resume_at_{};
};

bool is_throttling(const Error& e) {
  return e.kind == ErrorKind::kHttp && (e.http_status == 429 || e.http_status == 503);
}

// Worth sending again: not applied for sure, and the cause may pass.
bool is_transient(const Error& e) {
  return e.kind == ErrorKind::kConnect || (e.kind == ErrorKind::kHttp && e.http_status == 429);
}

struct BulkRun {
  const ExperienceUsersClient& client;
  std::string_view application_id;
  const std::vector<ExperienceUserPost>& users;
  const BulkCreateOptions& options;
  std::vector<BulkOutcome>& outcomes;
  Throttle throttle;
  std::mutex progress_mu;
  BulkProgress progress;

  // The id of the user with @p email, if any; an error when the lookup itself failed.
  Result<std::optional<std::string>> find_user(const std::string& email) {
    auto found = internal::find_user_by_email(client, application_id, email);
    if (!found) return std::move(found).error();
    if (!*found) return std::optional<std::string>();
    return std::optional<std::string>(std::move((*found)->id));
  }

  static void settle(BulkOutcome& out, BulkOutcomeKind kind, std::optional<std::string> user_id,
                     std::optional<Error> error) {
    out.kind = kind;
    out.user_id = std::move(user_id);
    out.error = std::move(error);
  }

  void settle_one(std::size_t index) {
    const ExperienceUserPost& user = users[index];
    BulkOutcome& out = outcomes[index];
    // The longest everyone may be paused for one throttling answer: the call deadline.
    const milliseconds max_pause = std::min(client.options().deadline, milliseconds(kMaxPauseMs));
    bool was_ambiguous = false;  // an earlier attempt may have created the user
    std::optional<Error> last;   // the last cause, if attempts run out
    for (int attempt = 1; attempt <= options.max_attempts_per_user; ++attempt) {
      throttle.acquire();
      Result<ExperienceUser> created = client.create(application_id, user);
      out.attempts = attempt;
      std::optional<milliseconds> pause;
      if (!created && is_throttling(created.error())) {
        const milliseconds backoff =
            std::min(max_pause, options.throttle_backoff * (1 << std::min(attempt - 1, 6)));
        pause = created.error().retry_after.value_or(backoff);
      }
      const bool pause_too_long = pause && *pause > max_pause;
      throttle.release(pause_too_long ? std::nullopt : pause);
      if (created) return settle(out, BulkOutcomeKind::kCreated, created->id, std::nullopt);

      Error error = std::move(created).error();
      if (pause_too_long) {
        // Waiting that long would hold every worker past the deadline: give this one up.
        error.message += "; not retried: the server asked to wait " +
                         std::to_string(pause->count()) + " ms, past the call deadline";
        return settle(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(error));
      }
      if (error.kind == ErrorKind::kHttp && error.api_type == "AlreadyExists") {
        // After an ambiguous attempt the server may have committed our create only after the
        // lookup missed it: look again, so that our own user is reported created.
        if (was_ambiguous) {
          auto found = find_user(user.email);
          if (found && *found) return settle(out, BulkOutcomeKind::kCreated, **found, std::nullopt);
        }
        return settle(out, BulkOutcomeKind::kSkipped, std::nullopt, std::move(error));
      }
      if (internal::may_have_been_applied(error)) {
        was_ambiguous = true;
        auto found = find_user(user.email);
        if (!found) {
          // Without knowing, sending again could duplicate the user: stop here and say so.
          Error unknown = std::move(found).error();
          unknown.message = "the create may have been applied (" + error.message +
                            ") and looking the email up failed: " + unknown.message;
          return settle(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(unknown));
        }
        if (*found) return settle(out, BulkOutcomeKind::kCreated, **found, std::nullopt);
      } else if (!is_transient(error)) {
        return settle(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(error));
      }
      last = std::move(error);
    }
    settle(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(last));
  }

  void report(std::size_t index) {
    std::lock_guard<std::mutex> lock(progress_mu);
    ++progress.done;
    switch (outcomes[index].kind) {
      case BulkOutcomeKind::kCreated: ++progress.created; break;
      case BulkOutcomeKind::kSkipped: ++progress.skipped; break;
      case BulkOutcomeKind::kFailed: ++progress.failed; break;
    }
    if (options.on_progress) options.on_progress(progress);
  }
};

std::optional<Error> check_options(const BulkCreateOptions& o) {
  if (o.concurrency < 1 || o.concurrency > kMaxConcurrency) {
    return invalid_argument("options.concurrency",
                            "must be 1 to " + std::to_string(kMaxConcurrency));
  }
  if (o.max_attempts_per_user < 1) {
    return invalid_argument("options.max_attempts_per_user", "must be >= 1");
  }
  if (o.throttle_backoff < milliseconds::zero()) {
    return invalid_argument("options.throttle_backoff", "must be >= 0");
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(BulkOutcomeKind kind) noexcept {
  switch (kind) {
    case BulkOutcomeKind::kCreated: return "created";
    case BulkOutcomeKind::kSkipped: return "skipped";
    case BulkOutcomeKind::kFailed: return "failed";
  }
  return "unknown";
}

std::vector<BulkOutcome> ExperienceUsersClient::create_many(
    std::string_view application_id, const std::vector<ExperienceUserPost>& users,
    const BulkCreateOptions& options) const {
  std::vector<BulkOutcome> outcomes(users.size());
  BulkRun run{*this,    application_id,
              users,    options,
              outcomes, Throttle(std::max(1, options.concurrency)),
              {},       {}};
  run.progress.total = users.size();

  // Everything that can be known before any I/O fails here, input by input.
  std::optional<Error> common = check_options(options);
  if (!common) common = internal::validate_id("applicationId", application_id);
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < users.size(); ++i) {
    outcomes[i].email = users[i].email;
    std::optional<Error> invalid = common ? common : internal::validate_post(users[i]);
    if (invalid) {
      outcomes[i].error = std::move(invalid);
      run.report(i);
    } else {
      pending.push_back(i);
    }
  }

  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < pending.size(); k = next++) {
      run.settle_one(pending[k]);
      run.report(pending[k]);
    }
  };
  const auto workers = std::min<std::size_t>(
      pending.size(), static_cast<std::size_t>(std::max(1, options.concurrency)));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (and this one) finish the work
    }
  }
  work();  // the calling thread is a worker too
  for (auto& thread : threads) thread.join();
  return outcomes;
}

}  // namespace losant::experience_users
