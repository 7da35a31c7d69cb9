// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "losant/experience_users/transport.hpp"

#include <algorithm>

#include "transport/http.hpp"

namespace losant::experience_users {

namespace internal {

bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  // ASCII only, without std::tolower: header names are tokens, and the C locale must not matter.
  const auto lower = [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace internal

std::string_view to_string(HttpMethod method) noexcept {
  switch (method) {
    case HttpMethod::kGet: return "GET";
    case HttpMethod::kPost: return "POST";
    case HttpMethod::kPatch: return "PATCH";
    case HttpMethod::kDelete: return "DELETE";
  }
  return "UNKNOWN";  // only for a value outside the enumeration
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (internal::ascii_iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace losant::experience_users
