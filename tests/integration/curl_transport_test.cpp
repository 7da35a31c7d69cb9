// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The libcurl transport against real local servers: cpp-httplib servers (plain and TLS) for
// well-behaved HTTP, and raw POSIX socket servers for what httplib will not do (close without
// answering, send interim responses, never accept). Every server binds an ephemeral port on
// 127.0.0.1, so test runs can go in parallel. Waits are generous (tests also run under
// sanitizers, many times slower) and only bound failures: no test passes by waiting.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "losant/experience_users/curl_transport.hpp"
#include "losant/experience_users/transport.hpp"
#include "transport/curl/curl_error.hpp"
#include "transport/curl/curl_response.hpp"

namespace losant::experience_users {

// Readable kinds in assertion failures.
void PrintTo(ErrorKind kind, std::ostream* os) {
  *os << to_string(kind);
}

namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// The secret every failing request carries; no error may ever repeat it.
constexpr const char* kCanaryToken = "CANARY-TOKEN-123";
// Long enough for any loopback exchange under a sanitizer; only a broken test waits this long.
constexpr auto kGenerous = 60s;

// ---------------------------------------------------------------------------------------------
// Helpers

// A door that handlers wait behind until the test opens it (or kGenerous passes).
class Gate {
 public:
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  bool Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, kGenerous, [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Blocks each arriving thread until `expected` threads have arrived (or kGenerous passes), so a
// test can prove that requests were in flight at the same time.
class Rendezvous {
 public:
  explicit Rendezvous(int expected) : expected_(expected) {}
  bool ArriveAndWait() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (++arrived_ >= expected_) cv_.notify_all();
    return cv_.wait_for(lock, kGenerous, [&] { return arrived_ >= expected_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int arrived_ = 0;
  const int expected_;
};

// What an httplib server saw of one request. (Headers are checked on the wire instead:
// httplib drops empty values and adds pseudo-headers.)
struct SeenRequest {
  std::string method;
  std::string body;
  int remote_port = 0;
};

// A thread-safe record of the requests a server handled.
class RequestLog {
 public:
  void Add(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back({req.method, req.body, req.remote_port});
  }
  std::vector<SeenRequest> All() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t Count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.size();
  }
  // How many TCP connections the requests came over (one client address, so: distinct ports).
  std::size_t Connections() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::set<int> ports;
    for (const auto& r : requests_) ports.insert(r.remote_port);
    return ports.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<SeenRequest> requests_;
};

// A cpp-httplib server (plain, or TLS when given a certificate) on an ephemeral port.
class HttpServer {
 public:
  HttpServer() : server_(std::make_unique<httplib::Server>()) { Configure(); }
  HttpServer(const std::string& cert_path, const std::string& key_path)
      : server_(std::make_unique<httplib::SSLServer>(cert_path.c_str(), key_path.c_str())) {
    Configure();
  }
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer() { Stop(); }

  // Register handlers here before Start().
  httplib::Server& routes() { return *server_; }

  void Start() {
    ASSERT_TRUE(server_->is_valid());
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // cpp-httplib 0.11 has no wait_until_ready(): poll.
    const auto deadline = std::chrono::steady_clock::now() + kGenerous;
    while (!server_->is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    ASSERT_TRUE(server_->is_running());
  }

  void Stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string Url(const std::string& path, const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Configure() {
    // Keep connections open for as long as any test runs, so a new connection always means the
    // client opened one. The client closes them when its transport is destroyed.
    server_->set_keep_alive_max_count(100000);
    server_->set_keep_alive_timeout(120);
    // Every kept-alive connection holds a worker thread; the default pool (8) is too small for
    // the concurrency tests.
    server_->new_task_queue = [] { return new httplib::ThreadPool(32); };
    // httplib writes a response's head and body separately; with Nagle's algorithm on, the
    // body then waits for the client's delayed ACK (about 40 ms a response).
    server_->set_tcp_nodelay(true);
  }

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A raw TCP server on an ephemeral port: runs `session(fd)` on its own thread for each accepted
// connection, then closes the connection. For behaviour an HTTP server library refuses to
// produce.
class RawServer {
 public:
  using Session = std::function<void(int fd)>;

  explicit RawServer(Session session, bool accept_connections = true)
      : session_(std::move(session)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_GE(listen_fd_, 0);
    sockaddr_in addr = Loopback(0);
    EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    // Backlog 0: with nobody accepting, the queue fills after one connection and the kernel
    // then drops further SYNs, so a new connect() hangs (the connect-timeout test).
    EXPECT_EQ(::listen(listen_fd_, accept_connections ? 16 : 0), 0);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port_ = ntohs(addr.sin_port);
    if (accept_connections) acceptor_ = std::thread([this] { AcceptLoop(); });
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;
  ~RawServer() {
    stopping_ = true;
    if (acceptor_.joinable()) acceptor_.join();
    {
      // Wake sessions blocked in recv() on connections the client still holds open.
      std::lock_guard<std::mutex> lock(mutex_);
      for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& session : sessions_) session.join();
    for (int fd : fillers_) ::close(fd);
    ::close(listen_fd_);
  }

  int port() const { return port_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int accepted() const { return accepted_; }

  // For a server that never accepts: occupies the accept queue so the next connect hangs.
  void FillAcceptQueue() {
    for (int i = 0; i < 3; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      sockaddr_in addr = Loopback(port_);
      (void)::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
      fillers_.push_back(fd);
    }
  }

 private:
  static sockaddr_in Loopback(int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    return addr;
  }

  void AcceptLoop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      ++accepted_;
      std::lock_guard<std::mutex> lock(mutex_);
      open_fds_.insert(fd);
      sessions_.emplace_back([this, fd] {
        session_(fd);
        std::lock_guard<std::mutex> session_lock(mutex_);
        open_fds_.erase(fd);
        ::close(fd);
      });
    }
  }

  Session session_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::vector<int> fillers_;
  std::mutex mutex_;
  std::set<int> open_fds_;
  std::vector<std::thread> sessions_;  // written by the acceptor only, joined after it ends
  std::thread acceptor_;
};

// Reads one HTTP/1.1 request (head, then a Content-Length body) from @p fd.
std::string ReadRequest(int fd) {
  std::string data;
  char buffer[4096];
  std::size_t wanted = std::string::npos;
  while (data.size() < wanted) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    const auto head_end = data.find("\r\n\r\n");
    if (head_end != std::string::npos && wanted == std::string::npos) {
      std::size_t body_length = 0;
      const auto cl = data.find("Content-Length: ");
      if (cl != std::string::npos && cl < head_end) body_length = std::stoul(data.substr(cl + 16));
      wanted = head_end + 4 + body_length;
    }
  }
  return data;
}

void WriteAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

// A request as it crossed the wire.
struct WireRequest {
  std::string request_line;
  std::vector<std::pair<std::string, std::string>> headers;  // in order, values trimmed
  std::string body;
};

WireRequest ParseWireRequest(const std::string& raw) {
  WireRequest out;
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return out;
  out.body = raw.substr(head_end + 4);
  std::size_t pos = raw.find("\r\n");
  out.request_line = raw.substr(0, pos);
  while (pos < head_end) {
    const std::size_t next = raw.find("\r\n", pos + 2);
    const std::string line = raw.substr(pos + 2, next - pos - 2);
    const auto colon = line.find(':');
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    out.headers.emplace_back(line.substr(0, colon), value);
    pos = next;
  }
  return out;
}

// A port with nothing listening on it (bound once, then released).
int UnusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

HttpRequest MakeRequest(HttpMethod method, std::string url, std::string body = {}) {
  HttpRequest r;
  r.method = method;
  r.url = std::move(url);
  r.headers = {{"Authorization", std::string("Bearer ") + kCanaryToken}};
  r.body = std::move(body);
  r.timeout = milliseconds(kGenerous);
  return r;
}

bool HasPadding(const std::string& body) {
  return body.capacity() - body.size() >= internal::kResponseBodyPadding;
}

// The error of a failed send, checked to hold no secret.
Error ErrorOf(const Result<HttpResponse>& result) {
  EXPECT_FALSE(result.ok()) << "unexpected success, status " << (result.ok() ? result->status : 0);
  if (result.ok()) return Error{};
  const Error& e = result.error();
  EXPECT_EQ(e.message.find(kCanaryToken), std::string::npos) << e.message;
  EXPECT_EQ(e.field.find(kCanaryToken), std::string::npos) << e.field;
  EXPECT_EQ(e.to_string().find(kCanaryToken), std::string::npos) << e.to_string();
  EXPECT_EQ(e.to_string().find("Bearer"), std::string::npos) << e.to_string();
  return e;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A repetitive, well-compressible body of @p size bytes.
std::string CompressibleBody(std::size_t size) {
  std::string body;
  while (body.size() < size) body += R"({"email":"user@example.com","firstName":"Ada"},)";
  body.resize(size);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Fixture: one plain server, a gate for blocking handlers, and a transport.

class CurlTransportTest : public ::testing::Test {
 protected:
  void TearDown() override {
    gate_.Open();        // release handlers still waiting, so the servers can stop
    transport_.reset();  // close kept-alive connections before the servers stop
  }

  // Another server, stopped after the transport is gone (a server stops only when its
  // kept-alive connections close).
  template <typename... Args>
  HttpServer& NewServer(Args&&... args) {
    extra_servers_.push_back(std::make_unique<HttpServer>(std::forward<Args>(args)...));
    return *extra_servers_.back();
  }

  HttpTransport& Transport(CurlTransportOptions options = {}) {
    transport_ = make_curl_transport(std::move(options));
    return *transport_;
  }

  // Every method on /echo records the request and answers 200 with the X-Id header's value.
  void StartEchoServer() {
    const auto echo = [this](const httplib::Request& req, httplib::Response& res) {
      log_.Add(req);
      res.set_content(req.get_header_value("X-Id"), "text/plain");
    };
    server_.routes()
        .Get("/echo", echo)
        .Post("/echo", echo)
        .Patch("/echo", echo)
        .Delete("/echo", echo);
    server_.Start();
  }

  // Declared so that handlers' state outlives the servers, and servers outlive the transport.
  Gate gate_;
  RequestLog log_;
  RequestLog other_log_;
  HttpServer server_;
  std::vector<std::unique_ptr<HttpServer>> extra_servers_;
  std::shared_ptr<HttpTransport> transport_;
};

// ---------------------------------------------------------------------------------------------
// Requests go out exactly as given.

TEST_F(CurlTransportTest, SendsEachMethodWithExactlyTheGivenHeadersAndBody) {
  // Read off the wire: httplib would hide what matters here (it drops empty header values).
  std::mutex mutex;
  std::vector<std::string> raw_requests;
  RawServer capture([&](int fd) {
    std::string raw = ReadRequest(fd);
    {
      std::lock_guard<std::mutex> lock(mutex);
      raw_requests.push_back(std::move(raw));
    }
    WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  HttpTransport& transport = Transport();
  // Larger than libcurl's Expect: 100-continue threshold (1 KiB, or 1 MiB in newer versions).
  const std::string big_body(1536 * 1024, 'x');
  struct Case {
    HttpMethod method;
    std::string body;
  };
  const std::vector<Case> cases = {{HttpMethod::kGet, ""},
                                   {HttpMethod::kPost, big_body},
                                   {HttpMethod::kPost, ""},
                                   {HttpMethod::kPatch, R"({"firstName":"Ada"})"},
                                   {HttpMethod::kDelete, ""}};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    SCOPED_TRACE(std::string(to_string(c.method)) + " with " + std::to_string(c.body.size()) +
                 " body bytes");
    HttpRequest request = MakeRequest(c.method, capture.Url("/echo?x=1"), c.body);
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("X-Empty", "");
    request.headers.emplace_back("X-Multi", "one");
    request.headers.emplace_back("X-Multi", "two");
    if (!c.body.empty()) request.headers.emplace_back("Content-Type", "application/json");

    Result<HttpResponse> result = transport.send(request);
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->status, 200);
    std::string raw;
    {
      std::lock_guard<std::mutex> lock(mutex);
      ASSERT_EQ(raw_requests.size(), i + 1);
      raw = raw_requests.back();
    }
    const WireRequest seen = ParseWireRequest(raw);
    EXPECT_EQ(seen.request_line, std::string(to_string(c.method)) + " /echo?x=1 HTTP/1.1");
    EXPECT_EQ(seen.body, c.body);

    // The given headers plus only what HTTP/1.1 needs (Host, Content-Length for a body) and
    // the Accept-Encoding the transport decodes. No Expect, no default Content-Type, no
    // second Accept, no User-Agent.
    std::multimap<std::string, std::string> expected;
    for (const auto& [name, value] : request.headers) expected.emplace(Lower(name), value);
    expected.emplace("host", "127.0.0.1:" + std::to_string(capture.port()));
    const bool sends_body = c.method == HttpMethod::kPost || c.method == HttpMethod::kPatch;
    if (sends_body) expected.emplace("content-length", std::to_string(c.body.size()));
    std::multimap<std::string, std::string> actual;
    for (const auto& [name, value] : seen.headers) actual.emplace(Lower(name), value);
    ASSERT_EQ(actual.count("accept-encoding"), 1u);
    EXPECT_NE(actual.find("accept-encoding")->second.find("gzip"), std::string::npos);
    actual.erase("accept-encoding");
    EXPECT_EQ(actual, expected);
  }
}

TEST_F(CurlTransportTest, SendsDeleteWithABodyWhenGivenOne) {
  StartEchoServer();
  HttpRequest request = MakeRequest(HttpMethod::kDelete, server_.Url("/echo"), "{}");
  request.headers.emplace_back("Content-Type", "application/json");
  Result<HttpResponse> result = Transport().send(request);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  const SeenRequest seen = log_.All().back();
  EXPECT_EQ(seen.method, "DELETE");
  EXPECT_EQ(seen.body, "{}");
}

TEST_F(CurlTransportTest, RefusesInvalidRequestsBeforeAnyIo) {
  StartEchoServer();
  HttpTransport& transport = Transport();

  HttpRequest injected = MakeRequest(HttpMethod::kGet, server_.Url("/echo"));
  injected.headers.emplace_back("X-Evil", std::string(kCanaryToken) + "\r\nX-Injected: 1");
  Error e = ErrorOf(transport.send(injected));
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(e.field, "headers");
  EXPECT_NE(e.message.find("X-Evil"), std::string::npos) << e.message;
  EXPECT_FALSE(e.request_may_have_been_sent);

  HttpRequest bad_name = MakeRequest(HttpMethod::kGet, server_.Url("/echo"));
  bad_name.headers.emplace_back("X Bad:", "v");
  EXPECT_EQ(ErrorOf(transport.send(bad_name)).kind, ErrorKind::kInvalidArgument);

  e = ErrorOf(transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/echo"), "body")));
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(e.field, "body");

  e = ErrorOf(transport.send(MakeRequest(HttpMethod::kGet, "ftp://127.0.0.1/file")));
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(e.field, "url");
  EXPECT_FALSE(e.request_may_have_been_sent);

  e = ErrorOf(transport.send(MakeRequest(HttpMethod::kGet, "not a url")));
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);

  // libcurl reads 0 as "no timeout": an attempt with no time left must fail, not hang.
  HttpRequest no_time = MakeRequest(HttpMethod::kGet, server_.Url("/echo"));
  no_time.timeout = 0ms;
  e = ErrorOf(transport.send(no_time));
  EXPECT_EQ(e.kind, ErrorKind::kTimeout);
  EXPECT_FALSE(e.request_may_have_been_sent);

  EXPECT_EQ(log_.Count(), 0u);
}

// ---------------------------------------------------------------------------------------------
// Responses.

TEST_F(CurlTransportTest, ReturnsStatusHeadersAndPaddedBodyOfAnyStatus) {
  server_.routes().Get("/created", [](const httplib::Request&, httplib::Response& res) {
    res.status = 201;
    res.set_header("X-Reply", "abc");
    res.set_content(R"({"id":"1"})", "application/json");
  });
  server_.routes().Get("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"type":"NotFound"})", "application/json");
  });
  server_.routes().Delete(
      "/empty", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server_.Start();
  HttpTransport& transport = Transport();

  Result<HttpResponse> created =
      transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/created")));
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(created->status, 201);
  EXPECT_EQ(created->body, R"({"id":"1"})");
  EXPECT_EQ(created->header("x-reply"), "abc");
  EXPECT_EQ(created->header("X-REPLY"), "abc");
  EXPECT_EQ(created->header("Content-Type"), "application/json");
  EXPECT_EQ(created->header("X-Absent"), std::nullopt);
  EXPECT_TRUE(HasPadding(created->body));

  Result<HttpResponse> missing =
      transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/missing")));
  ASSERT_TRUE(missing.ok()) << "a 404 is a successful transport";
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, R"({"type":"NotFound"})");

  Result<HttpResponse> empty =
      transport.send(MakeRequest(HttpMethod::kDelete, server_.Url("/empty")));
  ASSERT_TRUE(empty.ok()) << empty.error().to_string();
  EXPECT_EQ(empty->status, 204);
  EXPECT_TRUE(empty->body.empty());
  EXPECT_TRUE(HasPadding(empty->body));
}

TEST_F(CurlTransportTest, KeepsOnlyTheFinalResponsesHeaders) {
  // 103 Early Hints and 100 Continue come before the final response; their headers are not
  // the response's.
  RawServer raw([](int fd) {
    ReadRequest(fd);
    WriteAll(fd,
             "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
             "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
             "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Final: yes\r\n"
             "X-Folded: first\r\n  second\r\nConnection: close\r\n\r\nok");
  });
  Result<HttpResponse> result = Transport().send(MakeRequest(HttpMethod::kGet, raw.Url("/")));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "ok");
  const HttpHeaders expected = {{"Content-Length", "2"},
                                {"X-Final", "yes"},
                                {"X-Folded", "first second"},
                                {"Connection", "close"}};
  EXPECT_EQ(result->headers, expected);
}

TEST_F(CurlTransportTest, DoesNotFollowRedirects) {
  HttpServer& elsewhere = NewServer();
  elsewhere.routes().Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    other_log_.Add(req);
    res.set_content("leaked", "text/plain");
  });
  elsewhere.Start();
  server_.routes().Get("/moved", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(elsewhere.Url("/steal-token"), 302);
  });
  server_.Start();

  Result<HttpResponse> result =
      Transport().send(MakeRequest(HttpMethod::kGet, server_.Url("/moved")));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 302);
  EXPECT_EQ(result->header("Location"), elsewhere.Url("/steal-token"));
  EXPECT_EQ(other_log_.Count(), 0u);
}

TEST_F(CurlTransportTest, DecodesCompressedBodies) {
  const std::string json = CompressibleBody(100 * 1024);
  server_.routes().Get("/json", [&](const httplib::Request& req, httplib::Response& res) {
    log_.Add(req);
    res.set_content(json, "application/json");  // httplib compresses as Accept-Encoding allows
  });
  server_.Start();
  HttpTransport& transport = Transport();

  // Asking for gzip only: httplib answers gzip.
  HttpRequest gzip_only = MakeRequest(HttpMethod::kGet, server_.Url("/json"));
  gzip_only.headers.emplace_back("Accept-Encoding", "gzip");
  Result<HttpResponse> gzip = transport.send(gzip_only);
  ASSERT_TRUE(gzip.ok()) << gzip.error().to_string();
  EXPECT_EQ(gzip->header("Content-Encoding"), "gzip");
  EXPECT_LT(std::stoul(std::string(gzip->header("Content-Length").value_or("0"))), json.size());
  EXPECT_EQ(gzip->body, json);
  EXPECT_TRUE(HasPadding(gzip->body));

  // The transport's own Accept-Encoding: whatever libcurl decodes (httplib then prefers br).
  Result<HttpResponse> any = transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/json")));
  ASSERT_TRUE(any.ok()) << any.error().to_string();
  EXPECT_TRUE(any->header("Content-Encoding").has_value());
  EXPECT_EQ(any->body, json);
  EXPECT_TRUE(HasPadding(any->body));
}

// ---------------------------------------------------------------------------------------------
// The response size cap.

TEST_F(CurlTransportTest, AcceptsABodyOfExactlyTheCap) {
  constexpr std::size_t kCap = 64 * 1024;
  server_.routes().Get("/blob", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kCap, 'b'), "application/octet-stream");
  });
  server_.Start();
  CurlTransportOptions options;
  options.max_response_bytes = kCap;
  Result<HttpResponse> result =
      Transport(options).send(MakeRequest(HttpMethod::kGet, server_.Url("/blob")));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->body.size(), kCap);
  EXPECT_TRUE(HasPadding(result->body));
}

