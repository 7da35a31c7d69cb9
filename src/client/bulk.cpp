// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The bulk calls: worker threads take inputs from a source one at a time and share one client
// (and so one connection pool); a Throttle bounds and adapts the requests in flight; each input
// is settled by its kind's settle(): a create is never sent again after an ambiguous failure
// without first looking the email up, a patch is simply sent again, a delete's 404 after an
// ambiguous attempt is the deletion.
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

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

bool is_not_found(const Error& e) {
  return e.kind == ErrorKind::kHttp && e.http_status == 404;
}

void finish(BulkOutcome& out, BulkOutcomeKind kind, std::optional<std::string> user_id,
            std::optional<Error> error) {
  out.kind = kind;
  out.user_id = std::move(user_id);
  out.error = std::move(error);
}

// What every input's settling shares: the client, the call's options and the throttle.
struct Context {
  const ExperienceUsersClient& client;
  std::string_view application_id;
  const BulkOptions& options;
  Throttle throttle;
  // The longest everyone may be paused for one throttling answer: the call deadline.
  milliseconds max_pause;

  Context(const ExperienceUsersClient& c, std::string_view app, const BulkOptions& o)
      : client(c),
        application_id(app),
        options(o),
        throttle(std::max(1, o.concurrency)),
        max_pause(std::min(c.options().deadline, milliseconds(kMaxPauseMs))) {}

  // Sends one request (attempt number @p attempt) under the throttle. A throttling answer
  // pauses everyone, unless the pause it asks for is past the deadline: then @p refused is set
  // and the input is to be given up.
  template <typename Send>
  auto send(const Send& request, int attempt, std::optional<milliseconds>& refused) {
    throttle.acquire();
    auto result = request();
    std::optional<milliseconds> pause;
    if (!result && is_throttling(result.error())) {
      const milliseconds backoff =
          std::min(max_pause, options.throttle_backoff * (1 << std::min(attempt - 1, 6)));
      pause = result.error().retry_after.value_or(backoff);
    }
    const bool too_long = pause && *pause > max_pause;
    throttle.release(too_long ? std::nullopt : pause);
    if (too_long) refused = pause;
    return result;
  }

  // The id of the user with @p email, if any; an error when the lookup itself failed.
  Result<std::optional<std::string>> find_user(const std::string& email) const {
    auto found = internal::find_user_by_email(client, application_id, email);
    if (!found) return std::move(found).error();
    if (!*found) return std::optional<std::string>();
    return std::optional<std::string>(std::move((*found)->id));
  }
};

// Gives up on an input whose server asked for a pause past the deadline: waiting that long
// would hold every worker past it.
void give_up(BulkOutcome& out, Error error, milliseconds pause) {
  error.message += "; not retried: the server asked to wait " + std::to_string(pause.count()) +
                   " ms, past the call deadline";
  finish(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(error));
}

// Names in @p out the user that holds @p email (a create of it was refused as existing), or
// adds to @p refusal why that could not be learnt.
void look_up_existing(Context& ctx, const std::string& email, BulkOutcome& out, Error& refusal) {
  std::optional<milliseconds> refused;
  auto found =
      ctx.send([&] { return internal::find_user_by_email(ctx.client, ctx.application_id, email); },
               1, refused);
  if (!found) {
    refusal.message += "; looking the existing user up failed: " + found.error().message;
  } else if (!*found) {
    refusal.message += "; no user has this email any more (deleted meanwhile?)";
  } else {
    out.user_id = (*found)->id;
    out.existing = std::move(**found);
  }
}

// Each kind of bulk call: how an input is named in its outcome, checked, and settled.
struct Create {
  using Input = ExperienceUserPost;

  static void name(const Input& user, BulkOutcome& out) { out.email = user.email; }
  static std::optional<Error> check(const Input& user) { return internal::validate_post(user); }

