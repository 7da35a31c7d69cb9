// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// format_timestamp() without a std::string: for writers that append the text themselves.
#pragma once

#include <cstddef>

#include "losant/experience_users/models.hpp"

namespace losant::experience_users::internal {

// Enough for any Timestamp (a signed 64-bit count of milliseconds) as format_timestamp writes it.
inline constexpr std::size_t kTimestampBufferSize = 40;

// Writes format_timestamp(t) at `out` (kTimestampBufferSize bytes); returns its length.
std::size_t write_timestamp(char* out, Timestamp t) noexcept;

}  // namespace losant::experience_users::internal
