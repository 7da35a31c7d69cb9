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
  std::string token = "emulator-token";               ///< Required bearer token.
  std::string application_id = "5f0c1a2b3c4d5e6f7a8b9c0d";  ///< The one application served.
  std::size_t seed_users = 0;    ///< Users generated at start (deterministic from `seed`).
  std::uint64_t seed = 42;       ///< Seed of the generated data.
  std::string host = "127.0.0.1";  ///< Interface to bind.
  int port = 0;                  ///< 0: any free port.
  std::optional<std::string> tls_cert_path;  ///< Serve HTTPS with this PEM certificate...
  std::optional<std::string> tls_key_path;   ///< ...and this PEM private key.
  std::size_t max_recorded_requests = 1000;  ///< Ring buffer size of requests().
};

/// The routes faults can target.
enum class Route { kAny, kList, kCreate, kGet, kUpdate, kDelete };

/// One injected misbehaviour, applied to the next `count` matching requests.
struct Fault {
  enum class Kind {
    kStatus,               ///< Answer `status` with a JSON error body (and `retry_after` if set).
    kCloseBeforeResponse,  ///< Read the request, then close the connection without answering.
    kCloseMidBody,         ///< Send headers and half of a normal body, then close.
    kTruncatedBody,        ///< Send a normal status with a body cut short (Content-Length matches the cut).
    kHtmlBody,             ///< Answer 502 with an HTML page (a proxy's error).
    kWrongTypes,           ///< Answer 200 with well-formed JSON of the wrong types.
    kEmpty200,             ///< Answer 200 with an empty body.
    kDelay,                ///< Wait `delay`, then answer normally.
    kDrip,                 ///< Answer normally but send the body a few bytes every `delay`.
    kOversizedBody,        ///< Answer 200 with a valid JSON body of at least `bytes` bytes.
    kApplyThenDrop,        ///< Apply the request (e.g. create the user), then close without answering.
  };
  Kind kind = Kind::kStatus;                       ///< What to do.
  int status = 503;                                ///< For kStatus.
  std::optional<std::string> retry_after;          ///< For kStatus: the Retry-After value.
  std::chrono::milliseconds delay{0};              ///< For kDelay and kDrip.
  std::size_t bytes = 0;                           ///< For kOversizedBody.
  int count = 1;                                   ///< How many requests it applies to.
};

/// A request as the emulator received it, for wire-level assertions.
struct RecordedRequest {
  std::string method;   ///< `GET`, `POST`, ...
  std::string target;   ///< Path and raw (still percent-encoded) query string, as received.
  std::vector<std::pair<std::string, std::string>> headers;  ///< As received.
  std::string body;     ///< As received.
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
 */
class Emulator {
 public:
  explicit Emulator(Options options = {});
  ~Emulator();  ///< Stops the server.
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Binds (any free port when options.port is 0) and serves on a background thread. Returns
  /// once the server accepts connections; false if it could not bind.
  bool start();
  /// Stops serving and joins the thread. Idempotent.
  void stop();
  /// Serves on the calling thread until stop() (for the losant-emulator program).
  bool listen_blocking();

  int port() const;                                ///< The bound port.
  std::string base_url() const;                    ///< `http://127.0.0.1:PORT` (or https).
  const std::string& application_id() const;      ///< The application served.
  const std::string& token() const;                ///< The token required.

  std::size_t user_count() const;                  ///< Users stored now.
  std::vector<Group> groups() const;               ///< The groups (seeded: a small tree).
  /// Adds a group; returns its id.
  std::string add_group(const std::string& name, const std::optional<std::string>& parent_id = {});
  /// Ids of users whose email equals @p email (to check for duplicates).
  std::vector<std::string> find_by_email(const std::string& email) const;

  void add_fault(Route route, Fault fault);        ///< Queues a fault (FIFO per route).
  void clear_faults();                             ///< Removes all pending faults.
  std::vector<RecordedRequest> requests() const;   ///< The last recorded requests, oldest first.
  void clear_requests();                           ///< Forgets recorded requests.
  std::size_t request_count() const;               ///< Requests received since start.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace losant::emulator
