// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The SDK's error value: what failed, why, and whether retrying may help.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "losant/experience_users/export.hpp"

namespace losant::experience_users {

/// What kind of failure an Error describes. Each kind has its own CLI exit code.
enum class ErrorKind {
  kInvalidArgument,  ///< An input (id, query, body, option) broke a rule; nothing was sent.
  kConnect,          ///< DNS or TCP connect failed: the request certainly never reached the server.
  kTransport,  ///< The connection failed after the request may have been sent (reset, closed).
  kTimeout,    ///< A per-attempt timeout or the overall call deadline expired.
  kTls,        ///< TLS handshake or certificate verification failed.
  kHttp,       ///< The server answered with a non-success status (see http_status, api_type).
  kMalformedResponse,  ///< The body was not the JSON expected (HTML from a proxy, wrong types,
                       ///< ...).
  kResponseTooLarge,   ///< The response body exceeded the configured size cap.
  /// Not a failure: the kind of Error::none(), which Result<T>::error() returns on a success.
  kNone,
};

/// The stable lower-case name of @p kind, e.g. "invalid-argument", "http".
LOSANT_EU_EXPORT std::string_view to_string(ErrorKind kind) noexcept;

/**
 * A failed operation, as a value.
 *
 * Errors never contain secrets: the API token and user passwords are never copied into any
 * field. For kInvalidArgument, `field` names the offending input (for example
 * `body.password` or `query.perPage`) and `message` states the rule it broke.
 *
 * @par Example
 * @code
 * auto user = client.get(app_id, user_id);
 * if (!user) {
 *   const Error& e = user.error();
 *   if (e.kind == ErrorKind::kHttp && e.http_status == 404) { ... }
 *   std::cerr << e.to_string() << "\n";
 * }
 * @endcode
 */
struct LOSANT_EU_EXPORT Error {
  ErrorKind kind = ErrorKind::kInvalidArgument;  ///< The failure category.
  std::string message;                           ///< Human-readable, one line, free of secrets.
  std::string field;     ///< For kInvalidArgument: the input that broke a rule. Else empty.
  int http_status = 0;   ///< The HTTP status, when a response was received; otherwise 0.
  std::string api_type;  ///< The API's error `type` (`NotFound`, `Validation`, ...), if any.
  int attempts = 0;      ///< How many attempts were made (0: failed before any I/O).
  /// True when the same call may succeed if repeated (429, 5xx, connect failure, timeout).
  bool retryable = false;
  /// False only when the request certainly never reached the server (validation, connect).
  bool request_may_have_been_sent = false;
  /// The server's `Retry-After`, when it sent one.
  std::optional<std::chrono::milliseconds> retry_after;
  /// True when the transport sent the request more than once (a kept-alive connection closed
  /// before answering and libcurl sent it again on a new one, see HttpResponse): the first
  /// copy may have been applied, whatever this answer (a 429, say) says.
  bool sent_more_than_once = false;

  /// One line: kind, status, API type, message, attempts — for logs and CLI output.
  std::string to_string() const;

  /// The "no error" Error: kind kNone, message `no error`, every other field empty or zero.
  /// Result<T>::error() returns it on a success. One object for the whole program.
  static const Error& none() noexcept;
};

/// Convenience constructor for a kInvalidArgument error naming @p field and the @p rule broken.
LOSANT_EU_EXPORT Error invalid_argument(std::string field, std::string rule);

/**
 * The exception thrown by Result<T>::value() when the result holds an Error.
 *
 * It is the only exception the SDK throws across its API; its what() is Error::to_string().
 */
class LOSANT_EU_EXPORT Exception : public std::runtime_error {
 public:
  /// Wraps @p error.
  explicit Exception(Error error);
  /// The error this exception carries.
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

}  // namespace losant::experience_users
