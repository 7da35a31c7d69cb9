// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Hostile or recording servers on loopback for security tests: a plain httplib server with
// handlers of the test's choice, and a recording HTTP proxy that can tunnel CONNECT.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace losant::experience_users::testing {

// A plain httplib server on a free loopback port, on its own thread.
class LocalServer {
 public:
  LocalServer() = default;
  ~LocalServer() { stop(); }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;
  httplib::Server& server() { return server_; }
  int start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return port_;
  }
  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

// An HTTP proxy on a free loopback port that records the head of every request it receives.
// A CONNECT to 127.0.0.1 is tunnelled (when `tunnel`); anything else is answered 502.
class RecordingProxy {
 public:
  explicit RecordingProxy(bool tunnel) : tunnel_(tunnel) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    accepter_ = std::thread([this] { accept_loop(); });
  }
  ~RecordingProxy() {
    ::shutdown(listener_, SHUT_RDWR);
    if (accepter_.joinable()) accepter_.join();
    ::close(listener_);
    std::vector<std::thread> connections;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);  // ends tunnels a client keeps open
      connections.swap(connections_);
    }
    for (auto& t : connections) t.join();
  }
  RecordingProxy(const RecordingProxy&) = delete;
  RecordingProxy& operator=(const RecordingProxy&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Every request head received, in order.
  std::vector<std::string> heads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return heads_;
  }
  // Every head joined, for matchers.
  std::string all_heads() const {
    std::string all;
    for (const auto& head : heads()) all += head;
    return all;
  }

 private:
  void accept_loop() {
    for (;;) {
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) return;
      std::lock_guard<std::mutex> lock(mutex_);
      open_.push_back(client);
      connections_.emplace_back([this, client] { serve(client); });
    }
  }

  // Reads up to the end of the request head.
  static std::string read_head(int fd) {
    std::string head;
    char c = 0;
    while (head.size() < 65536 && head.find("\r\n\r\n") == std::string::npos) {
      if (::read(fd, &c, 1) != 1) break;
      head += c;
    }
    return head;
  }

  static void send_all(int fd, const char* data, std::size_t size) {
    std::size_t sent = 0;
    while (sent < size) {
      const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  static void send_all(int fd, const std::string& text) { send_all(fd, text.data(), text.size()); }

  void serve(int client) {
    const std::string head = read_head(client);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      heads_.push_back(head);
    }
    int port = 0;
    if (tunnel_ && std::sscanf(head.c_str(), "CONNECT 127.0.0.1:%d ", &port) == 1) {
      tunnel(client, port);
    } else {
      send_all(client,
               "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    std::lock_guard<std::mutex> lock(mutex_);
    open_.erase(std::find(open_.begin(), open_.end(), client));
    ::close(client);
  }

  static void tunnel(int client, int port) {
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      send_all(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
      ::close(server);
      return;
    }
    send_all(client, "HTTP/1.1 200 Connection established\r\n\r\n");
    std::array<pollfd, 2> fds{{{client, POLLIN, 0}, {server, POLLIN, 0}}};
    std::array<char, 16384> buffer{};
    for (bool done = false; !done;) {
      if (::poll(fds.data(), fds.size(), -1) <= 0) break;
      for (std::size_t i = 0; i < 2 && !done; ++i) {
        if (fds[i].revents == 0) continue;
        const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
        if (n <= 0) {
          done = true;
        } else {
          send_all(fds[1 - i].fd, buffer.data(), static_cast<std::size_t>(n));
        }
      }
    }
    ::close(server);
  }

  bool tunnel_;
  int listener_ = -1;
  int port_ = 0;
  std::thread accepter_;
  mutable std::mutex mutex_;
  std::vector<std::string> heads_;
  std::vector<std::thread> connections_;
  std::vector<int> open_;  // client sockets still being served
};

}  // namespace losant::experience_users::testing
