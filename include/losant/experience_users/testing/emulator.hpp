// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The Experience Users emulator, in-process: a real HTTP server on loopback that your own tests
/// start, seed, misbehave on purpose and inspect. Link `Losant::ExperienceUsersEmulator`
/// (`find_package(LosantExperienceUsers COMPONENTS Emulator)`).
///
/// The emulator is an independent implementation of the Losant Experience Users API (its own
/// routing, validation, sorting, filtering and error bodies), not a wrapper around the SDK, so a
/// test against it checks your code against something other than the client's own assumptions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Helpers for testing code that uses the SDK.
namespace losant::experience_users::testing {

/// How an Emulator starts. The defaults serve one application on a free port of 127.0.0.1.
struct EmulatorOptions {
  std::string token = "emulator-token";                     ///< The bearer token it requires.
  std::string application_id = "5f0c1a2b3c4d5e6f7a8b9c0d";  ///< The one application served.
  /// Users generated at start (and again by Emulator::reset()): user number `i` is the same for
  /// a given `seed` whatever the count, so ids, emails and names are stable between runs.
  std::size_t seed_users = 0;
  std::uint64_t seed = 42;         ///< Seed of the generated users and of all ids.
  std::string host = "127.0.0.1";  ///< Interface to bind (keep it on loopback in tests).
  int port = 0;                    ///< 0: any free port (read it back with Emulator::port()).
  std::optional<std::string> tls_cert_path;  ///< Serve HTTPS with this PEM certificate...
  std::optional<std::string> tls_key_path;   ///< ...and this PEM private key.
  std::size_t max_recorded_requests = 1000;  ///< How many requests() keeps (the latest ones).
  /// Whether requests() keeps the `Authorization` header as received. By default its value is
  /// replaced by `[redacted]`, so that a token never lands in a test's failure output; use
  /// RecordedRequest::authorized to check that a request carried the right token.
  bool record_authorization = false;
  /// Every answer is sent this long after its request arrived (0: at once), as from a server
  /// far away: for tests and benchmarks of what a wide-area round trip costs. Requests on
  /// different connections wait at the same time. Faults of kind kDelay add to it.
  std::chrono::milliseconds latency{0};
};

/// The operations faults can target. kAny matches every operation (not an unknown path).
enum class Route {
  kAny,         ///< Any of the operations below.
  kList,        ///< `GET /applications/{applicationId}/experience/users`.
  kCreate,      ///< `POST /applications/{applicationId}/experience/users`.
  kGet,         ///< `GET /applications/{applicationId}/experience/users/{experienceUserId}`.
  kUpdate,      ///< `PATCH /applications/{applicationId}/experience/users/{experienceUserId}`.
  kDelete,      ///< `DELETE /applications/{applicationId}/experience/users/{experienceUserId}`.
  kListGroups,  ///< `GET /applications/{applicationId}/experience/groups`.
  kGetGroup,    ///< `GET /applications/{applicationId}/experience/groups/{experienceGroupId}`.
};

/**
 * One injected misbehaviour, applied to the next `count` requests of its route.
 *
 * Faults are taken in the order they were added, the first whose route matches, before
 * authentication: they model the network and the infrastructure in front of the API. Kinds that
 * send (part of) a normal answer apply the request first (a create creates, a delete deletes);
 * the others leave the data untouched.
 *
 * @code
 * emulator.add_fault(Route::kList, Fault::http_status(503, "1"));  // one 503, Retry-After: 1
 * emulator.add_fault(Route::kCreate, Fault::of(Fault::Kind::kApplyThenDrop));
 * @endcode
 */
struct Fault {
  /// What the emulator does instead of (or to) the normal answer.
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
  int status = 503;                        ///< For kStatus: the HTTP status (100 to 599).
  std::optional<std::string> retry_after;  ///< For kStatus: the Retry-After value, if any.
  std::chrono::milliseconds delay{0};      ///< For kDelay and kDrip.
  std::size_t bytes = 0;                   ///< For kOversizedBody (minimum size) and kDrip (step).
  int count = 1;                           ///< How many requests it applies to (< 1: none).
  /// Query parameters a request must have, each with exactly this value, for the fault to
  /// apply to it (others pass it by and do not count); for example `{{"page", "1"}}` fails
  /// the second page of a listing whatever order the pages are requested in. Empty: every
  /// request of the route.
  std::map<std::string, std::string> when_query;

