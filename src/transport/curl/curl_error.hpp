// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The one mapping from a failed curl transfer to an Error (curl_error.cpp).
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <string_view>

#include "losant/experience_users/error.hpp"

namespace losant::experience_users::internal {

// Everything known about a failed curl transfer besides its CURLcode.
struct CurlFailure {
  CURLcode code = CURLE_OK;
  // The transfer's CURLOPT_ERRORBUFFER text (may be empty). Never contains header values.
  std::string_view detail;
  // Evidence that request bytes may have left this host: CURLINFO_REQUEST_SIZE > 0 or
  // CURLINFO_PRETRANSFER_TIME_T > 0. Both count every attempt curl made inside one
  // curl_easy_perform(), including its own silent retry on a reused connection that died.
  bool request_started = false;
  // Our header or body callback stopped the transfer because the body would exceed the cap.
  bool body_too_large = false;
  // Our callback could not store the response (allocation failure).
  bool out_of_memory = false;
  std::size_t max_response_bytes = 0;  // the cap, for the kResponseTooLarge message
  int http_status = 0;                 // the final response's status, when one had begun
};

// The one mapping from a failed curl transfer to an Error: kind, retryable and
// request_may_have_been_sent. @p target says which request failed ("GET host:port/path") and
// must hold no secret; the message is `target: what happened`.
Error curl_failure_to_error(const CurlFailure& failure, std::string_view target);

}  // namespace losant::experience_users::internal