  static void settle(Context& ctx, const Input& user, BulkOutcome& out) {
    bool was_ambiguous = false;  // an earlier attempt may have created the user
    std::optional<Error> last;   // the last cause, if attempts run out
    for (int attempt = 1; attempt <= ctx.options.max_attempts_per_user; ++attempt) {
      std::optional<milliseconds> refused;
      Result<ExperienceUser> created =
          ctx.send([&] { return ctx.client.create(ctx.application_id, user); }, attempt, refused);
      out.attempts = attempt;
      if (created) return finish(out, BulkOutcomeKind::kCreated, created->id, std::nullopt);

      Error error = std::move(created).error();
      if (refused) return give_up(out, std::move(error), *refused);
      if (error.kind == ErrorKind::kHttp && error.api_type == "AlreadyExists") {
        // After an ambiguous attempt the server may have committed our create only after the
        // lookup missed it: look again, so that our own user is reported created.
        if (was_ambiguous) {
          auto found = ctx.find_user(user.email);
          if (found && *found) return finish(out, BulkOutcomeKind::kCreated, **found, std::nullopt);
        }
        if (ctx.options.look_up_existing) look_up_existing(ctx, user.email, out, error);
        return finish(out, BulkOutcomeKind::kSkipped, out.user_id, std::move(error));
      }
      if (internal::may_have_been_applied(error)) {
        was_ambiguous = true;
        auto found = ctx.find_user(user.email);
        if (!found) {
          // Without knowing, sending again could duplicate the user: stop here and say so.
          Error unknown = std::move(found).error();
          unknown.message = "the create may have been applied (" + error.message +
                            ") and looking the email up failed: " + unknown.message;
          return finish(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(unknown));
        }
        if (*found) return finish(out, BulkOutcomeKind::kCreated, **found, std::nullopt);
      } else if (!is_transient(error)) {
        return finish(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(error));
      }
      last = std::move(error);
    }
    finish(out, BulkOutcomeKind::kFailed, std::nullopt, std::move(last));
  }
};

struct Update {
  using Input = BulkUpdate;

  static void name(const Input& update, BulkOutcome& out) {
    out.user_id = update.user_id;
    if (update.patch.email) out.email = *update.patch.email;
  }
  static std::optional<Error> check(const Input& update) {
    if (auto e = internal::validate_id("user_id", update.user_id)) return e;
    return internal::validate_patch(update.patch);
  }

  static void settle(Context& ctx, const Input& update, BulkOutcome& out) {
    std::optional<Error> last;
    for (int attempt = 1; attempt <= ctx.options.max_attempts_per_user; ++attempt) {
      std::optional<milliseconds> refused;
      Result<ExperienceUser> updated = ctx.send(
          [&] { return ctx.client.update(ctx.application_id, update.user_id, update.patch); },
          attempt, refused);
      out.attempts = attempt;
      if (updated) {
        out.email = std::move(updated->email);
        return finish(out, BulkOutcomeKind::kUpdated, std::move(updated->id), std::nullopt);
      }
      Error error = std::move(updated).error();
      if (refused) return give_up(out, std::move(error), *refused);
      // A patch sets values: one that may have been applied is sent again as it is.
      if (!is_transient(error) && !internal::may_have_been_applied(error)) {
        return finish(out, BulkOutcomeKind::kFailed, update.user_id, std::move(error));
      }
      last = std::move(error);
    }
    finish(out, BulkOutcomeKind::kFailed, update.user_id, std::move(last));
  }
};

struct Remove {
  using Input = std::string;

  static void name(const Input& user_id, BulkOutcome& out) { out.user_id = user_id; }
  static std::optional<Error> check(const Input& user_id) {
    return internal::validate_id("user_id", user_id);
  }

  static void settle(Context& ctx, const Input& user_id, BulkOutcome& out) {
    bool was_ambiguous = false;  // an earlier attempt may have deleted the user
    std::optional<Error> last;
    for (int attempt = 1; attempt <= ctx.options.max_attempts_per_user; ++attempt) {
      std::optional<milliseconds> refused;
      Result<DeleteResult> removed = ctx.send(
          [&] { return ctx.client.remove(ctx.application_id, user_id); }, attempt, refused);
      out.attempts = attempt;
      if (removed) return finish(out, BulkOutcomeKind::kDeleted, user_id, std::nullopt);

      Error error = std::move(removed).error();
      if (refused) return give_up(out, std::move(error), *refused);
      if (was_ambiguous && is_not_found(error)) {
        return finish(out, BulkOutcomeKind::kDeleted, user_id, std::nullopt);
      }
      if (internal::may_have_been_applied(error)) {
        was_ambiguous = true;
      } else if (!is_transient(error)) {
        return finish(out, BulkOutcomeKind::kFailed, user_id, std::move(error));
      }
      last = std::move(error);
    }
    finish(out, BulkOutcomeKind::kFailed, user_id, std::move(last));
  }
};

