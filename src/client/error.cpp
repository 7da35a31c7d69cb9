// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "losant/experience_users/error.hpp"

#include <string>

namespace losant::experience_users {

std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid-argument";
    case ErrorKind::kConnect: return "connect";
    case ErrorKind::kTransport: return "transport";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kTls: return "tls";
    case ErrorKind::kHttp: return "http";
    case ErrorKind::kMalformedResponse: return "malformed-response";
    case ErrorKind::kResponseTooLarge: return "response-too-large";
    case ErrorKind::kNone: return "none";
  }
  return "unknown";
}

std::string Error::to_string() const {
  std::string out(experience_users::to_string(kind));
  if (http_status != 0) out += " " + std::to_string(http_status);
  if (!api_type.empty()) out += " " + api_type;
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += message;
  if (attempts > 1) out += " (after " + std::to_string(attempts) + " attempts)";
  return out;
}

const Error& Error::none() noexcept {
  static const Error kNoError = [] {
    Error e;
    e.kind = ErrorKind::kNone;
    e.message = "no error";
    return e;
  }();
  return kNoError;
}

Error invalid_argument(std::string field, std::string rule) {
  Error e;
  e.kind = ErrorKind::kInvalidArgument;
  e.field = std::move(field);
  e.message = std::move(rule);
  return e;
}

Exception::Exception(Error error)
    : std::runtime_error(error.to_string()), error_(std::move(error)) {}

}  // namespace losant::experience_users
