// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "reply.hpp"

namespace losant::emulator::detail {
namespace {

struct StatusInfo {
  int status;
  std::string_view type;
  std::string_view reason;
};

// The statuses the emulator (or a fault) can produce. Losant's own types come first; the others
// are the names a generic gateway error would carry.
constexpr StatusInfo kStatuses[] = {
    {400, "Validation", "Bad Request"},
    {401, "Unauthorized", "Unauthorized"},
    {403, "Forbidden", "Forbidden"},
    {404, "NotFound", "Not Found"},
    {405, "MethodNotAllowed", "Method Not Allowed"},
    {408, "RequestTimeout", "Request Timeout"},
    {409, "Conflict", "Conflict"},
    {413, "PayloadTooLarge", "Payload Too Large"},
    {414, "UriTooLong", "URI Too Long"},
    {415, "UnsupportedMediaType", "Unsupported Media Type"},
    {429, "TooManyRequests", "Too Many Requests"},
    {500, "InternalServerError", "Internal Server Error"},
    {501, "NotImplemented", "Not Implemented"},
    {502, "BadGateway", "Bad Gateway"},
    {503, "ServiceUnavailable", "Service Unavailable"},
    {504, "GatewayTimeout", "Gateway Timeout"},
};

const StatusInfo* find_status(int status) {
  for (const auto& info : kStatuses) {
    if (info.status == status) return &info;
  }
  return nullptr;
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run_start = 0;  // Append unescaped runs in one go: most strings need no escaping.
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(value.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4U]);
        out.push_back(kHex[c & 0x0FU]);
    }
  }
  out.append(value.data() + run_start, value.size() - run_start);
  out.push_back('"');
}

std::string error_body(std::string_view type, std::string_view message) {
  std::string body = "{\"type\":";
  append_json_string(body, type);
  body += ",\"message\":";
  append_json_string(body, message);
  body += '}';
  return body;
}

Reply error_reply(int status, std::string_view type, std::string_view message) {
  return Reply{status, error_body(type, message), kJsonContentType, {}};
}

Reply validation_error(std::string_view message) {
  return error_reply(400, "Validation", message);
}

Reply not_found(std::string_view message) {
  return error_reply(404, "NotFound", message);
}

std::string_view error_type_for_status(int status) {
  const StatusInfo* info = find_status(status);
  return info != nullptr ? info->type : "Error";
}

std::string_view reason_phrase(int status) {
  const StatusInfo* info = find_status(status);
  return info != nullptr ? info->reason : "Error";
}

}  // namespace losant::emulator::detail
