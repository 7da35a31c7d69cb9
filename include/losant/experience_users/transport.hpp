// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The HTTP transport interface and the default libcurl implementation's factory.
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

/// Settings of the libcurl transport.
struct CurlTransportOptions {
  /// The most a TCP + TLS connect may take.
  std::chrono::milliseconds connect_timeout{10000};
  /// A PEM CA bundle to verify servers with, instead of the system's. Verification of the
  /// peer and host is always on.
  std::optional<std::string> ca_bundle_path;
  /// Responses with a larger (decoded) body fail with kResponseTooLarge while receiving.
  std::size_t max_response_bytes = 64 * 1024 * 1024;
  /// Connections kept open for reuse, across all threads.
  std::size_t max_idle_connections = 16;
  /// Let a POST (create) reuse a kept-alive connection. Off by default: when a reused
  /// connection dies before the response starts, libcurl silently sends the request again on a
  /// new one, so a create the server did apply comes back as `AlreadyExists` (never as a second
  /// user: emails are unique). On, creates skip a TCP (and TLS) handshake each, and a bulk
  /// import leaves no TIME_WAIT socket per create (see docs/performance.md).
  bool reuse_connections_for_post = false;
  /**
   * The proxy for `https://` requests, as libcurl takes it (`http://proxy.example:3128`,
   * `socks5h://...`; credentials as `http://user:password@...`).
   *
   * - unset: libcurl's environment variables (`https_proxy`, `all_proxy` or `ALL_PROXY`,
   *   `no_proxy`), as curl(1) uses them;
   * - `""`: no proxy, whatever the environment says;
   * - a URL: that proxy (`no_proxy` still applies).
   *
   * An `https://` request always goes through an HTTP proxy as a CONNECT tunnel
   * (CURLOPT_HTTPPROXYTUNNEL): the proxy sees the host and port, never a header or the body.
   * A plain `http://` request (loopback, or `allow_insecure_http`) never goes through a proxy,
   * from the environment or from here: the proxy would read the token in clear text.
   */
  std::optional<std::string> proxy;
};

/**
 * The default transport: libcurl with keep-alive connection reuse (a pool of handles shared by
 * all threads), TLS verification on, no redirect following, gzip accepted, connect and total
 * timeouts, and a response size cap enforced while receiving.
 */
LOSANT_EU_EXPORT std::shared_ptr<HttpTransport> make_curl_transport(
    CurlTransportOptions options = {});

}  // namespace losant::experience_users
