// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "emulator.hpp"

#include <sys/socket.h>

#include <httplib.h>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "connection.hpp"
#include "groups.hpp"
#include "input.hpp"
#include "reply.hpp"
#include "store.hpp"
#include "text.hpp"

namespace losant::emulator {
namespace {

using detail::Reply;

// Server tuning. cpp-httplib serves each connection on one pool thread for as long as it stays
// open, so the pool bounds the number of concurrent keep-alive clients (its default is 8).
constexpr std::size_t kWorkerThreads = 32;
// cpp-httplib closes a connection after 5 requests by default; the SDK reuses connections.
constexpr std::size_t kKeepAliveMaxRequests = 1'000'000;
// How long an idle keep-alive connection stays open. It is also how long stop() can wait for an
// idle connection: cpp-httplib only notices the stop between requests.
constexpr time_t kKeepAliveTimeoutSeconds = 1;
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 5;
constexpr std::size_t kMaxRequestBodyBytes = 1 << 20;
// How long start() waits for the server thread to accept connections.
constexpr auto kStartTimeout = std::chrono::seconds(5);
// Streamed fault bodies are written in pieces of at most this size.
constexpr std::size_t kStreamPiece = 64 * 1024;
// kDrip sends this many bytes per step unless Fault::bytes says otherwise.
constexpr std::size_t kDefaultDripBytes = 8;

// cpp-httplib adds these pseudo-headers to every request; they were not received.
bool is_pseudo_header(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
         name == "LOCAL_PORT";
}

// cpp-httplib's default socket options set SO_REUSEPORT, which lets a second server bind a port
// that is already in use and silently share its connections. Only SO_REUSEADDR is wanted.
void reuse_address_only(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

/// The operation a request addresses, from its method and path.
struct Target {
  Route route = Route::kAny;
  std::string application_id;
  std::optional<std::string> user_id;
};

// Matches `/applications/{applicationId}/experience/users[/{experienceUserId}]` (one trailing
// slash tolerated, as Express does). Ids are checked later: a malformed id is a 400, not a 404.
std::optional<Target> match_target(const std::string& method, const std::string& path) {
  std::vector<std::string_view> segments;
  std::string_view rest(path);
  if (rest.empty() || rest.front() != '/') return std::nullopt;
  rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if ((segments.size() != 4 && segments.size() != 5) || segments[0] != "applications" ||
      segments[1].empty() || segments[2] != "experience" || segments[3] != "users") {
    return std::nullopt;
  }
  Target target;
  target.application_id = std::string(segments[1]);
  const bool read = method == "GET" || method == "HEAD";
  if (segments.size() == 4) {
    if (read) {
      target.route = Route::kList;
    } else if (method == "POST") {
      target.route = Route::kCreate;
    } else {
      return std::nullopt;
    }
    return target;
  }
  if (segments[4].empty()) return std::nullopt;
  target.user_id = std::string(segments[4]);
  if (read) {
    target.route = Route::kGet;
  } else if (method == "PATCH") {
    target.route = Route::kUpdate;
  } else if (method == "DELETE") {
    target.route = Route::kDelete;
  } else {
    return std::nullopt;
  }
  return target;
}

// The status line and extra headers of @p reply; the body is set separately.
void set_head(httplib::Response& response, const Reply& reply) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
}

void send(httplib::Response& response, const Reply& reply) {
  set_head(response, reply);
  // A provider with a known length is sent as it is: with set_content(), cpp-httplib would
  // compress every body for clients that accept br or gzip (the SDK does), at a CPU cost that
  // dwarfs a loopback transfer and would make the emulator the bottleneck of every benchmark.
  // The SDK's decompression is tested against its own test servers instead.
  if (reply.body.empty()) {
    // A zero-length provider would leave the response without a Content-Length.
    response.set_content(std::string(), reply.content_type);
    return;
  }
  auto body = std::make_shared<const std::string>(reply.body);
  response.set_content_provider(
      body->size(), reply.content_type,
      [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

Reply status_fault_reply(const Fault& fault) {
  Reply reply = detail::error_reply(fault.status, detail::error_type_for_status(fault.status),
                                    detail::reason_phrase(fault.status));
  if (fault.retry_after) reply.headers.emplace_back("Retry-After", *fault.retry_after);
  return reply;
}

Reply html_fault_reply() {
  return Reply{502,
               "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
               "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
               "</body>\r\n</html>\r\n",
               "text/html",
               {}};
}

// Well-formed JSON whose fields have the wrong types, with the route's success status.
Reply wrong_types_reply(Route route) {
  switch (route) {
    case Route::kList:
      return Reply{200,
                   R"({"items":"x","count":"1","totalCount":null,"perPage":true,"page":"0",)"
                   R"("sortField":5,"sortDirection":[],"applicationId":7})",
                   detail::kJsonContentType,
                   {}};
    case Route::kDelete: return Reply{200, R"({"success":"yes"})", detail::kJsonContentType, {}};
    case Route::kAny:
    case Route::kCreate:
    case Route::kGet:
    case Route::kUpdate: break;
  }
  return Reply{route == Route::kCreate ? 201 : 200,
               R"({"id":5,"experienceUserId":false,"applicationId":[],"creationDate":17,)"
               R"("lastUpdated":{},"email":5,"firstName":["x"],"userTags":"x",)"
               R"("experienceGroups":"x"})",
               detail::kJsonContentType,
               {}};
}

/// A response body sent by a content provider: `head`, then `padding` bytes of `x`, then
/// `tail`; in pieces of `piece` bytes with `pause` between them; the connection is closed once
/// `close_at` bytes have been sent.
struct StreamedBody {
  std::string head;
  std::size_t padding = 0;
  std::string tail;
  std::size_t piece = kStreamPiece;
  std::chrono::milliseconds pause{0};
  std::size_t close_at = std::numeric_limits<std::size_t>::max();

  std::size_t size() const { return head.size() + padding + tail.size(); }

  // Writes bytes [offset, offset + count) of the body.
  bool write(std::size_t offset, std::size_t count, httplib::DataSink& sink) const {
    static const std::string kPadding(kStreamPiece, 'x');
    const std::size_t end = offset + count;
    const auto write_part = [&](std::size_t part_begin, std::size_t part_end, const char* data) {
      const std::size_t from = std::max(offset, part_begin);
      const std::size_t to = std::min(end, part_end);
      if (from >= to) return true;
      if (data != nullptr) return sink.write(data + (from - part_begin), to - from);
      for (std::size_t at = from; at < to; at += kPadding.size()) {
        if (!sink.write(kPadding.data(), std::min(kPadding.size(), to - at))) return false;
      }
      return true;
    };
    const std::size_t padding_begin = head.size();
    const std::size_t tail_begin = padding_begin + padding;
    return write_part(0, padding_begin, head.data()) &&
           write_part(padding_begin, tail_begin, nullptr) &&
           write_part(tail_begin, tail_begin + tail.size(), tail.data());
  }
};

}  // namespace

struct Emulator::Impl {
  explicit Impl(Options opts);

  std::unique_ptr<httplib::Server> make_server();
  bool bind(httplib::Server& server);
  // With lifecycle_mutex held: a new bound server, marked serving (nullptr if it cannot bind).
  httplib::Server* prepare_server();
  void serve(httplib::Server& server);  // Runs the accept loop, then marks the end of serving.
  void stop_serving();                  // With lifecycle_mutex held. Idempotent.
  bool is_serving();
  bool wait_unless_stopping(std::chrono::milliseconds duration);

  void handle(const httplib::Request& request, httplib::Response& response);
  void record(const httplib::Request& request);
  std::optional<Fault> take_fault(Route route);
  Reply execute(const Target& target, const httplib::Request& request);
  bool authorized(const httplib::Request& request) const;
  void inject(const Fault& fault, const Target& target, const httplib::Request& request,
              httplib::Response& response);
  void stream(httplib::Response& response, const Reply& reply, StreamedBody body);
  void drop(const httplib::Request& request, httplib::Response& response);

  const Options options;
  detail::Store store;

  // start()/stop()/listen_blocking() run one at a time.
  std::mutex lifecycle_mutex;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::atomic<int> bound_port{0};
  std::atomic<socket_t> listen_socket{INVALID_SOCKET};  // remembered to widen its backlog

  // `serving` is true while listen_after_bind() runs; `stopping` wakes the waits of kDelay and
  // kDrip, so that stop() never waits for an injected delay.
  std::mutex state_mutex;
  std::condition_variable state_changed;
  bool serving = false;
  bool stopping = false;

  struct PendingFault {
    Route route;
    Fault fault;  // fault.count: the requests it still applies to.
  };
  std::mutex faults_mutex;
  std::deque<PendingFault> faults;  // In the order added; kAny entries interleave with the rest.

  mutable std::mutex recorded_mutex;
  std::deque<RecordedRequest> recorded;
  std::atomic<std::size_t> received{0};
};

Emulator::Impl::Impl(Options opts)
    : options(std::move(opts)), store(options.application_id, options.seed) {
  if (!detail::is_object_id(options.application_id)) {
    throw std::invalid_argument("application_id must be 24 hexadecimal characters");
  }
  if (options.token.empty()) throw std::invalid_argument("token must not be empty");
  if (options.tls_cert_path.has_value() != options.tls_key_path.has_value()) {
    throw std::invalid_argument("tls_cert_path and tls_key_path go together");
  }
  store.seed_users(options.seed_users);
}

std::unique_ptr<httplib::Server> Emulator::Impl::make_server() {
  std::unique_ptr<httplib::Server> result;
  if (options.tls_cert_path) {
    result = std::make_unique<httplib::SSLServer>(options.tls_cert_path->c_str(),
                                                  options.tls_key_path->c_str());
  } else {
    result = std::make_unique<httplib::Server>();
  }
  if (!result->is_valid()) return nullptr;  // E.g. an unreadable certificate or key.

  result->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  result->set_socket_options([this](socket_t sock) {
    listen_socket = sock;
    reuse_address_only(sock);
  });
  // Without TCP_NODELAY, the body written after the headers waits for the client's delayed ACK
  // (40 ms on Linux) on every keep-alive request.
  result->set_tcp_nodelay(true);
  result->set_keep_alive_max_count(kKeepAliveMaxRequests);
  result->set_keep_alive_timeout(kKeepAliveTimeoutSeconds);
  result->set_read_timeout(kReadTimeoutSeconds);
  result->set_write_timeout(kWriteTimeoutSeconds);
  result->set_payload_max_length(kMaxRequestBodyBytes);

  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  };
  // One catch-all handler: routing needs the path's shape, not regular expressions.
  result->Get(".*", handler);
  result->Post(".*", handler);
  result->Put(".*", handler);
  result->Patch(".*", handler);
  result->Delete(".*", handler);
  result->Options(".*", handler);
  // Errors cpp-httplib produces itself (413 for a large body, 400 for a malformed request line,
  // ...) come without a body; give them a Losant error body.
  result->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (response.has_header("Content-Type")) return httplib::Server::HandlerResponse::Unhandled;
        send(response,
             detail::error_reply(response.status, detail::error_type_for_status(response.status),
                                 detail::reason_phrase(response.status)));
        return httplib::Server::HandlerResponse::Handled;
      }));
  result->set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        send(response, detail::error_reply(500, "InternalServerError", "Internal Server Error"));
      });
  return result;
}

