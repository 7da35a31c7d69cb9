// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// ExperienceUsersClient: validation, request building, the retry loop, status mapping and
// decoding, in that order. The one place that decides what a status means is
// error_from_response().
#include "losant/experience_users/client.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "client/lookup.hpp"
#include "client/range_state.hpp"
#include "client/redaction.hpp"
#include "losant/experience_users/version.hpp"
#include "policy/retry.hpp"
#include "policy/validation.hpp"
#include "text/text.hpp"
#include "wire/codec.hpp"
#include "wire/group_wire.hpp"
#include "wire/request.hpp"

namespace losant::experience_users {
namespace {

using Clock = std::chrono::steady_clock;
using internal::Idempotency;
using internal::kRedacted;
using internal::redact;
using internal::scrub;
using internal::scrubbed_excerpt;
using internal::Secrets;
using std::chrono::milliseconds;

// A call's deadline is capped here so that `now + deadline` cannot overflow (a caller may pass
// milliseconds::max() to mean "no deadline").
constexpr milliseconds kMaxDeadline = std::chrono::hours(24 * 365 * 10);

// The one mapping from a non-2xx response to an Error.
Error error_from_response(const HttpResponse& response, const RetryOptions& retry,
                          const Secrets& secrets) {
  Error e;
  e.kind = ErrorKind::kHttp;
  e.http_status = response.status;
  e.request_may_have_been_sent = true;
  e.sent_more_than_once = response.sent_more_than_once;
  e.retryable = internal::is_retryable_status(retry, response.status);
  if (auto value = response.header("Retry-After")) {
    e.retry_after = internal::parse_retry_after(*value, std::chrono::system_clock::now());
  }
  if (response.status >= 300 && response.status < 400) {
    e.message = "unexpected redirect (status " + std::to_string(response.status) +
                "); redirects are never followed so the token cannot leak to another host";
    return e;
  }
  if (auto body = internal::decode_error_body(response.body)) {
    scrub(body->type, secrets);  // before one_line: a tab in a password must still match
    scrub(body->message, secrets);
    e.api_type = internal::one_line(body->type);
    e.message = body->message.empty() ? "HTTP " + std::to_string(response.status)
                                      : internal::one_line(body->message);
  } else if (response.body.empty()) {
    e.message = "HTTP " + std::to_string(response.status) + " with an empty body";
  } else {
    const auto type = response.header("Content-Type").value_or("unknown content type");
    e.message = "HTTP " + std::to_string(response.status) + " with a non-JSON body (" +
                scrubbed_excerpt(type, secrets) + "): " + scrubbed_excerpt(response.body, secrets);
  }
  return e;
}

double default_random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

void default_sleep(milliseconds delay) {
  std::this_thread::sleep_for(delay);
}

// What the client keeps of the last response a call received, to tell what a request the
// transport sent more than once did.
struct LastAnswer {
  bool sent_more_than_once = false;      // HttpResponse::sent_more_than_once
  std::optional<Timestamp> server_date;  // its Date header
  milliseconds took{0};                  // how long that attempt took
  bool may_have_applied_before = false;  // an earlier attempt's failure was ambiguous

  static LastAnswer of(const HttpResponse& response, milliseconds took) {
    LastAnswer answer;
    answer.sent_more_than_once = response.sent_more_than_once;
    if (answer.sent_more_than_once) {
      if (auto date = response.header("Date"))
        answer.server_date = internal::parse_http_date(*date);
    }
    answer.took = took;
    return answer;
  }
};

// Whether @p user was created by a request of ours that the server answered at @p answer:
// after the first copy of that request arrived. Date is whole seconds, so the first copy
// arrived no earlier than `Date - took`; a second is allowed for servers whose clocks differ.
bool created_by_this_request(const ExperienceUser& user, const LastAnswer& answer) {
  return answer.server_date && user.creation_date &&
         *user.creation_date >= *answer.server_date - answer.took - std::chrono::seconds(1);
}

std::string strip_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

struct ExperienceUsersClient::Impl {
  ClientOptions options;
  std::optional<Error> options_error;  // set when options are invalid: every call returns it
  std::shared_ptr<HttpTransport> transport;
  std::string base_url;
  HttpHeaders headers;  // sent with every request (Content-Type is added for bodies)

  explicit Impl(ClientOptions o) : options(std::move(o)) {
    options_error = internal::validate_options(options);
    if (options_error) return;
    transport = options.transport ? options.transport : make_curl_transport(options.curl);
    if (!options.testing.sleep) options.testing.sleep = default_sleep;
    if (!options.testing.random) options.testing.random = default_random;
    base_url = strip_trailing_slashes(options.base_url);
    headers.emplace_back("Accept", "application/json");
    headers.emplace_back("Accept-Version", options.accept_version);
    std::string agent = std::string("losant-experience-users-cpp/") + kVersion;
    if (!options.user_agent_suffix.empty()) agent += " " + options.user_agent_suffix;
    headers.emplace_back("User-Agent", std::move(agent));
    if (!options.token.empty()) headers.emplace_back("Authorization", "Bearer " + options.token);
    if (options.losant_domain) headers.emplace_back("losantdomain", *options.losant_domain);
  }

