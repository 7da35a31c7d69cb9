// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// An HTTP answer as the emulator builds it, and the JSON text helpers that fill it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace losant::emulator::detail {

inline constexpr const char* kJsonContentType = "application/json";

/// What to answer: independent of the HTTP library so the store and the parsers stay plain.
struct Reply {
  int status = 200;                                          ///< HTTP status.
  std::string body;                                          ///< Response body.
  std::string content_type = kJsonContentType;               ///< Content-Type of the body.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Extra response headers.
};

/// Appends @p value as a JSON string literal (quotes included). The emulator only stores UTF-8
/// that a JSON parser accepted, so non-ASCII bytes pass through and only `"`, `\` and control
/// characters are escaped.
void append_json_string(std::string& out, std::string_view value);

/// A Losant error body: `{"type":"...","message":"..."}`.
std::string error_body(std::string_view type, std::string_view message);

/// A reply with a Losant error body.
Reply error_reply(int status, std::string_view type, std::string_view message);

/// 400 `{"type":"Validation","message":...}`.
Reply validation_error(std::string_view message);

/// 404 `{"type":"NotFound","message":...}`.
Reply not_found(std::string_view message);

/// The error `type` the emulator uses for a status it produces without a more specific one
/// (`ServiceUnavailable` for 503, `TooManyRequests` for 429, ...).
std::string_view error_type_for_status(int status);

/// The standard reason phrase of @p status (`Service Unavailable`), or `Error`.
std::string_view reason_phrase(int status);

}  // namespace losant::emulator::detail