bool Emulator::Impl::bind(httplib::Server& target_server) {
  int port = options.port;
  if (port == 0) {
    port = target_server.bind_to_any_port(options.host);
    if (port <= 0) return false;
  } else if (!target_server.bind_to_port(options.host, port)) {
    return false;
  }
  bound_port = port;
  // cpp-httplib listens with a backlog of 5: sixteen clients connecting at once would see
  // dropped handshakes, retried a second later. Listening again updates the backlog.
  if (listen_socket != INVALID_SOCKET) ::listen(listen_socket, SOMAXCONN);
  return true;
}

void Emulator::Impl::serve(httplib::Server& target_server) {
  target_server.listen_after_bind();
  {
    std::lock_guard lock(state_mutex);
    serving = false;
  }
  state_changed.notify_all();
}

bool Emulator::Impl::wait_unless_stopping(std::chrono::milliseconds duration) {
  std::unique_lock lock(state_mutex);
  return !state_changed.wait_for(lock, duration, [this] { return stopping; });
}

// ---- requests ----------------------------------------------------------------------------------
void Emulator::Impl::record(const httplib::Request& request) {
  ++received;
  if (options.max_recorded_requests == 0) return;
  RecordedRequest entry{request.method, request.target, {}, request.body};
  for (const auto& [name, value] : request.headers) {
    if (!is_pseudo_header(name)) entry.headers.emplace_back(name, value);
  }
  std::lock_guard lock(recorded_mutex);
  recorded.push_back(std::move(entry));
  while (recorded.size() > options.max_recorded_requests) recorded.pop_front();
}