  // Whether a header's value may appear in a log record: allow-listed, and never Authorization.
  bool may_log_header(std::string_view name) const {
    if (internal::ascii_iequals(name, "Authorization")) return false;
    return std::any_of(options.log_header_allow_list.begin(), options.log_header_allow_list.end(),
                       [&](const std::string& a) { return internal::ascii_iequals(a, name); });
  }

  void log(const HttpRequest& request, int attempt, int status, milliseconds duration,
           const Error* error) const {
    if (!options.logger) return;
    LogRecord record;
    record.method = request.method;
    record.url = request.url;
    record.attempt = attempt;
    record.status = status;
    record.duration = duration;
    for (const auto& header : request.headers) {
      record.request_headers.emplace_back(
          header.first, may_log_header(header.first) ? header.second : std::string(kRedacted));
    }
    if (error) {
      // This attempt's failure only: the call's attempt count is in `attempt`.
      Error this_attempt = *error;
      this_attempt.attempts = 0;
      record.error = this_attempt.to_string();
    }
    options.logger(record);
  }

  // Sends a request, retrying where safe, until a 2xx response, a final error or the deadline.
  // @p secrets are scrubbed from every error (the token always; the password of a body).
  Result<HttpResponse> execute(HttpMethod method, const std::string& path_and_query,
                               std::string body, Idempotency idempotency, const Secrets& secrets,
                               int& attempts, LastAnswer* last_answer) const {
    HttpRequest request;
    request.method = method;
    request.url = base_url + path_and_query;
    request.headers = headers;
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);

    const auto deadline = Clock::now() + std::min(options.deadline, kMaxDeadline);
    const RetryOptions& retry = options.retry;
    std::optional<Error> previous;
    for (int attempt = 1;; ++attempt) {
      attempts = attempt;
      const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      if (remaining <= milliseconds::zero()) {
        // Only after a wait that used up the deadline: report why the last attempt failed.
        Error e;
        e.kind = ErrorKind::kTimeout;
        if (previous) {
          e = std::move(*previous);
          e.message += "; ";
        }
        e.message += "the call deadline was reached";
        return e;
      }
      request.timeout = std::min(options.request_timeout, remaining);
      const auto started = Clock::now();
      Result<HttpResponse> sent = transport->send(request);
      const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - started);

      if (last_answer) {
        // An earlier attempt the transport sent twice may have been applied whatever it was
        // answered (its first copy, before a 429 came back, say).
        const bool earlier = last_answer->may_have_applied_before ||
                             last_answer->sent_more_than_once ||
                             (previous && internal::may_have_been_applied(*previous));
        *last_answer = sent.ok() ? LastAnswer::of(*sent, took) : LastAnswer{};
        last_answer->may_have_applied_before = earlier;
      }
      Error error;
      if (sent.ok()) {
        if (sent->status >= 200 && sent->status < 300) {
          log(request, attempt, sent->status, took, nullptr);
          return sent;
        }
        error = error_from_response(*sent, retry, secrets);
      } else {
        error = std::move(sent).error();
      }
      error.attempts = attempt;
      redact(error, secrets);
      log(request, attempt, error.http_status, took, &error);

      if (!internal::should_retry(error, idempotency) || attempt >= retry.max_attempts) {
        return error;
      }
      const auto delay = error.retry_after.value_or(
          internal::backoff_delay(retry, attempt - 1, options.testing.random()));
      if (Clock::now() + delay >= deadline) {
        error.message += "; not retried: waiting " + std::to_string(delay.count()) +
                         " ms would pass the call deadline";
        return error;
      }
      options.testing.sleep(delay);
      previous = std::move(error);
    }
  }

  // What every call checks first: the options, then the ids (the user id when given). Ids are
  // validated here, before they can enter a path.
  std::optional<Error> check(std::string_view application_id,
                             std::optional<std::string_view> user_id = std::nullopt) const {
    if (options_error) return options_error;
    if (auto e = internal::validate_id("applicationId", application_id)) return e;
    if (user_id) return internal::validate_id("experienceUserId", *user_id);
    return std::nullopt;
  }

  // The path and default query of a call without list parameters.
  static std::string target(std::string_view application_id, std::string_view user_id = {}) {
    return internal::users_path(application_id, user_id) + "?" +
           std::string(internal::kDefaultQuery);
  }

