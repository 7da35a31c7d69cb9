// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The default HttpTransport, on libcurl's easy interface.
//
// Connection reuse. In the easy interface every CURL handle owns its own connection cache, so a
// pool of handles is a pool of kept-alive connections. A thread takes a handle from the pool,
// performs one request on it and gives it back; two requests in flight never share a handle,
// so N threads get N connections instead of queueing behind one. The pool keeps at most
// `max_idle_connections` handles, each allowed one cached connection (CURLOPT_MAXCONNECTS),
// so that option bounds the idle sockets exactly. The most recently returned handle is taken
// first: its connection is the likeliest to be alive.
//
// Every request starts with curl_easy_reset(). It restores every option to its default but
// keeps the handle's live connections, DNS cache and TLS session cache (curl_easy_reset(3)), so
// configure() sets *every* option each time and nothing of one request leaks into the next.
//
// Nothing here throws across send(): failures are Errors, and the C callbacks catch everything
// (an exception must never unwind through libcurl's C frames).
#include "transport/curl/curl_transport.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "losant/experience_users/transport.hpp"

namespace losant::experience_users {
namespace {

using internal::ascii_iequals;
using internal::kResponseBodyPadding;

// curl_global_init() must run once per process before any other libcurl call, and is not safe
// to race with itself on older libcurl. A function-local static is initialised exactly once
// even when threads race to it ([stmt.dcl]/4), like std::call_once, and remembers the result.
// curl_global_cleanup() is deliberately never called: other code in the process may still use
// libcurl, and the operating system reclaims everything at exit.
CURLcode global_init_result() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

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

// ---------------------------------------------------------------------------------------------
// Receiving one response.

// The state of one transfer, reached from libcurl's header and write callbacks.
class Transfer {
 public:
  explicit Transfer(std::size_t max_body_bytes) : max_body_bytes_(max_body_bytes) {}

  // One header line, as libcurl delivers it (a complete line, CRLF included). False stops the
  // transfer.
  bool on_header_line(std::string_view line) noexcept {
    try {
      return header_line(line);
    } catch (...) {  // std::bad_alloc, std::length_error: the headers could not be stored
      out_of_memory_ = true;
      return false;
    }
  }

  // A piece of the (already decoded) body. False stops the transfer.
  bool on_body(std::string_view data) noexcept {
    try {
      return body_data(data);
    } catch (...) {
      out_of_memory_ = true;
      return false;
    }
  }

  // The response, with the padding guarantee applied, after a successful transfer. May throw
  // std::bad_alloc.
  HttpResponse take_response(int status) {
    reserve_body(saturating_add(response_.body.size(), kResponseBodyPadding));
    response_.status = status;
    return std::move(response_);
  }

  bool body_too_large() const noexcept { return body_too_large_; }
  bool out_of_memory() const noexcept { return out_of_memory_; }
  // The status of the final (non-1xx) response, once its headers have all arrived; else 0.
  int final_status() const noexcept { return final_headers_done_ ? block_status_ : 0; }

