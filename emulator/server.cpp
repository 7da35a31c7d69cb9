// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The server: cpp-httplib set-up (threads, keep-alive, timeouts, error bodies) and the lifecycle
// (start, stop, listen_blocking) of the public Emulator.
#include <sys/socket.h>

#include <stdexcept>

#include "impl.hpp"
#include "text.hpp"

namespace losant::experience_users::testing {
namespace {

using emulator_internal::send;

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

// cpp-httplib's default socket options set SO_REUSEPORT, which lets a second server bind a port
// that is already in use and silently share its connections. Only SO_REUSEADDR is wanted.
void reuse_address_only(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

}  // namespace

Emulator::Impl::Impl(EmulatorOptions opts)
    : options(std::move(opts)), store(options.application_id, options.seed) {
  if (!detail::is_object_id(options.application_id)) {
    throw std::invalid_argument("application_id must be 24 hexadecimal characters");
  }
  if (options.token.empty()) throw std::invalid_argument("token must not be empty");
  // A header value cannot carry control characters, so no client could send such a token.
  if (std::any_of(options.token.begin(), options.token.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    throw std::invalid_argument("token must not contain control characters");
  }
  if (options.tls_cert_path.has_value() != options.tls_key_path.has_value()) {
    throw std::invalid_argument("tls_cert_path and tls_key_path go together");
  }
  seed();
}

void Emulator::Impl::seed() {
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

Emulator::Emulator(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

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

}  // namespace losant::experience_users::testing