  // One page of a listing, in two steps: sends the GET (with retries) and returns what decodes
  // the answer, so that a range can fetch on one thread and decode on another. The decoder
  // uses this Impl: the range that calls it holds it.
  template <typename Page, typename Decode>
  std::function<Result<Page>()> fetch_page(const std::string& target, Decode decoder) const {
    int attempts = 0;
    Result<HttpResponse> response = execute(HttpMethod::kGet, target, {}, Idempotency::kIdempotent,
                                            Secrets{options.token}, attempts, nullptr);
    return [this, response = std::move(response), attempts, decoder]() mutable {
      return decode<Page>(std::move(response), attempts, Secrets{options.token}, decoder);
    };
  }
  template <typename Page>
  static std::function<Result<Page>()> failed(Error e) {
    return [e = std::move(e)] { return Result<Page>(e); };
  }

  // One page of the user listing (fetch_page's two steps).
  std::function<Result<ExperienceUsers>()> fetch_users(std::string_view application_id,
                                                       const ListQuery& query) const {
    if (auto e = check(application_id)) return failed<ExperienceUsers>(*e);
    if (auto e = internal::validate_query(query)) return failed<ExperienceUsers>(*e);
    return fetch_page<ExperienceUsers>(
        internal::users_path(application_id) + "?" + internal::list_query_string(query),
        internal::decode_users);
  }

  // One page of the group listing (fetch_page's two steps).
  std::function<Result<ExperienceGroups>()> fetch_groups(std::string_view application_id,
                                                         const GroupListQuery& query) const {
    if (auto e = check(application_id)) return failed<ExperienceGroups>(*e);
    if (auto e = internal::validate_group_query(query)) return failed<ExperienceGroups>(*e);
    return fetch_page<ExperienceGroups>(
        internal::groups_path(application_id) + "?" + internal::group_list_query_string(query),
        internal::decode_groups_body);
  }

  // Sends the request (see execute) and decodes a 2xx body into T; a body that is not the
  // expected JSON is reported with its status. Every error is scrubbed of the call's secrets.
  template <typename T, typename Decode>
  Result<T> call(HttpMethod method, const std::string& target, std::string body,
                 Idempotency idempotency, std::optional<std::string_view> password,
                 Decode&& decoder, LastAnswer* last_answer = nullptr) const {
    Secrets secrets{options.token};
    if (password) secrets.push_back(*password);
    int attempts = 0;
    Result<HttpResponse> response =
        execute(method, target, std::move(body), idempotency, secrets, attempts, last_answer);
    return decode<T>(std::move(response), attempts, secrets, decoder);
  }

  // Decodes a 2xx body into T, or passes the failure on (see call).
  template <typename T, typename Decode>
  Result<T> decode(Result<HttpResponse> response, int attempts, const Secrets& secrets,
                   Decode&& decoder) const {
    if (!response) return std::move(response).error();
    const HttpResponse& r = *response;
    Result<T> decoded = decoder(std::string_view(r.body), r.body.capacity());
    if (decoded) return decoded;
    // The decoder's message may quote the body, sanitised and cut at a length (a secret cut in
    // half, or with a tab turned into a space, would not be found): it is made again from a copy
    // of the body scrubbed first.
    std::string scrubbed = r.body;
    scrub(scrubbed, secrets);
    Result<T> redecoded = decoder(std::string_view(scrubbed), scrubbed.capacity());
    Error e = std::move(decoded).error();
    if (!redecoded) {
      e = std::move(redecoded).error();
    } else {
      e.message = "it held a secret of the request, and not where a secret belongs";
      e.field.clear();
    }
    e.http_status = r.status;
    e.request_may_have_been_sent = true;
    e.attempts = attempts;
    e.message = "HTTP " + std::to_string(r.status) +
                " response body is not the expected JSON: " + internal::one_line(e.message);
    redact(e, secrets);
    return e;
  }
};

ExperienceUsersClient::ExperienceUsersClient(ClientOptions options)
    : impl_(std::make_shared<const Impl>(std::move(options))) {}

const ClientOptions& ExperienceUsersClient::options() const noexcept {
  return impl_->options;
}

Result<ExperienceUsers> ExperienceUsersClient::list(std::string_view application_id,
                                                    const ListQuery& query) const {
  return impl_->fetch_users(application_id, query)();
}

UserRange ExperienceUsersClient::list_all(std::string_view application_id, ListQuery query) const {
  return list_all(application_id, std::move(query), Paging::kOffset);
}

UserRange ExperienceUsersClient::list_all(std::string_view application_id, ListQuery query,
                                          Paging paging) const {
  // The range's reader shares the client's implementation (its transport and options); the
  // range holds no client.
  return UserRange([impl = impl_, app = std::string(application_id)](
                       const ListQuery& page_query) { return impl->fetch_users(app, page_query); },
                   std::move(query), paging, impl_->options.pages_in_flight);
}