TEST_F(CurlTransportTest, RefusesADeclaredContentLengthOverTheCapBeforeTheBodyArrives) {
  constexpr std::size_t kCap = 1000;
  // The head announces kCap + 1 bytes, then the body never comes until the test ends: only a
  // check on Content-Length can fail this request (otherwise it would wait for the timeout).
  server_.routes().Get("/huge", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(kCap + 1, "application/octet-stream",
                             [&](std::size_t, std::size_t, httplib::DataSink&) {
                               gate_.Wait();
                               return false;
                             });
  });
  server_.Start();
  CurlTransportOptions options;
  options.max_response_bytes = kCap;
  Error e = ErrorOf(Transport(options).send(MakeRequest(HttpMethod::kGet, server_.Url("/huge"))));
  EXPECT_EQ(e.kind, ErrorKind::kResponseTooLarge);
  EXPECT_NE(e.message.find("1000 bytes"), std::string::npos) << e.message;
  EXPECT_EQ(e.http_status, 200);
  EXPECT_FALSE(e.retryable);
  EXPECT_TRUE(e.request_may_have_been_sent);
}

TEST_F(CurlTransportTest, RefusesAChunkedBodyOverTheCapWhileReceiving) {
  constexpr std::size_t kCap = 50 * 1024;
  server_.routes().Get("/stream", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [](std::size_t offset, httplib::DataSink& sink) {
                                       if (offset >= 200 * 1024) {
                                         sink.done();
                                         return true;
                                       }
                                       const std::string chunk(10 * 1024, 'c');
                                       return sink.write(chunk.data(), chunk.size());
                                     });
  });
  server_.Start();
  CurlTransportOptions options;
  options.max_response_bytes = kCap;
  Error e = ErrorOf(Transport(options).send(MakeRequest(HttpMethod::kGet, server_.Url("/stream"))));
  EXPECT_EQ(e.kind, ErrorKind::kResponseTooLarge);
  EXPECT_NE(e.message.find(std::to_string(kCap) + " bytes"), std::string::npos) << e.message;
}

