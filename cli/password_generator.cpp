// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "password_generator.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <string_view>
#include <system_error>

namespace losant::cli {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::size_t kLength = 24;

template <std::size_t N>
void fill_random(std::array<unsigned char, N>& bytes) {
  std::size_t filled = 0;
  while (filled < N) {
    const ssize_t got = getrandom(bytes.data() + filled, N - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw std::system_error(errno, std::generic_category(), "getrandom");
    filled += static_cast<std::size_t>(got);
  }
}

}  // namespace

std::string generate_password() {
  // Rejection sampling: the 248 byte values below kLimit map evenly onto the 62 characters.
  constexpr unsigned kLimit = 256 - 256 % kAlphabet.size();
  std::string password;
  std::array<unsigned char, 2 * kLength> pool{};
  while (password.size() < kLength) {
    fill_random(pool);
    for (const unsigned char byte : pool) {
      if (byte < kLimit) password += kAlphabet[byte % kAlphabet.size()];
      if (password.size() == kLength) break;
    }
  }
  return password;
}

}  // namespace losant::cli