std::optional<Fault> Emulator::Impl::take_fault(Route route) {
  std::lock_guard lock(faults_mutex);
  const auto it = std::find_if(faults.begin(), faults.end(), [route](const PendingFault& pending) {
    return pending.route == Route::kAny || pending.route == route;
  });
  if (it == faults.end()) return std::nullopt;
  const Fault fault = it->fault;
  if (--it->fault.count == 0) faults.erase(it);
  return fault;
}

void Emulator::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  record(request);
  {  // The groups resource (read side): groups.hpp.
    std::string app;
    std::optional<std::string> group;
    if (detail::match_groups_path(request.path, &app, &group)) {
      if (!authorized(request)) {
        send(response, detail::error_reply(401, "Unauthorized", "Unauthorized"));
      } else if (!detail::is_object_id(app)) {
        send(response, detail::validation_error("applicationId must match ^[A-Fa-f\\d]{24}$"));
      } else if (!detail::iequals(app, options.application_id)) {
        send(response, detail::not_found("Application was not found"));
      } else {
        send(response, detail::serve_groups(request.method, group, request.params, store.groups(),
                                            options.application_id));
      }
      return;
    }
  }
  const std::optional<Target> target = match_target(request.method, request.path);
  if (!target) {
    send(response, detail::not_found("Route was not found"));
    return;
  }
  if (const std::optional<Fault> fault = take_fault(target->route)) {
    inject(*fault, *target, request, response);
    return;
  }
  send(response, execute(*target, request));
}

