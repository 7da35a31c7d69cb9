// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// HTTP helpers shared by the client and the transport.
#pragma once

#include <string_view>

namespace losant::experience_users::internal {

// ASCII case-insensitive equality, as HTTP header names compare (RFC 9110 section 5.1).
bool header_name_equals(std::string_view a, std::string_view b) noexcept;

}  // namespace losant::experience_users::internal