  /// A fault of @p kind with the other fields at their defaults, for @p count requests.
  static Fault of(Kind kind, int count = 1);
  /// A kStatus fault: answer @p status, with `Retry-After: retry_after` if given.
  static Fault http_status(int status, std::optional<std::string> retry_after = std::nullopt,
                           int count = 1);
  /// A kDelay fault: wait @p delay, then answer normally.
  static Fault delayed(std::chrono::milliseconds delay, int count = 1);
};

/// An experience group the emulator holds.
struct Group {
  std::string id;                        ///< 24 lower-case hexadecimal characters.
  std::string name;                      ///< Display name.
  std::optional<std::string> parent_id;  ///< The parent group, if any.
};

/// A user to add with Emulator::add_user(): the fields of a create body (no password needed).
struct UserSeed {
  std::string email;                        ///< Required; unique ignoring case.
  std::optional<std::string> first_name;    ///< `firstName`.
  std::optional<std::string> last_name;     ///< `lastName`.
  std::map<std::string, std::string> tags;  ///< `userTags`.
  std::vector<std::string> group_ids;       ///< Existing groups (see Emulator::groups()).
};

/// A request as the emulator received it, for wire-level assertions.
struct RecordedRequest {
  std::string method;  ///< `GET`, `POST`, ...
  std::string target;  ///< Path and query string exactly as received (still percent-encoded).
  std::string path;    ///< The path part of `target`, still percent-encoded.
  std::string query;   ///< The query string after `?` (empty without one), still percent-encoded.
  /// The query parameters in the order received, percent-decoded (`+` stays `+`).
  std::vector<std::pair<std::string, std::string>> parameters;
  /// The headers, ordered by name ignoring case. `Authorization` reads `[redacted]` unless
  /// EmulatorOptions::record_authorization is set.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;         ///< As received.
  bool authorized = false;  ///< The request carried `Authorization: Bearer <the token served>`.

  /// The first value of header @p name (ignoring case), if present.
  std::optional<std::string> header(std::string_view name) const;
  /// The first value of query parameter @p name (exact case), if present.
  std::optional<std::string> parameter(std::string_view name) const;
};

/**
 * The emulator: a real HTTP(S) server on loopback implementing the Experience Users operations
 * with Losant's status codes, validation messages and error bodies. Thread-safe.
 *
 * Checks run in Losant's order: route shape (else 404), token (401), application id format
 * (400) and identity (404), user id format (400), body (400 Validation), then the data (404 for
 * an unknown user, 400 AlreadyExists for a taken email). Connections are kept alive (idle ones
 * are closed after 1 s; up to 32 are served at once). The emulator never stores passwords.
 *
 * The usual shape of a test: construct, start(), point a client at base_url() with token() and
 * application_id(), act, then assert on what the client returned, on the data (user_count(),
 * find_by_email()) and on the wire (requests()). The destructor stops the server.
 */
class Emulator {
 public:
  /// Seeds the users and the groups. Throws std::invalid_argument for an application id that
  /// is not 24 hexadecimal characters, an empty token or one with control characters, or only
  /// one of the TLS paths.
  explicit Emulator(EmulatorOptions options = {});
  ~Emulator();                                    ///< Stops the server (see stop()).
  Emulator(const Emulator&) = delete;             ///< Not copyable.
  Emulator& operator=(const Emulator&) = delete;  ///< Not copyable.

  /// Binds (any free port when the options say 0) and serves on a background thread. Returns
  /// once the server accepts connections (true at once if already serving); false if it could
  /// not bind or load the TLS certificate and key. Can follow stop() (a new port if 0).
  bool start();
  /// Stops serving and joins the thread. Idempotent. Returns within about a second even with
  /// idle keep-alive clients connected. The data, faults and recorded requests are kept.
  void stop();
  /// Serves on the calling thread until stop() is called from another one (for a program's main
  /// thread). False if it could not bind or load the TLS files, or is already serving.
  bool listen_blocking();

  int port() const;                           ///< The bound port (0 before the first start).
  std::string base_url() const;               ///< `http://127.0.0.1:PORT` (https with TLS).
  const std::string& application_id() const;  ///< The application served.
  const std::string& token() const;           ///< The token required.

  /// Back to the state right after construction: the generated users and groups only, no
  /// pending faults, no recorded requests, the request counter at 0. Keeps serving, on the
  /// same port. Ids are generated again from the seed, so they are the same as the first time.
  void reset();

  std::size_t user_count() const;     ///< Users stored now.
  std::vector<Group> groups() const;  ///< The groups (at start: a small tree of five).
  /// Adds a group; returns its id. Throws std::invalid_argument for a name that is not 1 to 255
  /// characters or an unknown parent.
  std::string add_group(const std::string& name, const std::optional<std::string>& parent_id = {});
  /// Adds a user as a create request would (same validation); returns its id. Throws
  /// std::invalid_argument with the emulator's validation message (e.g. a taken email).
  std::string add_user(const UserSeed& user);
  /// Ids of users whose email equals @p email, ignoring ASCII case (to check for duplicates).
  std::vector<std::string> find_by_email(const std::string& email) const;

  void add_fault(Route route, Fault fault);       ///< Queues a fault (see Fault).
  void clear_faults();                            ///< Removes all pending faults.
  std::vector<RecordedRequest> requests() const;  ///< The last recorded requests, oldest first.
  void clear_requests();                          ///< Forgets recorded requests.
  std::size_t request_count() const;              ///< Requests received since start or reset.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace losant::experience_users::testing
