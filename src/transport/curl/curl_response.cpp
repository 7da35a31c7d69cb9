// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "transport/curl/curl_response.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <utility>

#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

// Returned by a callback to make libcurl stop the transfer with CURLE_WRITE_ERROR. Any value
// other than the byte count does that; CURL_WRITEFUNC_ERROR (7.87.0) says so explicitly and,
// unlike 0, also works when curl passes an empty chunk.
#ifdef CURL_WRITEFUNC_ERROR
constexpr std::size_t kAbortTransfer = CURL_WRITEFUNC_ERROR;
#else
constexpr std::size_t kAbortTransfer = 0;
#endif

// a + b, or SIZE_MAX when that overflows.
std::size_t saturating_add(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

// "HTTP/1.1 200 OK" or "HTTP/2 200": the three digits after the first space; 0 if absent.
int parse_status_code(std::string_view status_line) {
  const auto space = status_line.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string_view digits = status_line.substr(space + 1, 3);
  int code = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
  return (ec == std::errc() && ptr == digits.data() + digits.size() && digits.size() == 3) ? code
                                                                                           : 0;
}

// Where a body of unknown length stops doubling its buffer and reserves the cap at once.
constexpr std::size_t kDirectGrowthBytes = 4 * 1024 * 1024;
// The largest cap reserved at once (the default cap is 64 MiB).
constexpr std::size_t kMaxDirectReservation = std::size_t{1} << 30;

}  // namespace

bool ResponseReceiver::on_header_line(std::string_view line) noexcept {
  try {
    return header_line(line);
  } catch (...) {  // std::bad_alloc, std::length_error: the headers could not be stored
    out_of_memory_ = true;
    return false;
  }
}

bool ResponseReceiver::on_body(std::string_view data) noexcept {
  try {
    return body_data(data);
  } catch (...) {
    out_of_memory_ = true;
    return false;
  }
}

HttpResponse ResponseReceiver::take_response(int status) {
  reserve_body(saturating_add(response_.body.size(), kResponseBodyPadding));
  response_.status = status;
  response_.sent_more_than_once = sent_more_than_once();
  return std::move(response_);
}

bool ResponseReceiver::header_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  // Trailers of a chunked body arrive after the final header block; they are not headers.
  if (final_headers_done_) return true;

  // A status line starts a new header block. Interim 1xx responses (100 Continue, 103 Early
  // Hints) arrive as complete blocks before the final one: only the last block is kept.
  if (line.rfind("HTTP/", 0) == 0) {
    response_.headers.clear();
    block_status_ = parse_status_code(line);
    return true;
  }
  if (line.empty()) {  // the end of a block
    if (block_status_ >= 100 && block_status_ < 200) return true;
    final_headers_done_ = true;
    return on_final_headers();
  }
  if ((line.front() == ' ' || line.front() == '\t') && !response_.headers.empty()) {
    // obs-fold (RFC 9112 section 5.2): a continuation of the previous value.
    std::string& value = response_.headers.back().second;
    value += ' ';
    value += trim(line);
    return true;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return true;  // not a header; ignore it
  response_.headers.emplace_back(std::string(line.substr(0, colon)),
                                 std::string(trim(line.substr(colon + 1))));
  return true;
}

// Refuses a declared-too-large body before any of it arrives, and sizes the buffer once.
bool ResponseReceiver::on_final_headers() {
  const std::optional<std::size_t> length = content_length();
  if (!length) return true;
  // Content-Length counts the bytes on the wire. The cap is on the decoded body, so only an
  // unencoded length can be compared with it; an encoded body is checked as it decodes.
  // 204 and 304 carry no body whatever their Content-Length says.
  const bool encoded = has_content_encoding();
  const bool has_body = block_status_ != 204 && block_status_ != 304;
  if (*length > max_body_bytes_ && !encoded && has_body) {
    body_too_large_ = true;
    return false;
  }
  if (has_body) {
    reserve_body(saturating_add(std::min(*length, max_body_bytes_), kResponseBodyPadding));
  }
  return true;
}

