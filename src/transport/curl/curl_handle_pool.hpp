// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The pool of curl easy handles: the transport's kept-alive connections (curl_handle_pool.cpp).
//
// In the easy interface every CURL handle owns its own connection cache, so a pool of handles
// is a pool of kept-alive connections. A thread takes a handle from the pool, performs one
// request on it and gives it back; two requests in flight never share a handle, so N threads
// get N connections instead of queueing behind one. The pool keeps at most
// `max_idle_connections` handles, each allowed one cached connection (CURLOPT_MAXCONNECTS, set
// by configure()), so that option bounds the idle sockets exactly. The most recently returned
// handle is taken first: its connection is the likeliest to be alive.
#pragma once

#include <curl/curl.h>

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace losant::experience_users::internal {

struct CurlCleanup {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

// One pooled handle with the error buffer libcurl writes into (CURLOPT_ERRORBUFFER needs a
// buffer that outlives the transfer; it lives as long as the handle).
struct EasyHandle {
  std::unique_ptr<CURL, CurlCleanup> curl;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

class EasyHandlePool {
 public:
  explicit EasyHandlePool(std::size_t max_idle) : max_idle_(max_idle) {}
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  // An idle handle (its connection probably still open), or a new one; nullptr when libcurl
  // cannot make one. May throw std::bad_alloc.
  std::unique_ptr<EasyHandle> acquire();

  // Keeps @p handle for reuse, or closes it (and its connection) when enough are idle.
  void release(std::unique_ptr<EasyHandle> handle) noexcept;

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<EasyHandle>> idle_;
  const std::size_t max_idle_;
};

// Gives a handle back to its pool when the request is over, however it ended.
class HandleLease {
 public:
  HandleLease(EasyHandlePool& pool, std::unique_ptr<EasyHandle> handle)
      : pool_(pool), handle_(std::move(handle)) {}
  HandleLease(const HandleLease&) = delete;
  HandleLease& operator=(const HandleLease&) = delete;
  ~HandleLease() { pool_.release(std::move(handle_)); }
  EasyHandle& operator*() const noexcept { return *handle_; }

 private:
  EasyHandlePool& pool_;
  std::unique_ptr<EasyHandle> handle_;
};

}  // namespace losant::experience_users::internal