std::optional<Error> check_options(const BulkOptions& o) {
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

// Runs a bulk call of kind @p Kind: up to `concurrency` workers (the calling thread one of
// them) take an input from @p source, one at a time, settle it and hand the outcome to
// @p sink, one at a time. @p known_total: the inputs' number when known in advance.
template <typename Kind>
BulkProgress run(const ExperienceUsersClient& client, std::string_view application_id,
                 const BulkOptions& options, const BulkSource<typename Kind::Input>& source,
                 const BulkSink& sink, std::optional<std::size_t> known_total) {
  using Input = typename Kind::Input;
  // Everything that can be known before any I/O fails each input without a request.
  std::optional<Error> common = check_options(options);
  if (!common) common = internal::validate_id("applicationId", application_id);
  Context ctx(client, application_id, options);

  std::mutex source_mu;  // held while taking an input
  bool exhausted = !source;
  std::size_t taken = 0;
  std::mutex sink_mu;  // held while handing an outcome over
  BulkProgress progress;
  progress.total = known_total.value_or(0);

  auto take = [&]() -> std::optional<std::pair<std::size_t, Input>> {
    std::lock_guard<std::mutex> lock(source_mu);
    if (exhausted) return std::nullopt;
    std::optional<Input> input = source();
    if (!input) {
      exhausted = true;
      return std::nullopt;
    }
    const std::size_t index = taken++;
    if (!known_total) {
      std::lock_guard<std::mutex> counts(sink_mu);
      progress.total = taken;
    }
    return std::make_pair(index, std::move(*input));
  };
  auto hand_over = [&](BulkOutcome&& out) {
    std::lock_guard<std::mutex> lock(sink_mu);
    ++progress.done;
    switch (out.kind) {
      case BulkOutcomeKind::kCreated: ++progress.created; break;
      case BulkOutcomeKind::kSkipped: ++progress.skipped; break;
      case BulkOutcomeKind::kFailed: ++progress.failed; break;
      case BulkOutcomeKind::kUpdated: ++progress.updated; break;
      case BulkOutcomeKind::kDeleted: ++progress.deleted; break;
    }
    if (sink) sink(std::move(out));
    if (options.on_progress) options.on_progress(progress);
  };
  auto work = [&] {
    while (auto item = take()) {
      BulkOutcome out;
      out.index = item->first;
      Kind::name(item->second, out);
      std::optional<Error> invalid = common ? common : Kind::check(item->second);
      if (invalid) {
        out.error = std::move(invalid);
      } else {
        Kind::settle(ctx, item->second, out);
      }
      hand_over(std::move(out));
    }
  };
  const auto workers =
      std::min<std::size_t>(known_total.value_or(kMaxConcurrency),
                            static_cast<std::size_t>(std::max(1, options.concurrency)));
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
  return progress;
}

// The vector form: a source over @p inputs, each outcome stored at its input's index.
template <typename Kind>
std::vector<BulkOutcome> run_all(const ExperienceUsersClient& client,
                                 std::string_view application_id, const BulkOptions& options,
                                 const std::vector<typename Kind::Input>& inputs) {
  std::vector<BulkOutcome> outcomes(inputs.size());
  std::size_t next = 0;
  run<Kind>(
      client, application_id, options,
      [&]() -> std::optional<typename Kind::Input> {
        if (next == inputs.size()) return std::nullopt;
        return inputs[next++];
      },
      [&](BulkOutcome&& out) { outcomes[out.index] = std::move(out); }, inputs.size());
  return outcomes;
}

}  // namespace

std::string_view to_string(BulkOutcomeKind kind) noexcept {
  switch (kind) {
    case BulkOutcomeKind::kCreated: return "created";
    case BulkOutcomeKind::kSkipped: return "skipped";
    case BulkOutcomeKind::kFailed: return "failed";
    case BulkOutcomeKind::kUpdated: return "updated";
    case BulkOutcomeKind::kDeleted: return "deleted";
  }
  return "unknown";
}

std::vector<BulkOutcome> ExperienceUsersClient::create_many(
    std::string_view application_id, const std::vector<ExperienceUserPost>& users,
    const BulkOptions& options) const {
  return run_all<Create>(*this, application_id, options, users);
}

BulkProgress ExperienceUsersClient::create_many(std::string_view application_id,
                                                BulkSource<ExperienceUserPost> users,
                                                BulkSink on_outcome,
                                                const BulkOptions& options) const {
  return run<Create>(*this, application_id, options, users, on_outcome, std::nullopt);
}

std::vector<BulkOutcome> ExperienceUsersClient::update_many(std::string_view application_id,
                                                            const std::vector<BulkUpdate>& updates,
                                                            const BulkOptions& options) const {
  return run_all<Update>(*this, application_id, options, updates);
}

BulkProgress ExperienceUsersClient::update_many(std::string_view application_id,
                                                BulkSource<BulkUpdate> updates, BulkSink on_outcome,
                                                const BulkOptions& options) const {
  return run<Update>(*this, application_id, options, updates, on_outcome, std::nullopt);
}

std::vector<BulkOutcome> ExperienceUsersClient::remove_many(
    std::string_view application_id, const std::vector<std::string>& user_ids,
    const BulkOptions& options) const {
  return run_all<Remove>(*this, application_id, options, user_ids);
}

BulkProgress ExperienceUsersClient::remove_many(std::string_view application_id,
                                                BulkSource<std::string> user_ids,
                                                BulkSink on_outcome,
                                                const BulkOptions& options) const {
  return run<Remove>(*this, application_id, options, user_ids, on_outcome, std::nullopt);
}

}  // namespace losant::experience_users