bool Emulator::Impl::authorized(const httplib::Request& request) const {
  static constexpr std::string_view kScheme = "Bearer ";
  const std::string value = request.get_header_value("Authorization");
  return value.size() > kScheme.size() &&
         detail::iequals(std::string_view(value).substr(0, kScheme.size()), kScheme) &&
         std::string_view(value).substr(kScheme.size()) == options.token;
}

Reply Emulator::Impl::execute(const Target& target, const httplib::Request& request) {
  if (!authorized(request)) return detail::error_reply(401, "Unauthorized", "Unauthorized");
  if (!detail::is_object_id(target.application_id)) {
    return detail::validation_error("applicationId must match ^[A-Fa-f\\d]{24}$");
  }
  if (!detail::iequals(target.application_id, options.application_id)) {
    return detail::not_found("Application was not found");
  }
  if (target.user_id && !detail::is_object_id(*target.user_id)) {
    return detail::validation_error("experienceUserId must match ^[A-Fa-f\\d]{24}$");
  }
  const auto parse_body = [&request](detail::BodySchema schema, detail::UserInput* input) {
    return detail::parse_user_input(request.body, schema, input);
  };
  switch (target.route) {
    case Route::kList: {
      detail::ListQuery query;
      if (auto error = detail::parse_list_query(request.params, &query))
        return detail::validation_error(*error);
      return store.list(query);
    }
    case Route::kCreate: {
      detail::UserInput input;
      if (auto error = parse_body(detail::BodySchema::kPost, &input))
        return detail::validation_error(*error);
      return store.create(input);
    }
    case Route::kGet: return store.get(*target.user_id);
    case Route::kUpdate: {
      detail::UserInput input;
      if (auto error = parse_body(detail::BodySchema::kPatch, &input))
        return detail::validation_error(*error);
      return store.update(*target.user_id, input);
    }
    case Route::kDelete: return store.remove(*target.user_id);
    case Route::kAny: break;
  }
  return detail::not_found("Route was not found");  // Unreachable: match_target sets a route.
}

