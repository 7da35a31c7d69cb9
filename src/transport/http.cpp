// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "losant/experience_users/transport.hpp"

#include "text/text.hpp"

namespace losant::experience_users {

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
