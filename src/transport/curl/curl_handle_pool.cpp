// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "transport/curl/curl_handle_pool.hpp"

namespace losant::experience_users::internal {

std::unique_ptr<EasyHandle> EasyHandlePool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<EasyHandle> handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<EasyHandle>();
  handle->curl.reset(curl_easy_init());
  return handle->curl ? std::move(handle) : nullptr;
}

void EasyHandlePool::release(std::unique_ptr<EasyHandle> handle) noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < max_idle_) {
      try {
        idle_.push_back(std::move(handle));  // on bad_alloc, `handle` is left untouched
        return;
      } catch (...) {
      }
    }
  }
  // Destroyed here, outside the lock: curl_easy_cleanup() may still talk to the peer (a TLS
  // close_notify), and no other thread should wait for that.
}

}  // namespace losant::experience_users::internal
