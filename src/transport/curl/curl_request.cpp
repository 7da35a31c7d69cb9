// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Every request starts with curl_easy_reset(). It restores every option to its default but
// keeps the handle's live connections, DNS cache and TLS session cache (curl_easy_reset(3)), so
// configure() sets *every* option each time and nothing of one request leaks into the next.
#include "transport/curl/curl_request.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <new>
#include <string_view>

#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

// A POST reuses a kept-alive connection only if it has been idle for at most this long.
constexpr long kMaxPostReuseIdleSeconds = 2;

struct UrlCleanup {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
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
  void debug_callback(curl_debug_callback function) {
    keep(curl_easy_setopt(handle_, CURLOPT_DEBUGFUNCTION, function));
  }
  CURLcode result() const noexcept { return result_; }

 private:
  void keep(CURLcode code) {
    if (result_ == CURLE_OK) result_ = code;
  }
  CURL* handle_;
  CURLcode result_ = CURLE_OK;
};

// Whether @p url's scheme is https (case-insensitive, as libcurl reads it).
bool is_https(std::string_view url) {
  constexpr std::string_view kHttps = "https://";
  return url.size() >= kHttps.size() && ascii_iequals(url.substr(0, kHttps.size()), kHttps);
}

// A non-negative duration in milliseconds as the long libcurl wants, clamped to its range.
long to_curl_millis(std::chrono::milliseconds duration) {
  return static_cast<long>(
      std::clamp<std::chrono::milliseconds::rep>(duration.count(), 0, LONG_MAX));
}

// RFC 9110 section 5.6.2 token characters: what a header name may consist of.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void append_header(HeaderList& list, const std::string& line) {
  // curl_slist_append() copies the line and returns the list's head, or nullptr (leaving the
  // list intact) when it cannot allocate.
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) throw std::bad_alloc();
  if (!list) list.reset(head);
}

}  // namespace

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

CURLcode configure(EasyHandle& easy, const HttpRequest& request,
                   const CurlTransportOptions& options, curl_slist* headers,
                   ResponseReceiver& receiver) {
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
      // turns it off). The server may have applied the first copy: a create that worked then
      // answers 400 AlreadyExists (emails are unique, so never a second user). That resend is
      // made visible (watch_for_repeats below, HttpResponse::sent_more_than_once) and the
      // client resolves it. A connection idle for longer than kMaxPostReuseIdle is not reused
      // for a POST: servers close idle connections after a few seconds (5 s for cpp-httplib,
      // 60 s behind an AWS load balancer), and that close racing our request is what makes
      // libcurl resend. Without reuse_connections_for_post every POST gets a new connection,
      // which libcurl never repeats.
      if (options.reuse_connections_for_post) {
        set.number(CURLOPT_MAXAGE_CONN, kMaxPostReuseIdleSeconds);
      } else {
        set.number(CURLOPT_FRESH_CONNECT, 1L);
      }
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

  // Proxies (CurlTransportOptions::proxy): a plain-http request never goes through one (the
  // proxy would read the Authorization header): "" turns off the environment's too. https://
  // goes through the configured proxy or the environment's, always as a CONNECT tunnel.
  if (!is_https(request.url)) {
    set.text(CURLOPT_PROXY, "");
  } else {
    if (options.proxy) set.text(CURLOPT_PROXY, options.proxy->c_str());
    set.number(CURLOPT_HTTPPROXYTUNNEL, 1L);
  }

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

  // A POST or DELETE repeated by libcurl (see above) must not pass unnoticed: count the
  // requests it sends. (The debug callback is only called in verbose mode; it keeps nothing.)
  if (request.method == HttpMethod::kPost || request.method == HttpMethod::kDelete) {
    receiver.watch_for_repeats(request.method == HttpMethod::kPost ? "POST " : "DELETE ");
    set.number(CURLOPT_VERBOSE, 1L);
    set.debug_callback(debug_callback());
    set.pointer(CURLOPT_DEBUGDATA, &receiver);
  }

  set.callback(CURLOPT_HEADERFUNCTION, header_callback());
  set.pointer(CURLOPT_HEADERDATA, &receiver);
  set.callback(CURLOPT_WRITEFUNCTION, body_callback());
  set.pointer(CURLOPT_WRITEDATA, &receiver);
  return set.result();
}

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

}  // namespace losant::experience_users::internal