// ---- faults ------------------------------------------------------------------------------------
void Emulator::Impl::inject(const Fault& fault, const Target& target,
                            const httplib::Request& request, httplib::Response& response) {
  using Kind = Fault::Kind;
  switch (fault.kind) {
    case Kind::kStatus: send(response, status_fault_reply(fault)); return;
    case Kind::kHtmlBody: send(response, html_fault_reply()); return;
    case Kind::kWrongTypes: send(response, wrong_types_reply(target.route)); return;
    case Kind::kEmpty200: send(response, Reply{200, "", detail::kJsonContentType, {}}); return;
    case Kind::kCloseBeforeResponse: drop(request, response); return;
    case Kind::kApplyThenDrop:
      execute(target, request);
      drop(request, response);
      return;
    case Kind::kDelay:
      if (!wait_unless_stopping(fault.delay)) {
        drop(request, response);
        return;
      }
      send(response, execute(target, request));
      return;
    case Kind::kTruncatedBody: {
      Reply reply = execute(target, request);
      reply.body.resize(reply.body.size() / 2);
      send(response, reply);
      return;
    }
    case Kind::kCloseMidBody: {
      const Reply reply = execute(target, request);
      StreamedBody body;
      body.head = reply.body;
      body.close_at = reply.body.size() / 2;
      stream(response, reply, std::move(body));
      return;
    }
    case Kind::kDrip: {
      const Reply reply = execute(target, request);
      StreamedBody body;
      body.head = reply.body;
      body.piece = fault.bytes > 0 ? fault.bytes : kDefaultDripBytes;
      body.pause = fault.delay;
      stream(response, reply, std::move(body));
      return;
    }
    case Kind::kOversizedBody: {
      // The normal (object) body with a `padding` member first: still valid JSON, and a client
      // that ignores unknown members would decode it as the normal answer.
      const Reply reply = execute(target, request);
      StreamedBody body;
      body.head = R"({"padding":")";
      // Every reply of execute() is a JSON object: `{` followed by its members (or just `}`).
      const std::string_view members =
          reply.body.size() >= 2 ? std::string_view(reply.body).substr(1) : std::string_view("}");
      body.tail = std::string(members.front() == '}' ? "\"" : "\",") + std::string(members);
      body.padding = fault.bytes > body.head.size() + body.tail.size()
                         ? fault.bytes - body.head.size() - body.tail.size()
                         : 0;
      stream(response, reply, std::move(body));
      return;
    }
  }
}

void Emulator::Impl::stream(httplib::Response& response, const Reply& reply, StreamedBody body) {
  set_head(response, reply);
  const std::size_t size = body.size();
  // cpp-httplib sends the status line and headers (Content-Length: size) before it calls the
  // provider; a provider that returns false makes it close the connection at once.
  response.set_content_provider(
      size, reply.content_type,
      [this, body = std::move(body)](std::size_t offset, std::size_t length,
                                     httplib::DataSink& sink) {
        if (offset >= body.close_at) return false;
        if (offset > 0 && body.pause.count() > 0 && !wait_unless_stopping(body.pause)) return false;
        return body.write(offset, std::min({length, body.piece, body.close_at - offset}), sink);
      });
}

