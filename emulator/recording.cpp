// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "recording.hpp"

#include <string_view>

#include "text.hpp"

namespace losant::emulator::detail {
namespace {

constexpr std::string_view kRedacted = "[redacted]";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; a `%` not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_parameters(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const std::size_t equals = pair.find('=');
      parameters.emplace_back(percent_decode(pair.substr(0, equals)),
                              equals == std::string_view::npos
                                  ? std::string()
                                  : percent_decode(pair.substr(equals + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return parameters;
}

}  // namespace

RecordedRequest make_recorded(Received received, bool keep_authorization) {
  RecordedRequest recorded;
  recorded.method = std::move(received.method);
  recorded.target = std::move(received.target);
  const std::size_t question = recorded.target.find('?');
  recorded.path = recorded.target.substr(0, question);
  if (question != std::string::npos) recorded.query = recorded.target.substr(question + 1);
  recorded.parameters = parse_parameters(recorded.query);
  recorded.headers = std::move(received.headers);
  if (!keep_authorization) {
    for (auto& [name, value] : recorded.headers) {
      if (iequals(name, "Authorization")) value = std::string(kRedacted);
    }
  }
  recorded.body = std::move(received.body);
  recorded.authorized = received.authorized;
  return recorded;
}

}  // namespace losant::emulator::detail

namespace losant::experience_users::testing {

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (emulator::detail::iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::optional<std::string> RecordedRequest::parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace losant::experience_users::testing