TEST_F(CurlTransportTest, AChunkedBodyPastTheDirectGrowthSizeArrivesWhole) {
  // 12 MiB of unknown length: the buffer doubles to 4 MiB, then reserves the cap at once.
  constexpr std::size_t kTotal = 12 * 1024 * 1024 + 123;
  std::string expected;
  for (std::size_t i = 0; i < kTotal; ++i) expected += static_cast<char>('a' + i % 26);
  server_.routes().Get("/stream", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider(
        "application/octet-stream", [&](std::size_t offset, httplib::DataSink& sink) {
          if (offset >= kTotal) {
            sink.done();
            return true;
          }
          const std::size_t n = std::min<std::size_t>(64 * 1024 + 7, kTotal - offset);
          return sink.write(expected.data() + offset, n);
        });
  });
  server_.Start();
  Result<HttpResponse> result =
      Transport().send(MakeRequest(HttpMethod::kGet, server_.Url("/stream")));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(result->body == expected) << result->body.size() << " bytes";
  EXPECT_TRUE(HasPadding(result->body));
}

TEST_F(CurlTransportTest, AppliesTheCapToTheDecodedBody) {
  // Compressed, the body is far below the cap; decoded, it is twice the cap.
  constexpr std::size_t kCap = 50 * 1024;
  const std::string json = CompressibleBody(2 * kCap);
  server_.routes().Get("/json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json, "application/json");
  });
  server_.Start();
  CurlTransportOptions options;
  options.max_response_bytes = kCap;
  HttpRequest request = MakeRequest(HttpMethod::kGet, server_.Url("/json"));
  request.headers.emplace_back("Accept-Encoding", "gzip");
  Error e = ErrorOf(Transport(options).send(request));
  EXPECT_EQ(e.kind, ErrorKind::kResponseTooLarge);
}