void Emulator::Impl::drop(const httplib::Request& request, httplib::Response& response) {
  if (detail::shutdown_connection(request)) return;
  // Not expected to happen; the closest substitute is to close right after the headers.
  response.set_content_provider(1, detail::kJsonContentType,
                                [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

// ---- Emulator ----------------------------------------------------------------------------------
Emulator::Emulator(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Emulator::~Emulator() {
  stop();
}

httplib::Server* Emulator::Impl::prepare_server() {
  std::unique_ptr<httplib::Server> created = make_server();
  if (!created || !bind(*created)) return nullptr;
  if (thread.joinable()) thread.join();  // The thread of a previous start(), already finished.
  server = std::move(created);
  std::lock_guard lock(state_mutex);
  serving = true;
  stopping = false;
  return server.get();
}

void Emulator::Impl::stop_serving() {
  std::unique_lock lock(state_mutex);
  stopping = true;
  state_changed.notify_all();
  // cpp-httplib's stop() does nothing until the accept loop runs, so it is repeated until it
  // met a running server (this covers a listen_blocking() that has not reached its loop yet).
  bool stop_delivered = false;
  while (serving) {
    if (!stop_delivered) {
      lock.unlock();
      stop_delivered = server->is_running();
      server->stop();
      lock.lock();
    }
    state_changed.wait_for(lock, std::chrono::milliseconds(10), [this] { return !serving; });
  }
  lock.unlock();
  if (thread.joinable()) thread.join();
}

bool Emulator::Impl::is_serving() {
  std::lock_guard lock(state_mutex);
  return serving;
}

bool Emulator::start() {
  std::lock_guard lifecycle(impl_->lifecycle_mutex);
  if (impl_->is_serving()) return true;
  httplib::Server* server = impl_->prepare_server();
  if (server == nullptr) return false;
  impl_->thread = std::thread([impl = impl_.get(), server] { impl->serve(*server); });

  // cpp-httplib 0.11.4 has no wait_until_ready(): the socket already listens (connections queue
  // in the backlog), and is_running() turns true when the accept loop starts.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!server->is_running() && impl_->is_serving() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (server->is_running()) return true;
  impl_->stop_serving();  // listen_after_bind() failed or never started.
  return false;
}

void Emulator::stop() {
  std::lock_guard lifecycle(impl_->lifecycle_mutex);
  impl_->stop_serving();
}

bool Emulator::listen_blocking() {
  httplib::Server* server = nullptr;
  {
    std::lock_guard lifecycle(impl_->lifecycle_mutex);
    if (impl_->is_serving()) return false;
    server = impl_->prepare_server();
    if (server == nullptr) return false;
  }
  // stop() may run from here on: it waits for serve() to report the end.
  impl_->serve(*server);
  return true;
}

int Emulator::port() const {
  return impl_->bound_port;
}

std::string Emulator::base_url() const {
  std::string host = impl_->options.host;
  if (host.empty() || host == "0.0.0.0") {
    host = "127.0.0.1";
  } else if (host == "::") {
    host = "[::1]";
  } else if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";
  }
  const char* scheme = impl_->options.tls_cert_path ? "https://" : "http://";
  return scheme + host + ":" + std::to_string(port());
}

const std::string& Emulator::application_id() const {
  return impl_->options.application_id;
}

const std::string& Emulator::token() const {
  return impl_->options.token;
}

std::size_t Emulator::user_count() const {
  return impl_->store.user_count();
}

std::vector<Group> Emulator::groups() const {
  return impl_->store.groups();
}

std::string Emulator::add_group(const std::string& name,
                                const std::optional<std::string>& parent_id) {
  return impl_->store.add_group(name, parent_id);
}

std::vector<std::string> Emulator::find_by_email(const std::string& email) const {
  return impl_->store.find_by_email(email);
}

void Emulator::add_fault(Route route, Fault fault) {
  if (fault.count <= 0) return;
  std::lock_guard lock(impl_->faults_mutex);
  impl_->faults.push_back({route, std::move(fault)});
}

void Emulator::clear_faults() {
  std::lock_guard lock(impl_->faults_mutex);
  impl_->faults.clear();
}

std::vector<RecordedRequest> Emulator::requests() const {
  std::lock_guard lock(impl_->recorded_mutex);
  return {impl_->recorded.begin(), impl_->recorded.end()};
}

void Emulator::clear_requests() {
  std::lock_guard lock(impl_->recorded_mutex);
  impl_->recorded.clear();
}

std::size_t Emulator::request_count() const {
  return impl_->received;
}

}  // namespace losant::emulator
