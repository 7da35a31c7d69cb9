// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The one CURLcode mapping: which ErrorKind a failed transfer is, whether repeating it may
// help, and whether the request may have reached the server.
#include "transport/curl/curl_error.hpp"

#include <string>

namespace losant::experience_users::internal {
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

}  // namespace losant::experience_users::internal