// ---------------------------------------------------------------------------------------------
// Connection reuse and concurrency.

TEST_F(CurlTransportTest, ReusesOneConnectionForSequentialRequests) {
  StartEchoServer();
  HttpTransport& transport = Transport();
  const HttpMethod methods[] = {HttpMethod::kGet, HttpMethod::kPatch, HttpMethod::kDelete};
  for (int i = 0; i < 20; ++i) {
    const HttpMethod method = methods[i % 3];
    HttpRequest request =
        MakeRequest(method, server_.Url("/echo"), method == HttpMethod::kPatch ? "{}" : "");
    Result<HttpResponse> result = transport.send(request);
    ASSERT_TRUE(result.ok()) << result.error().to_string();
  }
  EXPECT_EQ(log_.Count(), 20u);
  EXPECT_EQ(log_.Connections(), 1u);
}

TEST_F(CurlTransportTest, PostsOpenAFreshConnectionUnlessReuseIsAllowed) {
  StartEchoServer();
  for (bool reuse : {false, true}) {
    CurlTransportOptions options;
    options.reuse_connections_for_post = reuse;
    HttpTransport& transport = Transport(options);
    const std::size_t before = log_.Connections();
    for (int i = 0; i < 5; ++i) {
      Result<HttpResponse> result =
          transport.send(MakeRequest(HttpMethod::kPost, server_.Url("/echo"), "{}"));
      ASSERT_TRUE(result.ok()) << result.error().to_string();
    }
    EXPECT_EQ(log_.Connections() - before, reuse ? 1u : 5u) << "reuse=" << reuse;
  }
}

