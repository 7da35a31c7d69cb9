// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// A local emulator of the Losant Experience Users API, for tests, the demo and users' own tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losant::emulator {

/// How the emulator starts.
struct Options {
  std::string token = "emulator-token";                     ///< Required bearer token.
  std::string application_id = "5f0c1a2b3c4d5e6f7a8b9c0d";  ///< The one application served.
  std::size_t seed_users = 0;      ///< Users generated at start (deterministic from `seed`).
  std::uint64_t seed = 42;         ///< Seed of the generated data.
  std::string host = "127.0.0.1";  ///< Interface to bind.
  int port = 0;                    ///< 0: any free port.
  std::optional<std::string> tls_cert_path;  ///< Serve HTTPS with this PEM certificate...
  std::optional<std::string> tls_key_path;   ///< ...and this PEM private key.
  std::size_t max_recorded_requests = 1000;  ///< Ring buffer size of requests().
};

/// The routes faults can target (by method and path shape; kAny: any of the five operations).
enum class Route { kAny, kList, kCreate, kGet, kUpdate, kDelete };

/**
 * One injected misbehaviour, applied to the next `count` matching requests.
 *
 * Faults are taken in the order they were added, the first whose route matches (kAny matches
 * every operation, unknown paths match nothing), before authentication: they model the network
 * and the infrastructure in front of the API. Kinds that send (part of) a normal answer apply the
 * request to the store first (a create creates, a delete deletes); the others leave it untouched.
 */
struct Fault {
  enum class Kind {
    /// Answer `status` with a JSON error body (`{"type":"ServiceUnavailable","message":"Service
    /// Unavailable"}` for 503) and a `Retry-After: retry_after` header if set.
    kStatus,
    /// Read the request, then close the connection without sending a byte.
    kCloseBeforeResponse,
    /// Apply; send the headers (Content-Length of the whole body) and half the body, then close.
    kCloseMidBody,
    /// Apply; answer with the first half of the body (Content-Length matches the cut).
    kTruncatedBody,
    /// Answer 502 with a `text/html` page (a proxy's error).
    kHtmlBody,
    /// Answer the route's success status (201 for create, else 200) with well-formed JSON of the
    /// wrong types (`"email":5`, `"items":"x"`).
    kWrongTypes,
    /// Answer 200 with an empty body (Content-Length: 0).
    kEmpty200,
    /// Wait `delay` (stop() cuts the wait short), then apply and answer normally.
    kDelay,
    /// Apply and answer normally, but send the body `bytes` bytes (0: 8) every `delay`.
    kDrip,
    /// Apply; answer the normal status and JSON object with a leading `"padding"` member that
    /// makes the body at least `bytes` bytes long.
    kOversizedBody,
    /// Apply the request (e.g. create the user), then close without answering.
    kApplyThenDrop,
  };
  Kind kind = Kind::kStatus;               ///< What to do.
  int status = 503;                        ///< For kStatus.
  std::optional<std::string> retry_after;  ///< For kStatus: the Retry-After value.
  std::chrono::milliseconds delay{0};      ///< For kDelay and kDrip.
  std::size_t bytes = 0;                   ///< For kOversizedBody (minimum size) and kDrip (step).
  int count = 1;                           ///< How many requests it applies to (< 1: none).
};

/// A request as the emulator received it, for wire-level assertions.
struct RecordedRequest {
  std::string method;  ///< `GET`, `POST`, ...
  std::string target;  ///< Path and raw (still percent-encoded) query string, as received.
  /// As received, ordered by name ignoring case (cpp-httplib keeps them in such a map).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< As received.
};

/// A seeded experience group.
struct Group {
  std::string id;                        ///< 24 hex.
  std::string name;                      ///< Display name.
  std::optional<std::string> parent_id;  ///< Parent group, if any.
};

/**
 * The emulator: a real HTTP(S) server on loopback implementing the five Experience Users
 * operations with Losant's status codes and error bodies. Thread-safe.
 *
 * Checks run in Losant's order: route shape (else 404), token (401), application id format
 * (400) and identity (404), user id format (400), body (400 Validation), then the store (404 for
 * an unknown user, 400 AlreadyExists for a taken email). Connections are kept alive (idle ones
 * are closed after 1 s; up to 32 are served at once); responses are gzip/brotli-compressed when
 * the client's Accept-Encoding asks for it. The emulator never stores passwords.
 */
class Emulator {
 public:
  /// Seeds the users. Throws std::invalid_argument for an application id that is not 24 hex
  /// characters, an empty token, or only one of the TLS paths.
  explicit Emulator(Options options = {});
  ~Emulator();  ///< Stops the server.
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Binds (any free port when options.port is 0) and serves on a background thread. Returns
  /// once the server accepts connections (true at once if already serving); false if it could
  /// not bind or load the TLS certificate and key. Can follow stop().
  bool start();
  /// Stops serving and joins the thread. Idempotent. Returns within about a second even with
  /// idle keep-alive clients connected (cpp-httplib notices the stop between requests).
  void stop();
  /// Serves on the calling thread until stop() is called from another one (for a program's main
  /// thread). False if it could not bind or load the TLS files, or is already serving.
  bool listen_blocking();

  int port() const;                           ///< The bound port.
  std::string base_url() const;               ///< `http://127.0.0.1:PORT` (or https).
  const std::string& application_id() const;  ///< The application served.
  const std::string& token() const;           ///< The token required.

  std::size_t user_count() const;     ///< Users stored now.
  std::vector<Group> groups() const;  ///< The groups (seeded: a small tree).
  /// Adds a group; returns its id. Throws std::invalid_argument for a name that is not 1 to 255
  /// characters or an unknown parent.
  std::string add_group(const std::string& name, const std::optional<std::string>& parent_id = {});
  /// Ids of users whose email equals @p email, ignoring ASCII case (to check for duplicates).
  std::vector<std::string> find_by_email(const std::string& email) const;

  void add_fault(Route route, Fault fault);       ///< Queues a fault (FIFO per route).
  void clear_faults();                            ///< Removes all pending faults.
  std::vector<RecordedRequest> requests() const;  ///< The last recorded requests, oldest first.
  void clear_requests();                          ///< Forgets recorded requests.
  std::size_t request_count() const;              ///< Requests received since start.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace losant::emulator
