// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes parse_timestamp (every accepted text round-trips through format_timestamp) and
// format_timestamp over the whole range of Timestamp.

#include <cstring>

#include "fuzz_check.hpp"
#include "losant/experience_users/models.hpp"

using namespace losant::experience_users;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  if (const auto parsed = parse_timestamp(text)) {
    const std::string formatted = format_timestamp(*parsed);
    fuzz::check(formatted.size() == 24, "formatted timestamp is not YYYY-MM-DDTHH:MM:SS.mmmZ");
    fuzz::check(parse_timestamp(formatted) == parsed, "timestamp does not round-trip");
  }

  // Any 64-bit count of milliseconds formats without overflow.
  if (size >= sizeof(std::int64_t)) {
    std::int64_t millis = 0;
    std::memcpy(&millis, data, sizeof millis);
    const std::string formatted = format_timestamp(Timestamp(std::chrono::milliseconds(millis)));
    fuzz::check(formatted.size() >= 24 && formatted.back() == 'Z', "bad format of any instant");
  }
  return 0;
}
