// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The HTTP transport interface: what the client hands a transport and gets back. The default
/// implementation, on libcurl, is in curl_transport.hpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/// The HTTP methods the API uses.
enum class HttpMethod { kGet, kPost, kPatch, kDelete };

/// `GET`, `POST`, `PATCH` or `DELETE`.
LOSANT_EU_EXPORT std::string_view to_string(HttpMethod method) noexcept;

/// Header name/value pairs, in order. Names compare case-insensitively.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// A request as the client hands it to a transport.
struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;  ///< The method.
  std::string url;                       ///< Absolute URL, query string already encoded.
  HttpHeaders headers;                   ///< Every header to send, exactly as given.
  std::string body;                      ///< The body (empty for GET and DELETE).
  /// The most this attempt may take, connect included (the client's per-attempt timeout,
  /// shortened to what remains of the call's deadline). The client never sends a request
  /// whose timeout is zero or negative.
  std::chrono::milliseconds timeout{30000};
};

/// A response: any status the server sent, 1xx excluded.
struct LOSANT_EU_EXPORT HttpResponse {
  int status = 0;       ///< The HTTP status code.
  HttpHeaders headers;  ///< Response headers, in arrival order.
  /// The body, decoded if the server compressed it. Transports may reserve extra capacity
  /// beyond size() so the JSON decoder can parse in place.
  std::string body;
  /// The transport sent the request more than once to get this response, so the server may
  /// have applied an earlier copy (a create then answers `AlreadyExists`, a delete 404). The
  /// curl transport sets it when libcurl repeated a POST or DELETE on a new connection because
  /// the kept-alive one closed before answering; the client then finds out what happened
  /// (see ExperienceUsersClient::create()). A transport that never repeats leaves it false.
  bool sent_more_than_once = false;

  /// The first header named @p name (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
};

/**
 * Sends one HTTP request and returns the response, whatever its status.
 *
 * A transport never throws and never interprets a status: 4xx and 5xx are successful
 * transports. Failures to get a response come back as an Error of kind kConnect (the request
 * certainly never left), kTransport, kTimeout, kTls or kResponseTooLarge, with
 * request_may_have_been_sent set truthfully.
 *
 * @par Thread Safety
 * Implementations must allow concurrent send() calls from many threads.
 */
class LOSANT_EU_EXPORT HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Performs @p request.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace losant::experience_users