// A server that answers the first request on each connection and keeps it open, then closes
// the connection on the next request without answering: a kept-alive connection that died
// just as it was reused (an idle timeout racing the request).
class ClosesReusedConnections {
 public:
  RawServer::Session session() {
    return [this](int fd) {
      for (int on_this_connection = 1;; ++on_this_connection) {
        const std::string request = ReadRequest(fd);
        if (request.empty()) return;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          request_lines_.push_back(request.substr(0, request.find("\r\n")));
        }
        if (on_this_connection > 1) return;  // closed without an answer
        WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      }
    };
  }
  std::vector<std::string> request_lines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return request_lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> request_lines_;
};

TEST_F(CurlTransportTest, WithoutReuseAPostIsNeverResentByLibcurl) {
  ClosesReusedConnections behaviour;
  RawServer server(behaviour.session());
  CurlTransportOptions options;
  options.reuse_connections_for_post = false;
  HttpTransport& transport = Transport(options);
  ASSERT_TRUE(transport.send(MakeRequest(HttpMethod::kGet, server.Url("/a"))).ok());
  // On the kept-alive connection this POST would die and libcurl would send it again on a new
  // one; on a fresh connection it is sent exactly once.
  Result<HttpResponse> created =
      transport.send(MakeRequest(HttpMethod::kPost, server.Url("/b"), "{}"));
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_FALSE(created->sent_more_than_once);
  const std::vector<std::string> expected = {"GET /a HTTP/1.1", "POST /b HTTP/1.1"};
  EXPECT_EQ(behaviour.request_lines(), expected);
  EXPECT_EQ(server.accepted(), 2);
}

