// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// HTTP helpers shared by the client and the transport.
#pragma once

#include <string_view>

namespace losant::experience_users::internal {

// ASCII case-insensitive equality: how HTTP header names compare (RFC 9110 section 5.1), and
// how the API compares emails.
bool ascii_iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace losant::experience_users::internal