bool ResponseReceiver::body_data(std::string_view data) {
  std::string& body = response_.body;
  if (data.size() > max_body_bytes_ - body.size()) {  // body.size() <= max_body_bytes_ always
    body_too_large_ = true;
    return false;
  }
  // Grow geometrically up to kDirectGrowthBytes, then straight to what the cap allows, and
  // always keep the padding: a chunked or compressed body then needs no final reallocation to
  // make room for it. Doubling all the way would hold (while copying, and in the allocator's
  // free lists after it) about twice the cap for a body that runs past it; the jump holds the
  // cap plus a few MiB. Pages of the reservation never written to are not resident, so a body
  // that ends soon after the jump costs what it holds. (A cap too large to reserve, such as
  // SIZE_MAX for "none", keeps doubling.)
  const std::size_t needed = saturating_add(body.size() + data.size(), kResponseBodyPadding);
  if (body.capacity() < needed) {
    const std::size_t ceiling = saturating_add(max_body_bytes_, kResponseBodyPadding);
    const std::size_t doubled = body.capacity() > std::numeric_limits<std::size_t>::max() / 2
                                    ? std::numeric_limits<std::size_t>::max()
                                    : body.capacity() * 2;
    const bool jump = doubled >= kDirectGrowthBytes && ceiling <= kMaxDirectReservation;
    reserve_body(jump ? ceiling : std::max(needed, std::min(doubled, ceiling)));
  }
  body.append(data);
  return true;
}

void ResponseReceiver::reserve_body(std::size_t capacity) {
  if (response_.body.capacity() < capacity) response_.body.reserve(capacity);
}

// The first syntactically valid Content-Length, if any. (libcurl itself rejects a response
// with conflicting lengths.)
std::optional<std::size_t> ResponseReceiver::content_length() const {
  for (const auto& [name, value] : response_.headers) {
    if (!ascii_iequals(name, "Content-Length")) continue;
    std::size_t length = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, length);
    if (ec == std::errc() && ptr == end && !value.empty()) return length;
    if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::size_t>::max();
  }
  return std::nullopt;
}

bool ResponseReceiver::has_content_encoding() const {
  return std::any_of(response_.headers.begin(), response_.headers.end(), [](const auto& h) {
    return ascii_iequals(h.first, "Content-Encoding") && !h.second.empty() &&
           !ascii_iequals(h.second, "identity");
  });
}

}  // namespace losant::experience_users::internal

// libcurl calls these through C function pointers, so they have C language linkage; `static`
// keeps them private to this file. `size` is always 1 (CURLOPT_HEADERFUNCTION(3)).
extern "C" {
static std::size_t losant_eu_curl_on_header(char* data, std::size_t size, std::size_t count,
                                            void* receiver) {
  using losant::experience_users::internal::ResponseReceiver;
  const std::size_t bytes = size * count;
  return static_cast<ResponseReceiver*>(receiver)->on_header_line(std::string_view(data, bytes))
             ? bytes
             : losant::experience_users::internal::kAbortTransfer;
}

static std::size_t losant_eu_curl_on_body(char* data, std::size_t size, std::size_t count,
                                          void* receiver) {
  using losant::experience_users::internal::ResponseReceiver;
  const std::size_t bytes = size * count;
  return static_cast<ResponseReceiver*>(receiver)->on_body(std::string_view(data, bytes))
             ? bytes
             : losant::experience_users::internal::kAbortTransfer;
}

// The request headers sent, and nothing else of what libcurl shows (which includes the
// Authorization header and the body): only counted, never kept.
static int losant_eu_curl_on_debug(CURL*, curl_infotype type, char* data, std::size_t size,
                                   void* receiver) {
  using losant::experience_users::internal::ResponseReceiver;
  if (type == CURLINFO_HEADER_OUT) {
    static_cast<ResponseReceiver*>(receiver)->on_request_headers_sent(std::string_view(data, size));
  }
  return 0;
}
}  // extern "C"

namespace losant::experience_users::internal {

curl_write_callback header_callback() noexcept {
  return losant_eu_curl_on_header;
}

curl_write_callback body_callback() noexcept {
  return losant_eu_curl_on_body;
}

curl_debug_callback debug_callback() noexcept {
  return losant_eu_curl_on_debug;
}

}  // namespace losant::experience_users::internal