TEST_F(CurlTransportTest, APostOrDeleteLibcurlSentTwiceSaysSo) {
  // The default: a POST reuses the kept-alive connection; the server closes it on the second
  // request, so libcurl sends that request again on a new connection. The response says it.
  for (const HttpMethod method : {HttpMethod::kPost, HttpMethod::kDelete}) {
    ClosesReusedConnections behaviour;
    RawServer server(behaviour.session());
    HttpTransport& transport = Transport();
    Result<HttpResponse> first = transport.send(MakeRequest(method, server.Url("/a"), "{}"));
    ASSERT_TRUE(first.ok()) << first.error().to_string();
    EXPECT_FALSE(first->sent_more_than_once) << to_string(method);
    Result<HttpResponse> again = transport.send(MakeRequest(method, server.Url("/b"), "{}"));
    ASSERT_TRUE(again.ok()) << again.error().to_string();
    EXPECT_TRUE(again->sent_more_than_once) << to_string(method);
    const std::string line = std::string(to_string(method)) + " /b HTTP/1.1";
    const std::vector<std::string> expected = {std::string(to_string(method)) + " /a HTTP/1.1",
                                               line, line};
    EXPECT_EQ(behaviour.request_lines(), expected);
    EXPECT_EQ(server.accepted(), 2);
  }
}

TEST_F(CurlTransportTest, PostsReuseTheConnectionByDefault) {
  StartEchoServer();
  HttpTransport& transport = Transport();
  for (int i = 0; i < 5; ++i) {
    Result<HttpResponse> result =
        transport.send(MakeRequest(HttpMethod::kPost, server_.Url("/echo"), "{}"));
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_FALSE(result->sent_more_than_once);
  }
  EXPECT_EQ(log_.Connections(), 1u);
}

TEST_F(CurlTransportTest, AnIdempotentRequestSurvivesAKeptAliveConnectionTheServerClosed) {
  // libcurl's own retry on a fresh connection, kept for GET, PATCH and DELETE: repeating them
  // is harmless, and this is the common race of a server closing an idle connection.
  ClosesReusedConnections behaviour;
  RawServer server(behaviour.session());
  HttpTransport& transport = Transport();
  ASSERT_TRUE(transport.send(MakeRequest(HttpMethod::kGet, server.Url("/a"))).ok());
  Result<HttpResponse> again = transport.send(MakeRequest(HttpMethod::kGet, server.Url("/b")));
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  const std::vector<std::string> expected = {"GET /a HTTP/1.1", "GET /b HTTP/1.1",
                                             "GET /b HTTP/1.1"};
  EXPECT_EQ(behaviour.request_lines(), expected);
}

TEST_F(CurlTransportTest, KeepsNoConnectionWhenNoIdleConnectionsAreAllowed) {
  StartEchoServer();
  CurlTransportOptions options;
  options.max_idle_connections = 0;
  HttpTransport& transport = Transport(options);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/echo"))).ok());
  }
  EXPECT_EQ(log_.Connections(), 5u);
}

TEST_F(CurlTransportTest, ConcurrentRequestsAreNotSerialized) {
  // Each handler waits until all four requests are inside the server at once: a transport
  // that queued requests behind one connection would never get there (the handlers would give
  // up after kGenerous and answer 500).
  constexpr int kThreads = 4;
  Rendezvous all_in_flight(kThreads);
  server_.routes().Get("/together", [&](const httplib::Request& req, httplib::Response& res) {
    log_.Add(req);
    res.status = all_in_flight.ArriveAndWait() ? 200 : 500;
  });
  server_.Start();
  HttpTransport& transport = Transport();
  std::vector<int> statuses(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Result<HttpResponse> r =
          transport.send(MakeRequest(HttpMethod::kGet, server_.Url("/together")));
      statuses[static_cast<std::size_t>(t)] = r.ok() ? r->status : -1;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(statuses, std::vector<int>(kThreads, 200));
  EXPECT_EQ(log_.Connections(), static_cast<std::size_t>(kThreads));
}

TEST_F(CurlTransportTest, ManyThreadsShareThePoolAndReuseItsConnections) {
  constexpr int kThreads = 8;
  constexpr int kRequestsPerThread = 50;
  // Every thread's first request waits for the others', so all eight handles exist at once;
  // after that each thread reuses a pooled handle and its connection.
  Rendezvous first_requests(kThreads);
  server_.routes().Get("/echo", [&](const httplib::Request& req, httplib::Response& res) {
    log_.Add(req);
    const std::string id = req.get_header_value("X-Id");
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "/0") == 0) first_requests.ArriveAndWait();
    res.set_content(id, "text/plain");
  });
  server_.Start();
  HttpTransport& transport = Transport();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsPerThread; ++i) {
        const std::string id = std::to_string(t) + "/" + std::to_string(i);
        HttpRequest request = MakeRequest(HttpMethod::kGet, server_.Url("/echo"));
        request.headers.emplace_back("X-Id", id);
        Result<HttpResponse> r = transport.send(request);
        if (!r.ok() || r->status != 200 || r->body != id) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(log_.Count(), static_cast<std::size_t>(kThreads * kRequestsPerThread));
  // One connection per thread that was ever in flight at once, no more: pooled handles kept
  // their connections for the remaining 392 requests.
  EXPECT_EQ(log_.Connections(), static_cast<std::size_t>(kThreads));
}

