// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The default HttpTransport, on libcurl's easy interface: one request takes a handle from the
// pool (curl_handle_pool.hpp), is set up on it (curl_request.hpp), receives its response
// (curl_response.hpp), and a failure is mapped to an Error in one place (curl_error.hpp).
//
// Nothing here throws across send(): failures are Errors, and the C callbacks catch everything
// (an exception must never unwind through libcurl's C frames).
#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "losant/experience_users/curl_transport.hpp"
#include "losant/experience_users/transport.hpp"
#include "transport/curl/curl_error.hpp"
#include "transport/curl/curl_handle_pool.hpp"
#include "transport/curl/curl_request.hpp"
#include "transport/curl/curl_response.hpp"

namespace losant::experience_users {
namespace {

using internal::EasyHandle;
using internal::EasyHandlePool;
using internal::HandleLease;

// curl_global_init() must run once per process before any other libcurl call, and is not safe
// to race with itself on older libcurl. A function-local static is initialised exactly once
// even when threads race to it ([stmt.dcl]/4), like std::call_once, and remembers the result.
// curl_global_cleanup() is deliberately never called: other code in the process may still use
// libcurl, and the operating system reclaims everything at exit.
CURLcode global_init_result() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

long info_long(CURL* handle, CURLINFO info) {
  long value = 0;
  return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}

curl_off_t info_off(CURL* handle, CURLINFO info) {
  curl_off_t value = 0;
  return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options)
      : options_(std::move(options)),
        init_result_(global_init_result()),  // before any handle exists
        pool_(options_.max_idle_connections) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    try {
      return send_or_throw(request);
    } catch (const std::exception&) {
      // std::bad_alloc, or std::length_error from a string that cannot grow: the only
      // exceptions the code below can raise.
      return out_of_memory();
    }
  }

 private:
  Result<HttpResponse> send_or_throw(const HttpRequest& request) {
    if (std::optional<Error> invalid = internal::check_request(request)) return std::move(*invalid);
    if (request.timeout.count() <= 0) {
      // libcurl reads a zero timeout as "none"; an attempt with no time left fails at once.
      Error e;
      e.kind = ErrorKind::kTimeout;
      e.retryable = true;
      e.message = internal::describe_target(request) + ": no time left for the attempt (timeout " +
                  std::to_string(request.timeout.count()) + " ms)";
      return e;
    }
    if (init_result_ != CURLE_OK) {
      internal::CurlFailure failure;
      failure.code = init_result_;
      return internal::curl_failure_to_error(failure, "curl_global_init");
    }
    std::unique_ptr<EasyHandle> handle = pool_.acquire();
    if (!handle) {  // curl_easy_init() fails only when it cannot allocate
      return out_of_memory();
    }
    HandleLease lease(pool_, std::move(handle));
    return perform(*lease, request);
  }

  Result<HttpResponse> perform(EasyHandle& easy, const HttpRequest& request) {
    const internal::HeaderList headers = internal::make_header_list(request.headers);
    internal::ResponseReceiver receiver(options_.max_response_bytes);
    CURL* handle = easy.curl.get();
    CURLcode code = internal::configure(easy, request, options_, headers.get(), receiver);
    const bool performed = code == CURLE_OK;
    if (performed) code = curl_easy_perform(handle);
    if (code == CURLE_OK) {
      return receiver.take_response(static_cast<int>(info_long(handle, CURLINFO_RESPONSE_CODE)));
    }

    internal::CurlFailure failure;
    failure.code = code;
    failure.detail = easy.error_buffer.data();
    // After a failed setopt nothing was attempted, and the handle's info still describes
    // nothing (curl_easy_reset clears it).
    failure.request_started = performed && (info_long(handle, CURLINFO_REQUEST_SIZE) > 0 ||
                                            info_off(handle, CURLINFO_PRETRANSFER_TIME_T) > 0);
    failure.body_too_large = receiver.body_too_large();
    failure.out_of_memory = receiver.out_of_memory();
    failure.max_response_bytes = options_.max_response_bytes;
    failure.http_status = receiver.final_status();
    return internal::curl_failure_to_error(failure, internal::describe_target(request));
  }

  // Built without allocating (the message fits std::string's small buffer), so it can be
  // returned when memory has run out.
  static Error out_of_memory() noexcept {
    Error e;
    e.kind = ErrorKind::kTransport;
    e.message = "out of memory";
    e.request_may_have_been_sent = true;  // it may have failed at any point of the transfer
    return e;
  }

  const CurlTransportOptions options_;
  const CURLcode init_result_;
  EasyHandlePool pool_;
};

}  // namespace

std::shared_ptr<HttpTransport> make_curl_transport(CurlTransportOptions options) {
  return std::make_shared<CurlTransport>(std::move(options));
}

}  // namespace losant::experience_users