Result<ExperienceUser> ExperienceUsersClient::create(std::string_view application_id,
                                                     const ExperienceUserPost& body) const {
  if (auto e = impl_->check(application_id)) return *e;
  if (auto e = internal::validate_post(body)) return *e;
  // Not idempotent: repeated only when the request certainly never left (see should_retry).
  LastAnswer answer;
  Result<ExperienceUser> created = impl_->call<ExperienceUser>(
      HttpMethod::kPost, Impl::target(application_id), internal::encode_post(body),
      Idempotency::kNonIdempotent, body.password, internal::decode_user, &answer);
  if (created || !answer.sent_more_than_once || created.error().api_type != "AlreadyExists") {
    return created;
  }
  // The transport sent the create twice (a kept-alive connection closed before answering):
  // the first copy may be what made the email exist. Find the user and tell by its creation.
  Error exists = std::move(created).error();
  exists.request_may_have_been_sent = true;
  auto found = internal::find_user_by_email(*this, application_id, body.email);
  if (!found) {
    exists.message +=
        "; the request was sent twice (a kept-alive connection closed before "
        "answering) and looking the email up failed, so whether the first copy "
        "created the user is unknown: " +
        found.error().message;
    return exists;
  }
  if (*found && created_by_this_request(**found, answer)) return std::move(**found);
  if (*found && !answer.server_date) {
    exists.message +=
        "; the request was sent twice (a kept-alive connection closed before "
        "answering) and the server sent no Date to tell whether the first copy "
        "created user " +
        (*found)->id;
  }
  return exists;
}

Result<ExperienceUser> ExperienceUsersClient::get(std::string_view application_id,
                                                  std::string_view user_id) const {
  if (auto e = impl_->check(application_id, user_id)) return *e;
  return impl_->call<ExperienceUser>(HttpMethod::kGet, Impl::target(application_id, user_id), {},
                                     Idempotency::kIdempotent, std::nullopt, internal::decode_user);
}

Result<ExperienceUser> ExperienceUsersClient::update(std::string_view application_id,
                                                     std::string_view user_id,
                                                     const ExperienceUserPatch& patch) const {
  if (auto e = impl_->check(application_id, user_id)) return *e;
  if (auto e = internal::validate_patch(patch)) return *e;
  // PATCH sets fields to given values, so repeating it is safe.
  return impl_->call<ExperienceUser>(HttpMethod::kPatch, Impl::target(application_id, user_id),
                                     internal::encode_patch(patch), Idempotency::kIdempotent,
                                     patch.password, internal::decode_user);
}

Result<DeleteResult> ExperienceUsersClient::remove(std::string_view application_id,
                                                   std::string_view user_id) const {
  if (auto e = impl_->check(application_id, user_id)) return *e;
  LastAnswer answer;
  Result<DeleteResult> removed = impl_->call<DeleteResult>(
      HttpMethod::kDelete, Impl::target(application_id, user_id), {}, Idempotency::kIdempotent,
      std::nullopt, internal::decode_delete_result, &answer);
  // Not found after a copy of this delete that may have been applied (sent twice by the
  // transport, or an earlier attempt that failed after it was sent): that copy deleted it.
  if (!removed && removed.error().http_status == 404 &&
      (answer.sent_more_than_once || answer.may_have_applied_before)) {
    DeleteResult done;
    done.success = true;
    return done;
  }
  return removed;
}

Result<ExperienceGroups> ExperienceUsersClient::list_groups(std::string_view application_id,
                                                            const GroupListQuery& query) const {
  return impl_->fetch_groups(application_id, query)();
}

GroupRange ExperienceUsersClient::list_all_groups(std::string_view application_id,
                                                  GroupListQuery query) const {
  return GroupRange(
      [impl = impl_, app = std::string(application_id)](const GroupListQuery& page_query) {
        return impl->fetch_groups(app, page_query);
      },
      std::move(query), impl_->options.pages_in_flight);
}

Result<ExperienceGroup> ExperienceUsersClient::get_group(std::string_view application_id,
                                                         std::string_view group_id) const {
  if (auto e = impl_->check(application_id)) return *e;
  if (auto e = internal::validate_id("experienceGroupId", group_id)) return *e;
  const std::string target =
      internal::groups_path(application_id, group_id) + "?" + std::string(internal::kDefaultQuery);
  return impl_->call<ExperienceGroup>(HttpMethod::kGet, target, {}, Idempotency::kIdempotent,
                                      std::nullopt, internal::decode_group_body);
}

}  // namespace losant::experience_users