// ---------------------------------------------------------------------------------------------
// Transport failures.

TEST_F(CurlTransportTest, ConnectRefusedIsAConnectErrorThatNeverSentTheRequest) {
  HttpRequest request = MakeRequest(
      HttpMethod::kPost, "http://127.0.0.1:" + std::to_string(UnusedPort()) + "/x?q=1", "{}");
  Error e = ErrorOf(Transport().send(request));
  EXPECT_EQ(e.kind, ErrorKind::kConnect);
  EXPECT_FALSE(e.request_may_have_been_sent);
  EXPECT_TRUE(e.retryable);
  EXPECT_EQ(e.http_status, 0);
  EXPECT_EQ(e.message.rfind("POST 127.0.0.1:", 0), 0u) << e.message;
  EXPECT_EQ(e.message.find("q=1"), std::string::npos) << "no query string: " << e.message;
}

TEST_F(CurlTransportTest, UnresolvableHostIsAConnectError) {
  // .invalid never resolves (RFC 6761).
  Error e =
      ErrorOf(Transport().send(MakeRequest(HttpMethod::kGet, "http://no-such-host.invalid/x")));
  EXPECT_EQ(e.kind, ErrorKind::kConnect);
  EXPECT_FALSE(e.request_may_have_been_sent);
}

TEST_F(CurlTransportTest, ATimeoutWhileWaitingForTheResponseMayHaveSentTheRequest) {
  server_.routes().Post("/slow", [&](const httplib::Request&, httplib::Response& res) {
    gate_.Wait();
    res.set_content("late", "text/plain");
  });
  server_.Start();
  HttpRequest request = MakeRequest(HttpMethod::kPost, server_.Url("/slow"), "{}");
  request.timeout = 500ms;
  const auto started = std::chrono::steady_clock::now();
  Error e = ErrorOf(Transport().send(request));
  EXPECT_LT(std::chrono::steady_clock::now() - started, kGenerous / 2);
  EXPECT_EQ(e.kind, ErrorKind::kTimeout);
  EXPECT_TRUE(e.request_may_have_been_sent);
  EXPECT_TRUE(e.retryable);
}

TEST_F(CurlTransportTest, ATimeoutWhileConnectingNeverSentTheRequest) {
  RawServer never_accepts(nullptr, /*accept_connections=*/false);
  never_accepts.FillAcceptQueue();
  CurlTransportOptions options;
  options.connect_timeout = 300ms;
  Error e = ErrorOf(
      Transport(options).send(MakeRequest(HttpMethod::kPost, never_accepts.Url("/"), "{}")));
  EXPECT_EQ(e.kind, ErrorKind::kTimeout);
  EXPECT_FALSE(e.request_may_have_been_sent);
  EXPECT_TRUE(e.retryable);
}

TEST_F(CurlTransportTest, AConnectionClosedWithoutAnswerMayHaveSentTheRequest) {
  RawServer hangs_up([](int fd) { ReadRequest(fd); });  // read it all, then close
  Error e =
      ErrorOf(Transport().send(MakeRequest(HttpMethod::kPost, hangs_up.Url("/create"), "{}")));
  EXPECT_EQ(e.kind, ErrorKind::kTransport);
  EXPECT_TRUE(e.request_may_have_been_sent);
  EXPECT_TRUE(e.retryable);
  EXPECT_EQ(hangs_up.accepted(), 1);
}

TEST_F(CurlTransportTest, AReplyThatIsNotHttpIsATransportError) {
  RawServer not_http([](int fd) {
    ReadRequest(fd);
    WriteAll(fd, "SSH-2.0-OpenSSH_9.2\r\n");
  });
  Error e = ErrorOf(Transport().send(MakeRequest(HttpMethod::kGet, not_http.Url("/"))));
  EXPECT_EQ(e.kind, ErrorKind::kTransport);
  EXPECT_TRUE(e.request_may_have_been_sent);
  EXPECT_FALSE(e.retryable);
  EXPECT_EQ(e.field, "");
}

// ---------------------------------------------------------------------------------------------
// TLS.

class CurlTransportTlsTest : public CurlTransportTest {
 protected:
  // One self-signed certificate for 127.0.0.1 for the whole suite, made with the openssl CLI.
  static void SetUpTestSuite() {
    char dir_template[] = "/tmp/curl-transport-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    cert_ = dir_ + "/cert.pem";
    key_ = dir_ + "/key.pem";
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost "
        "-keyout " +
        key_ + " -out " + cert_ + " > " + dir_ + "/openssl.log 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0)
        << "the openssl command-line tool is needed (apt-get install openssl): " << command;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static inline std::string dir_;
  static inline std::string cert_;
  static inline std::string key_;
};

TEST_F(CurlTransportTlsTest, RefusesAnUntrustedCertificate) {
  HttpServer& tls = NewServer(cert_, key_);
  tls.routes().Get("/secure", [&](const httplib::Request& req, httplib::Response& res) {
    other_log_.Add(req);
    res.set_content("secret", "text/plain");
  });
  tls.Start();
  Error e = ErrorOf(Transport().send(MakeRequest(HttpMethod::kGet, tls.Url("/secure", "https"))));
  EXPECT_EQ(e.kind, ErrorKind::kTls);
  EXPECT_FALSE(e.retryable);
  EXPECT_FALSE(e.request_may_have_been_sent);
  EXPECT_EQ(other_log_.Count(), 0u);
}

TEST_F(CurlTransportTlsTest, TrustsACertificateFromTheCaBundle) {
  HttpServer& tls = NewServer(cert_, key_);
  tls.routes().Get("/secure", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("secret", "text/plain");
  });
  tls.Start();
  CurlTransportOptions options;
  options.ca_bundle_path = cert_;
  HttpTransport& transport = Transport(options);
  for (int i = 0; i < 3; ++i) {
    Result<HttpResponse> result =
        transport.send(MakeRequest(HttpMethod::kGet, tls.Url("/secure", "https")));
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->body, "secret");
  }
}

