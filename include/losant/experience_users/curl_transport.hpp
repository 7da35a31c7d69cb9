// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The default transport, on libcurl: its settings and its factory.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/transport.hpp"

namespace losant::experience_users {

/**
 * Settings of the libcurl transport. A client without a custom transport builds its curl
 * transport from ClientOptions::curl; make_curl_transport() takes them directly (to wrap the
 * curl transport in a transport of your own, for example).
 */
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
  /// Let a POST (create) reuse a kept-alive connection that has been idle for at most 2 s, as
  /// every other request does: creates skip a TCP (and TLS) handshake each, and a bulk import
  /// leaves no TIME_WAIT socket per create. When a reused connection closes before the
  /// response starts, libcurl sends the request again on a new one; the transport reports that
  /// (HttpResponse::sent_more_than_once) and the client resolves the `AlreadyExists` a create
  /// the server did apply then answers (ExperienceUsersClient::create()). Off: every POST
  /// opens a new connection, which libcurl never repeats.
  bool reuse_connections_for_post = true;
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
