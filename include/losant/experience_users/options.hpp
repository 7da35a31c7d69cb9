// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// ClientOptions and the retry, transport, logging and test settings it groups.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "losant/experience_users/curl_transport.hpp"
#include "losant/experience_users/transport.hpp"

namespace losant::experience_users {

/**
 * When and how the client repeats a failed attempt.
 *
 * Retried: statuses in `retry_statuses` and transport failures (connect refused, reset,
 * timeout), but only where repeating is safe: GET, PATCH and DELETE always; POST (create) only
 * when the request certainly never reached the server (DNS or connect failure). Delays grow
 * from `initial_backoff` by `multiplier` up to `max_backoff`, with full jitter (a uniform
 * random delay between 0 and the computed value). A `Retry-After` header (seconds or HTTP-date)
 * replaces the computed delay. No delay ever runs past the call's deadline.
 */
struct RetryOptions {
  int max_attempts = 3;                            ///< 1 disables retries.
  std::chrono::milliseconds initial_backoff{200};  ///< Delay before the second attempt.
  std::chrono::milliseconds max_backoff{10000};    ///< Cap on one computed delay.
  double multiplier = 2.0;                         ///< Growth factor, >= 1.
  std::vector<int> retry_statuses{408, 429, 500, 502, 503, 504};  ///< Statuses worth retrying.
};

/// One log record: one attempt of one call. Built so that it can never hold a secret.
struct LogRecord {
  HttpMethod method = HttpMethod::kGet;   ///< The method.
  std::string url;                        ///< The full URL (ids and query; no secrets).
  int attempt = 1;                        ///< 1 for the first attempt.
  int status = 0;                         ///< The HTTP status, 0 if no response.
  std::chrono::milliseconds duration{0};  ///< How long the attempt took.
  /// Request headers: names on the allow-list keep their value, others read `REDACTED`.
  /// `Authorization` is never on the list.
  HttpHeaders request_headers;
  std::string error;  ///< Why the attempt failed, if it did.
};

/// Receives one LogRecord per attempt, on the thread that makes the attempt: the calling
/// thread, or one of the SDK's (create_many()'s workers, list_all()'s pages ahead). Must be
/// thread-safe unless the client is used from one thread with `pages_in_flight = 1` and no
/// create_many().
using Logger = std::function<void(const LogRecord&)>;

/**
 * Hooks that let a test observe the retry loop without waiting: they replace how the client
 * sleeps between attempts and where its jitter comes from. For tests only; an application
 * leaves them empty.
 */
struct TestHooks {
  /// How the client waits between attempts (default when empty: sleep the calling thread).
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Uniform random numbers in [0, 1) for the jitter (default when empty: a thread-local
  /// engine).
  std::function<double()> random;
};

/**
 * Everything an ExperienceUsersClient is configured with, in groups: the API and its
 * credentials, time limits and retries (`retry`), the transport (`curl`, or your own
 * `transport`), logging, and hooks for tests (`testing`). Plain data: copy it, change it, pass
 * it to the client's constructor.
 *
 * @par Example
 * @code
 * ClientOptions o;
 * o.token = std::getenv("LOSANT_API_TOKEN");
 * o.retry.max_attempts = 5;
 * o.curl.ca_bundle_path = "/etc/ssl/corporate-ca.pem";
 * ExperienceUsersClient client(o);
 * @endcode
 */
struct ClientOptions {
  /// The API root. `http://` is refused unless the host is loopback or allow_insecure_http.
  std::string base_url = "https://api.losant.com";
  /// The API access token, sent as `Authorization: Bearer <token>`; never logged. No header is
  /// sent when empty.
  std::string token;
  /// The `Accept-Version` header value.
  std::string accept_version = "^1.30.0";
  /// Appended to this SDK's `User-Agent` (for example `my-gateway/2.1`).
  std::string user_agent_suffix;
  /// The `losantdomain` header, sent when set (rarely needed).
  std::optional<std::string> losant_domain;
  /// Allow `http://` to non-loopback hosts (the token then travels unencrypted).
  bool allow_insecure_http = false;

  /// The most one attempt may take (connect, send, wait, receive).
  std::chrono::milliseconds request_timeout{30000};
  /// The most one call may take, all attempts and delays included.
  std::chrono::milliseconds deadline{120000};
  /// Retry behaviour.
  RetryOptions retry;

  /// How many pages list_all() and list_all_groups() hold at once, the one being read
  /// included: while the caller reads one page, the next `pages_in_flight - 1` are fetched on
  /// threads of their own (never one past the end that totalCount gives), so the transfer
  /// overlaps decoding and the caller's work, and a far server's round trips overlap each
  /// other. Items still come in the order of sequential paging. 1 pages sequentially; keyset
  /// paging is always sequential. 1 to 64; the default was chosen by measurement
  /// (docs/performance.md).
  int pages_in_flight = 8;

  /// Settings of the default libcurl transport (connect timeout, CA bundle, proxy, response
  /// size cap, connection pool), used when `transport` is null.
  CurlTransportOptions curl;
  /// A transport of your own; when set, `curl` is not used.
  std::shared_ptr<HttpTransport> transport;

  /// Receives one record per attempt; none when empty.
  Logger logger;
  /// Request header names whose values a LogRecord may show (case-insensitive).
  std::vector<std::string> log_header_allow_list{"Accept", "Accept-Version", "Content-Type",
                                                 "User-Agent"};

  /// For tests only: see TestHooks.
  TestHooks testing;
};

}  // namespace losant::experience_users