TEST_F(CurlTransportTlsTest, HttpsToAPlainHttpPortIsATlsError) {
  // The server answers the ClientHello with an HTTP 400, which OpenSSL reports as "wrong
  // version number": libcurl's CURLE_SSL_CONNECT_ERROR, hence kTls.
  StartEchoServer();
  Error e = ErrorOf(Transport().send(MakeRequest(HttpMethod::kGet, server_.Url("/echo", "https"))));
  EXPECT_EQ(e.kind, ErrorKind::kTls);
  EXPECT_FALSE(e.request_may_have_been_sent);
  EXPECT_EQ(log_.Count(), 0u);
}

// ---------------------------------------------------------------------------------------------
// The CURLcode mapping, for the failures a test server cannot provoke on demand.

TEST(CurlFailureToError, MapsEachCategory) {
  struct Case {
    CURLcode code;
    bool request_started;
    ErrorKind kind;
    bool retryable;
    bool sent;
  };
  const std::vector<Case> cases = {
      {CURLE_COULDNT_RESOLVE_HOST, false, ErrorKind::kConnect, true, false},
      {CURLE_COULDNT_RESOLVE_PROXY, false, ErrorKind::kConnect, true, false},
      {CURLE_COULDNT_CONNECT, false, ErrorKind::kConnect, true, false},
      // libcurl's silent retry of a dead reused connection could not reconnect.
      {CURLE_COULDNT_CONNECT, true, ErrorKind::kTransport, true, true},
      {CURLE_OPERATION_TIMEDOUT, false, ErrorKind::kTimeout, true, false},
      {CURLE_OPERATION_TIMEDOUT, true, ErrorKind::kTimeout, true, true},
      {CURLE_SSL_CONNECT_ERROR, false, ErrorKind::kTls, false, false},
      {CURLE_PEER_FAILED_VERIFICATION, false, ErrorKind::kTls, false, false},
      {CURLE_SSL_CACERT_BADFILE, false, ErrorKind::kTls, false, false},
      {CURLE_SSL_CERTPROBLEM, false, ErrorKind::kTls, false, false},
      {CURLE_SEND_ERROR, false, ErrorKind::kTransport, true, true},
      {CURLE_RECV_ERROR, true, ErrorKind::kTransport, true, true},
      {CURLE_GOT_NOTHING, true, ErrorKind::kTransport, true, true},
      {CURLE_PARTIAL_FILE, true, ErrorKind::kTransport, true, true},
      {CURLE_HTTP2_STREAM, true, ErrorKind::kTransport, true, true},
      {CURLE_WEIRD_SERVER_REPLY, true, ErrorKind::kTransport, false, true},
      {CURLE_BAD_CONTENT_ENCODING, true, ErrorKind::kTransport, false, true},
      {CURLE_UNSUPPORTED_PROTOCOL, false, ErrorKind::kInvalidArgument, false, false},
      {CURLE_URL_MALFORMAT, false, ErrorKind::kInvalidArgument, false, false},
      // "Received HTTP/0.9 when not allowed": the reply was not HTTP.
      {CURLE_UNSUPPORTED_PROTOCOL, true, ErrorKind::kTransport, false, true},
      {CURLE_OUT_OF_MEMORY, false, ErrorKind::kTransport, false, true},
      {CURLE_WRITE_ERROR, true, ErrorKind::kTransport, false, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("CURLcode " + std::to_string(static_cast<int>(c.code)));
    internal::CurlFailure failure;
    failure.code = c.code;
    failure.request_started = c.request_started;
    const Error e = internal::curl_failure_to_error(failure, "GET example.com:443/x");
    EXPECT_EQ(e.kind, c.kind);
    EXPECT_EQ(e.retryable, c.retryable);
    EXPECT_EQ(e.request_may_have_been_sent, c.sent);
    EXPECT_EQ(e.message.rfind("GET example.com:443/x: ", 0), 0u) << e.message;
    EXPECT_NE(e.message.find("curl error " + std::to_string(static_cast<int>(c.code))),
              std::string::npos)
        << e.message;
  }
}

TEST(CurlFailureToError, ReportsTheCapAndPrefersTheErrorBuffer) {
  internal::CurlFailure failure;
  failure.code = CURLE_WRITE_ERROR;
  failure.body_too_large = true;
  failure.max_response_bytes = 4096;
  failure.http_status = 200;
  Error e = internal::curl_failure_to_error(failure, "GET h:80/p");
  EXPECT_EQ(e.kind, ErrorKind::kResponseTooLarge);
  EXPECT_EQ(e.http_status, 200);
  EXPECT_EQ(e.message,
            "GET h:80/p: the response body exceeds the limit of 4096 bytes "
            "(max_response_bytes)");

  failure = internal::CurlFailure{};
  failure.code = CURLE_COULDNT_CONNECT;
  failure.detail = "Failed to connect to h port 80 after 1 ms: Couldn't connect to server";
  e = internal::curl_failure_to_error(failure, "GET h:80/p");
  EXPECT_EQ(e.message,
            "GET h:80/p: Failed to connect to h port 80 after 1 ms: Couldn't connect "
            "to server (curl error 7)");
}

}  // namespace
}  // namespace losant::experience_users
