// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Receiving one response: libcurl's header and write callbacks feed a ResponseReceiver, which
// keeps the final header block, enforces the body size cap while the body arrives, and sizes
// the body buffer so the JSON decoder can parse it in place (curl_response.cpp).
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "losant/experience_users/transport.hpp"

namespace losant::experience_users::internal {

// Every HttpResponse body returned by the curl transport has at least this many bytes of spare
// capacity beyond size(), so the JSON decoder can parse it in place without copying
// (simdjson::SIMDJSON_PADDING is 64; the decoder should static_assert that it is not larger).
// The guarantee survives moving the string, not copying it.
inline constexpr std::size_t kResponseBodyPadding = 64;

// The state of one transfer, reached from libcurl's header and write callbacks. Nothing here
// throws into libcurl: the callbacks catch everything.
class ResponseReceiver {
 public:
  explicit ResponseReceiver(std::size_t max_body_bytes) : max_body_bytes_(max_body_bytes) {}

  // One header line, as libcurl delivers it (a complete line, CRLF included). False stops the
  // transfer.
  bool on_header_line(std::string_view line) noexcept;

  // A piece of the (already decoded) body. False stops the transfer.
  bool on_body(std::string_view data) noexcept;

  // The response, with the padding guarantee applied, after a successful transfer. May throw
  // std::bad_alloc.
  HttpResponse take_response(int status);

  // Counts the requests libcurl sends in this transfer: call with each block of request headers
  // it shows the debug callback. @p request_line_start is what our request's first line
  // starts with ("POST "), so a proxy's CONNECT does not count.
  void watch_for_repeats(std::string_view request_line_start) noexcept {
    request_line_start_ = request_line_start;
  }
  void on_request_headers_sent(std::string_view headers) noexcept {
    if (headers.substr(0, request_line_start_.size()) == request_line_start_) ++requests_sent_;
  }
  // Whether libcurl sent the request more than once (a reused connection that closed before
  // any byte of the response made it send again on a new one).
  bool sent_more_than_once() const noexcept { return requests_sent_ > 1; }

  bool body_too_large() const noexcept { return body_too_large_; }
  bool out_of_memory() const noexcept { return out_of_memory_; }
  // The status of the final (non-1xx) response, once its headers have all arrived; else 0.
  int final_status() const noexcept { return final_headers_done_ ? block_status_ : 0; }

 private:
  bool header_line(std::string_view line);
  bool on_final_headers();
  bool body_data(std::string_view data);
  void reserve_body(std::size_t capacity);
  std::optional<std::size_t> content_length() const;
  bool has_content_encoding() const;

  const std::size_t max_body_bytes_;
  HttpResponse response_;
  int block_status_ = 0;             // the status of the header block being received
  bool final_headers_done_ = false;  // the final response's header block has ended
  bool body_too_large_ = false;
  bool out_of_memory_ = false;
  std::string_view request_line_start_;
  int requests_sent_ = 0;
};

// CURLOPT_HEADERFUNCTION and CURLOPT_WRITEFUNCTION for a ResponseReceiver given as
// CURLOPT_HEADERDATA and CURLOPT_WRITEDATA.
curl_write_callback header_callback() noexcept;
curl_write_callback body_callback() noexcept;
// CURLOPT_DEBUGFUNCTION for a ResponseReceiver given as CURLOPT_DEBUGDATA: sees each block of
// request headers sent (on_request_headers_sent) and nothing else; keeps no data.
curl_debug_callback debug_callback() noexcept;

}  // namespace losant::experience_users::internal
