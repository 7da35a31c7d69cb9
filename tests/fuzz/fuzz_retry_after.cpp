// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes the Retry-After parser (a header any server or proxy can send): it never crashes and
// never asks for a negative wait or one longer than its clamp.

#include <chrono>

#include "fuzz_check.hpp"
#include "policy/retry.hpp"

using namespace losant::experience_users;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  if (const auto delay = internal::parse_retry_after(fuzz::as_text(data, size), now)) {
    fuzz::check(delay->count() >= 0, "negative Retry-After delay");
    fuzz::check(*delay <= std::chrono::hours(24 * 365), "Retry-After delay past its clamp");
  }
  return 0;
}
