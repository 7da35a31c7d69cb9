// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The peak RSS of the SDK refusing a chunked response body far larger than its cap.
//
// A child process (forked before the SDK allocates anything, so its memory is not counted)
// listens on a loopback port and answers every request with BODY_MB MiB of chunked JSON-ish
// text. The parent lists users through the SDK with default options (a 64 MiB cap), expects
// kResponseTooLarge, and prints its own peak RSS (getrusage: the parent only) against the cap:
//
//   losant-bench-oversize [BODY_MB (200)]
//   RESULT body_mib=200 cap_mib=64 peak_rss_mib=75.9 over_cap_mib=11.9 kind=response-too-large
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "losant/experience_users.hpp"

namespace {

namespace eu = losant::experience_users;

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// The child: answers each connection's first request with the body, chunked, then closes.
[[noreturn]] void serve(int listener, long body_mib) {
  const std::string chunk(64 * 1024, ' ');
  char size_line[32];
  const int size_length = std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  for (;;) {
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) _exit(0);
    char request[8192];
    if (recv(fd, request, sizeof request, 0) > 0) {
      const std::string head =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n\r\n";
      bool ok = write_all(fd, head.data(), head.size());
      for (long i = 0; ok && i < body_mib * 16; ++i) {
        ok = write_all(fd, size_line, static_cast<std::size_t>(size_length)) &&
             write_all(fd, chunk.data(), chunk.size()) && write_all(fd, "\r\n", 2);
      }
      if (ok) write_all(fd, "0\r\n\r\n", 5);
    }
    close(fd);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const long body_mib = argc > 1 ? std::atol(argv[1]) : 200;
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, 4) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::perror("losant-bench-oversize: listen");
    return 1;
  }
  const pid_t child = fork();
  if (child < 0) {
    std::perror("losant-bench-oversize: fork");
    return 1;
  }
  if (child == 0) serve(listener, body_mib);
  close(listener);

  eu::ClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  options.token = "bench-token";
  options.retry.max_attempts = 1;
  const eu::ExperienceUsersClient client(options);
  const auto page = client.list("5f0c1a2b3c4d5e6f7a8b9c0d");
  kill(child, SIGTERM);
  waitpid(child, nullptr, 0);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  const double cap_mib = static_cast<double>(options.curl.max_response_bytes) / (1024.0 * 1024.0);
  const std::string kind = page ? "none" : std::string(eu::to_string(page.error().kind));
  std::printf("RESULT body_mib=%ld cap_mib=%.0f peak_rss_mib=%.1f over_cap_mib=%.1f kind=%s\n",
              body_mib, cap_mib, peak_mib, peak_mib - cap_mib, kind.c_str());
  return !page && page.error().kind == eu::ErrorKind::kResponseTooLarge ? 0 : 1;
}