 private:
  bool header_line(std::string_view line) {
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
  bool on_final_headers() {
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

  bool body_data(std::string_view data) {
    std::string& body = response_.body;
    if (data.size() > max_body_bytes_ - body.size()) {  // body.size() <= max_body_bytes_ always
      body_too_large_ = true;
      return false;
    }
    // Grow geometrically, but never past what the cap allows, and always keep the padding:
    // a chunked or compressed body then needs no final reallocation to make room for it.
    const std::size_t needed = saturating_add(body.size() + data.size(), kResponseBodyPadding);
    if (body.capacity() < needed) {
      const std::size_t doubled = body.capacity() > std::numeric_limits<std::size_t>::max() / 2
                                      ? std::numeric_limits<std::size_t>::max()
                                      : body.capacity() * 2;
      const std::size_t ceiling = saturating_add(max_body_bytes_, kResponseBodyPadding);
      reserve_body(std::max(needed, std::min(doubled, ceiling)));
    }
    body.append(data);
    return true;
  }

  void reserve_body(std::size_t capacity) {
    if (response_.body.capacity() < capacity) response_.body.reserve(capacity);
  }

  // The first syntactically valid Content-Length, if any. (libcurl itself rejects a response
  // with conflicting lengths.)
  std::optional<std::size_t> content_length() const {
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

  bool has_content_encoding() const {
    return std::any_of(response_.headers.begin(), response_.headers.end(), [](const auto& h) {
      return ascii_iequals(h.first, "Content-Encoding") && !h.second.empty() &&
             !ascii_iequals(h.second, "identity");
    });
  }

  // "HTTP/1.1 200 OK" or "HTTP/2 200": the three digits after the first space; 0 if absent.
  static int parse_status_code(std::string_view status_line) {
    const auto space = status_line.find(' ');
    if (space == std::string_view::npos) return 0;
    const std::string_view digits = status_line.substr(space + 1, 3);
    int code = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
    return (ec == std::errc() && ptr == digits.data() + digits.size() && digits.size() == 3) ? code
                                                                                             : 0;
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

  const std::size_t max_body_bytes_;
  HttpResponse response_;
  int block_status_ = 0;             // the status of the header block being received
  bool final_headers_done_ = false;  // the final response's header block has ended
  bool body_too_large_ = false;
  bool out_of_memory_ = false;
};

}  // namespace
}  // namespace losant::experience_users

// libcurl calls these through C function pointers, so they have C language linkage; `static`
// keeps them private to this file. `size` is always 1 (CURLOPT_HEADERFUNCTION(3)).
extern "C" {
static std::size_t losant_eu_curl_on_header(char* data, std::size_t size, std::size_t count,
                                            void* transfer) {
  const std::size_t bytes = size * count;
  auto* t = static_cast<losant::experience_users::Transfer*>(transfer);
  return t->on_header_line(std::string_view(data, bytes))
             ? bytes
             : losant::experience_users::kAbortTransfer;
}

static std::size_t losant_eu_curl_on_body(char* data, std::size_t size, std::size_t count,
                                          void* transfer) {
  const std::size_t bytes = size * count;
  auto* t = static_cast<losant::experience_users::Transfer*>(transfer);
  return t->on_body(std::string_view(data, bytes)) ? bytes
                                                   : losant::experience_users::kAbortTransfer;
}
}  // extern "C"

namespace losant::experience_users {
namespace {

// ---------------------------------------------------------------------------------------------
// Small RAII and type-safety wrappers around the C API.

struct CurlCleanup {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct SlistFree {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
struct UrlCleanup {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistFree>;

// One pooled handle with the error buffer libcurl writes into (CURLOPT_ERRORBUFFER needs a
// buffer that outlives the transfer; it lives as long as the handle).
struct EasyHandle {
  std::unique_ptr<CURL, CurlCleanup> curl;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

// curl_easy_setopt() is variadic: each option must receive exactly the type it documents
// (long, curl_off_t, a pointer), and a wrong one compiles silently. These named setters make
// the type explicit at every call, and keep the first failure so configure() checks once.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* handle) : handle_(handle) {}
  void number(CURLoption option, long value) { keep(curl_easy_setopt(handle_, option, value)); }
  void text(CURLoption option, const char* value) {  // libcurl copies strings it is given
    keep(curl_easy_setopt(handle_, option, value));
  }
  void pointer(CURLoption option, void* value) { keep(curl_easy_setopt(handle_, option, value)); }
  // CURLOPT_POSTFIELDS does not copy: @p body must stay alive until the transfer ends. The
  // size goes first and explicitly, so a body with NUL bytes is sent whole and an empty one as
  // `Content-Length: 0`.
  void post_fields(const std::string& body) {
    keep(curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE,
                          static_cast<curl_off_t>(body.size())));
    keep(curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.data()));  // libcurl only reads it
  }
  void headers(curl_slist* list) { keep(curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, list)); }
  void callback(CURLoption option, curl_write_callback function) {
    keep(curl_easy_setopt(handle_, option, function));
  }
  CURLcode result() const noexcept { return result_; }

 private:
  void keep(CURLcode code) {
    if (result_ == CURLE_OK) result_ = code;
  }
  CURL* handle_;
  CURLcode result_ = CURLE_OK;
};

long info_long(CURL* handle, CURLINFO info) {
  long value = 0;
  return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}

curl_off_t info_off(CURL* handle, CURLINFO info) {
  curl_off_t value = 0;
  return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}

// A non-negative duration in milliseconds as the long libcurl wants, clamped to its range.
long to_curl_millis(std::chrono::milliseconds duration) {
  return static_cast<long>(
      std::clamp<std::chrono::milliseconds::rep>(duration.count(), 0, LONG_MAX));
}

// ---------------------------------------------------------------------------------------------
// The handle pool.

class EasyHandlePool {
 public:
  explicit EasyHandlePool(std::size_t max_idle) : max_idle_(max_idle) {}
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  // An idle handle (its connection probably still open), or a new one; nullptr when libcurl
  // cannot make one. May throw std::bad_alloc.
  std::unique_ptr<EasyHandle> acquire() {
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

  // Keeps @p handle for reuse, or closes it (and its connection) when enough are idle.
  void release(std::unique_ptr<EasyHandle> handle) noexcept {
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

// ---------------------------------------------------------------------------------------------
// Building one request.

// RFC 9110 section 5.6.2 token characters: what a header name may consist of.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// The request's own rules, checked before any I/O. Header names must be tokens and values must
// not hold CR, LF or NUL (which would let a value inject headers or end the request early). The
// message names the offending header, never its value.
std::optional<Error> check_request(const HttpRequest& request) {
  for (std::size_t i = 0; i < request.headers.size(); ++i) {
    const auto& [name, value] = request.headers[i];
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
      return invalid_argument("headers", "header #" + std::to_string(i + 1) +
                                             " has an empty or invalid name (RFC 9110 token)");
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return invalid_argument("headers",
                              "the value of header '" + name + "' contains CR, LF or NUL");
    }
  }
  if (request.method == HttpMethod::kGet && !request.body.empty()) {
    return invalid_argument("body", "a GET request cannot carry a body");
  }
  return std::nullopt;
}

void append_header(HeaderList& list, const std::string& line) {
  // curl_slist_append() copies the line and returns the list's head, or nullptr (leaving the
  // list intact) when it cannot allocate.
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) throw std::bad_alloc();
  if (!list) list.reset(head);
}

// The request's headers as libcurl wants them, plus the lines that stop libcurl from adding
// headers of its own that the caller did not ask for.
HeaderList make_header_list(const HttpHeaders& headers) {
  HeaderList list;
  bool has_expect = false;
  bool has_content_type = false;
  std::string line;
  for (const auto& [name, value] : headers) {
    line = name;
    // "Name:" with nothing after the colon would make libcurl *remove* that header;
    // "Name;" is its spelling for a header sent with an empty value.
    if (value.empty()) {
      line += ';';
    } else {
      line += ": ";
      line += value;
    }
    append_header(list, line);
    has_expect = has_expect || ascii_iequals(name, "Expect");
    has_content_type = has_content_type || ascii_iequals(name, "Content-Type");
  }
  // libcurl adds `Expect: 100-continue` to larger bodies and then waits up to a second for the
  // interim response before sending them; an empty value removes the header.
  if (!has_expect) append_header(list, "Expect:");
  // With CURLOPT_POSTFIELDS libcurl claims `Content-Type: application/x-www-form-urlencoded`
  // unless told otherwise; a body goes out with the caller's Content-Type or none.
  if (!has_content_type) append_header(list, "Content-Type:");
  return list;
}

// Sets every option of one request on a freshly reset handle; the first setopt failure, if any.
CURLcode configure(EasyHandle& easy, const HttpRequest& request,
                   const CurlTransportOptions& options, curl_slist* headers, Transfer& transfer) {
  CURL* handle = easy.curl.get();
  curl_easy_reset(handle);
  easy.error_buffer[0] = '\0';
  OptionSetter set(handle);
  set.pointer(CURLOPT_ERRORBUFFER, easy.error_buffer.data());
  set.text(CURLOPT_URL, request.url.c_str());
  // Only HTTP(S): a URL can never make this transport speak FTP, FILE, SMTP, ...
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
  set.text(CURLOPT_PROTOCOLS_STR, "http,https");
#else
  set.number(CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif

  // The method and the body: POST and PATCH always send one (maybe empty), DELETE only when
  // given one; GET never does (check_request). PATCH and DELETE are libcurl's POST (or GET)
  // with another name on the request line: only the name changes.
  switch (request.method) {
    case HttpMethod::kGet: set.number(CURLOPT_HTTPGET, 1L); break;
    case HttpMethod::kPost:
      set.post_fields(request.body);
      // When a reused connection dies before any byte of the response arrives, libcurl
      // silently sends the request again on a new connection (Curl_retry_request(); no option
      // turns it off). The server may have received the first copy: for a create, that is a
      // duplicate user, or a 400 "already exists" for a create that worked. A POST therefore
      // always gets a new connection, which libcurl never retries this way; the client's
      // retry policy, which knows the request may have been sent, decides instead. (The new
      // connection then replaces the handle's old one in the pool; TLS session resumption
      // keeps its handshake short.) CurlTransportOptions::reuse_connections_for_post opts out.
      if (!options.reuse_connections_for_post) set.number(CURLOPT_FRESH_CONNECT, 1L);
      break;
    case HttpMethod::kPatch:
      set.post_fields(request.body);
      set.text(CURLOPT_CUSTOMREQUEST, "PATCH");
      break;
    case HttpMethod::kDelete:
      if (!request.body.empty()) set.post_fields(request.body);
      set.text(CURLOPT_CUSTOMREQUEST, "DELETE");
      break;
  }
  set.headers(headers);
  // An empty string means every encoding this libcurl can decode (gzip, deflate, br, zstd as
  // built); the body is decoded before the write callback sees it.
  set.text(CURLOPT_ACCEPT_ENCODING, "");

  // A redirect comes back as the 3xx response it is: following it could carry the
  // Authorization header to another host.
  set.number(CURLOPT_FOLLOWLOCATION, 0L);

  // TLS verification is always on; a CA bundle replaces the system's trust store, nothing more.
  set.number(CURLOPT_SSL_VERIFYPEER, 1L);
  set.number(CURLOPT_SSL_VERIFYHOST, 2L);
  if (options.ca_bundle_path) set.text(CURLOPT_CAINFO, options.ca_bundle_path->c_str());

  // CURLOPT_TIMEOUT_MS bounds the whole attempt (connect included); the connect timeout can
  // only shorten it. 0 would mean "no timeout" to libcurl: send() never passes it.
  set.number(CURLOPT_TIMEOUT_MS, to_curl_millis(request.timeout));
  if (options.connect_timeout.count() > 0) {
    set.number(CURLOPT_CONNECTTIMEOUT_MS, to_curl_millis(options.connect_timeout));
  }
  // Without it, libcurl's synchronous DNS resolver times out with SIGALRM and longjmp, which
  // is not safe with threads (CURLOPT_NOSIGNAL(3)).
  set.number(CURLOPT_NOSIGNAL, 1L);
  // TCP keep-alive probes (libcurl's default: after 60 s idle, every 60 s) let pooled
  // connections notice a peer or middlebox that vanished.
  set.number(CURLOPT_TCP_KEEPALIVE, 1L);
  // One cached connection per handle, so the pool's idle limit is the idle-connection limit.
  set.number(CURLOPT_MAXCONNECTS, 1L);
  // Behind a proxy, the proxy's CONNECT response is not the server's: keep it out of the
  // header callback.
  set.number(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);

  set.callback(CURLOPT_HEADERFUNCTION, losant_eu_curl_on_header);
  set.pointer(CURLOPT_HEADERDATA, &transfer);
  set.callback(CURLOPT_WRITEFUNCTION, losant_eu_curl_on_body);
  set.pointer(CURLOPT_WRITEDATA, &transfer);
  return set.result();
}

// A short description of the request for error messages: "POST api.losant.com:443/path". The
// query string and any user:password in the URL are left out.
std::string describe_target(const HttpRequest& request) {
  std::string out(to_string(request.method));
  out += ' ';
  const auto part = [](CURLU* url, CURLUPart which, unsigned int flags) {
    char* text = nullptr;
    std::string value;
    if (curl_url_get(url, which, &text, flags) == CURLUE_OK && text != nullptr) value = text;
    curl_free(text);
    return value;
  };
  const std::unique_ptr<CURLU, UrlCleanup> url(curl_url());
  if (!url || curl_url_set(url.get(), CURLUPART_URL, request.url.c_str(), 0) != CURLUE_OK) {
    return out + "(invalid URL)";
  }
  out += part(url.get(), CURLUPART_HOST, 0);
  out += ':';
  out += part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  out += part(url.get(), CURLUPART_PATH, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The transport.

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
    if (std::optional<Error> invalid = check_request(request)) return std::move(*invalid);
    if (request.timeout.count() <= 0) {
      // libcurl reads a zero timeout as "none"; an attempt with no time left fails at once.
      Error e;
      e.kind = ErrorKind::kTimeout;
      e.retryable = true;
      e.message = describe_target(request) + ": no time left for the attempt (timeout " +
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
    const HeaderList headers = make_header_list(request.headers);
    Transfer transfer(options_.max_response_bytes);
    CURL* handle = easy.curl.get();
    CURLcode code = configure(easy, request, options_, headers.get(), transfer);
    const bool performed = code == CURLE_OK;
    if (performed) code = curl_easy_perform(handle);
    if (code == CURLE_OK) {
      return transfer.take_response(static_cast<int>(info_long(handle, CURLINFO_RESPONSE_CODE)));
    }

    internal::CurlFailure failure;
    failure.code = code;
    failure.detail = easy.error_buffer.data();
    // After a failed setopt nothing was attempted, and the handle's info still describes
    // nothing (curl_easy_reset clears it).
    failure.request_started = performed && (info_long(handle, CURLINFO_REQUEST_SIZE) > 0 ||
                                            info_off(handle, CURLINFO_PRETRANSFER_TIME_T) > 0);
    failure.body_too_large = transfer.body_too_large();
    failure.out_of_memory = transfer.out_of_memory();
    failure.max_response_bytes = options_.max_response_bytes;
    failure.http_status = transfer.final_status();
    return internal::curl_failure_to_error(failure, describe_target(request));
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

// ---------------------------------------------------------------------------------------------
// The one CURLcode mapping.

namespace internal {
namespace {

// How a CURLcode is reported. `sent_before_failing` says whether the request may have left
// when this code is returned however far the transfer got; when false, the transfer's own
// evidence (CurlFailure::request_started) still decides.
struct CodeClass {
  ErrorKind kind;
  bool retryable;
  bool sent_before_failing;
};

CodeClass classify(CURLcode code) {
  switch (code) {
    // Name resolution or TCP connect failed: the request never left.
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT: return {ErrorKind::kConnect, true, false};

    // CURLOPT_TIMEOUT_MS or CURLOPT_CONNECTTIMEOUT_MS expired: during connect nothing was
    // sent, later the server may be working on it.
    case CURLE_OPERATION_TIMEDOUT: return {ErrorKind::kTimeout, true, false};

    // The TLS handshake or certificate check failed, before any HTTP byte was sent. Repeating
    // the same call meets the same certificate.
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
#if LIBCURL_VERSION_NUM >= 0x074D00  // 7.77.0
    case CURLE_SSL_CLIENTCERT:
#endif
      return {ErrorKind::kTls, false, false};

    // The connection broke while the request or the response was on the wire.
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_SHUTDOWN_FAILED: return {ErrorKind::kTransport, true, true};

    // The peer does not speak HTTP as expected, or sent a body that cannot be decoded:
    // repeating is unlikely to help.
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING: return {ErrorKind::kTransport, false, true};

    // The URL is not one this transport will use: nothing was sent.
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return {ErrorKind::kInvalidArgument, false, false};

    // Setup failures (a libcurl built without a feature, no memory for an option): nothing
    // was sent, unless the evidence says otherwise.
    case CURLE_FAILED_INIT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_RECURSIVE_API_CALL: return {ErrorKind::kTransport, false, false};

    // Anything else (CURLE_OUT_OF_MEMORY, CURLE_WRITE_ERROR not caused by the cap, codes of
    // newer libcurls): when unsure, say the request may have been sent.
    default: return {ErrorKind::kTransport, false, true};
  }
}

}  // namespace

Error curl_failure_to_error(const CurlFailure& failure, std::string_view target) {
  Error e;
  e.attempts = 1;
  std::string what;
  if (failure.body_too_large) {
    // Our callback stopped the transfer (libcurl reports CURLE_WRITE_ERROR).
    e.kind = ErrorKind::kResponseTooLarge;
    e.request_may_have_been_sent = true;
    e.http_status = failure.http_status;
    what = "the response body exceeds the limit of " + std::to_string(failure.max_response_bytes) +
           " bytes (max_response_bytes)";
  } else if (failure.out_of_memory) {
    e.kind = ErrorKind::kTransport;
    e.request_may_have_been_sent = true;
    what = "out of memory while receiving the response";
  } else {
    const CodeClass c = classify(failure.code);
    e.kind = c.kind;
    e.retryable = c.retryable;
    e.request_may_have_been_sent = c.sent_before_failing || failure.request_started;
    // Two "nothing was sent" codes also turn up after the request left, and are then no
    // longer a connect failure or a bad URL:
    //  - CURLE_COULDNT_CONNECT when libcurl's silent retry of a reused connection that died
    //    cannot reconnect (the first attempt may have reached the server);
    //  - CURLE_UNSUPPORTED_PROTOCOL when the reply is not HTTP at all ("Received HTTP/0.9
    //    when not allowed").
    if (e.request_may_have_been_sent &&
        (e.kind == ErrorKind::kConnect || e.kind == ErrorKind::kInvalidArgument)) {
      e.kind = ErrorKind::kTransport;
    }
    if (e.kind == ErrorKind::kInvalidArgument) e.field = "url";
    // libcurl's error buffer is the specific story ("Failed to connect to host port 443 after
    // 3 ms: Couldn't connect to server"); curl_easy_strerror() is the generic one.
    what = failure.detail.empty() ? curl_easy_strerror(failure.code) : std::string(failure.detail);
    what += " (curl error " + std::to_string(static_cast<int>(failure.code)) + ")";
  }
  e.message.reserve(target.size() + 2 + what.size());
  e.message.append(target).append(": ").append(what);
  return e;
}

}  // namespace internal

std::shared_ptr<HttpTransport> make_curl_transport(CurlTransportOptions options) {
  return std::make_shared<CurlTransport>(std::move(options));
}

}  // namespace losant::experience_users
