// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Helpers shared by the fuzz targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "losant/experience_users/error.hpp"

namespace losant::experience_users::fuzz {

// Aborts (which libFuzzer reports as a crash, with the input) when an invariant is broken.
inline void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A copy of the input followed by `padding` bytes of junk, for the decoders' parse-in-place
// path (the bytes after the body belong to the caller and may hold anything).
class PaddedCopy {
 public:
  PaddedCopy(std::string_view text, std::size_t padding) : bytes_(text.size() + padding, '\xAA') {
    if (!text.empty()) std::memcpy(bytes_.data(), text.data(), text.size());
    size_ = text.size();
  }
  std::string_view text() const { return {bytes_.data(), size_}; }
  std::size_t capacity() const { return bytes_.size(); }

 private:
  std::vector<char> bytes_;
  std::size_t size_ = 0;
};

// What every decoding error must look like: a kind, a short one-line message.
inline void check_error(const Error& error, ErrorKind kind) {
  check(error.kind == kind, "unexpected error kind");
  check(!error.message.empty(), "empty error message");
  check(error.message.size() <= 400, "error message too long (bodies must not be echoed)");
  check(error.message.find('\n') == std::string::npos, "error message spans lines");
}

}  // namespace losant::experience_users::fuzz
