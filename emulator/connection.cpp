// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "connection.hpp"

#include <dirent.h>
#include <netdb.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

namespace losant::emulator::detail {
namespace {

struct Endpoint {
  std::string address;
  int port = -1;
};

// The numeric host and port of a socket address, formatted as cpp-httplib formats
// Request::remote_addr and Request::local_addr (getnameinfo with NI_NUMERICHOST).
bool endpoint_of(const sockaddr_storage& address, socklen_t length, Endpoint* endpoint) {
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host.data(),
                  static_cast<socklen_t>(host.size()), service.data(),
                  static_cast<socklen_t>(service.size()), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return false;
  }
  endpoint->address = host.data();
  endpoint->port = std::atoi(service.data());
  return true;
}

bool carries(int fd, const httplib::Request& request) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  Endpoint local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
      !endpoint_of(address, length, &local) || local.port != request.local_port ||
      local.address != request.local_addr) {
    return false;
  }
  length = sizeof(address);
  Endpoint remote;
  return getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0 &&
         endpoint_of(address, length, &remote) && remote.port == request.remote_port &&
         remote.address == request.remote_addr;
}

// The open descriptors of this process: from /proc where there is one, else every number up
// to the descriptor limit.
std::vector<int> open_descriptors() {
  std::vector<int> fds;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (const dirent* entry = readdir(dir)) {
      char* end = nullptr;
      const long fd = std::strtol(entry->d_name, &end, 10);
      if (end != entry->d_name && *end == '\0') fds.push_back(static_cast<int>(fd));
    }
    closedir(dir);
    return fds;
  }
  const long limit = std::min(sysconf(_SC_OPEN_MAX), 65536L);
  for (long fd = 0; fd < limit; ++fd) fds.push_back(static_cast<int>(fd));
  return fds;
}

}  // namespace

bool shutdown_connection(const httplib::Request& request) {
  if (request.ssl != nullptr) {
    const int fd = SSL_get_fd(request.ssl);
    return fd >= 0 && ::shutdown(fd, SHUT_RDWR) == 0;
  }
  // The connection's own descriptor cannot close under us: the calling thread is the one
  // serving it. Other descriptors are only inspected, never touched.
  for (const int fd : open_descriptors()) {
    if (carries(fd, request)) return ::shutdown(fd, SHUT_RDWR) == 0;
  }
  return false;
}

}  // namespace losant::emulator::detail
