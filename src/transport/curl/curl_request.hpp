// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Setting up one request on a pooled handle (curl_request.cpp): the request's own checks, the
// header list, every curl option, and a secret-free description for error messages.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "losant/experience_users/curl_transport.hpp"
#include "losant/experience_users/error.hpp"
#include "losant/experience_users/transport.hpp"
#include "transport/curl/curl_handle_pool.hpp"
#include "transport/curl/curl_response.hpp"

namespace losant::experience_users::internal {

struct SlistFree {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistFree>;

// The request's own rules, checked before any I/O. Header names must be tokens and values must
// not hold CR, LF or NUL (which would let a value inject headers or end the request early). The
// message names the offending header, never its value.
std::optional<Error> check_request(const HttpRequest& request);

// The request's headers as libcurl wants them, plus the lines that stop libcurl from adding
// headers of its own that the caller did not ask for. Throws std::bad_alloc.
HeaderList make_header_list(const HttpHeaders& headers);

// Sets every option of one request on a freshly reset handle; the first setopt failure, if any.
// `headers` and `request.body` must outlive the transfer.
CURLcode configure(EasyHandle& easy, const HttpRequest& request,
                   const CurlTransportOptions& options, curl_slist* headers,
                   ResponseReceiver& receiver);

// A short description of the request for error messages: "POST api.losant.com:443/path". The
// query string and any user:password in the URL are left out.
std::string describe_target(const HttpRequest& request);

}  // namespace losant::experience_users::internal
