// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// A fixed amount of codec work for callgrind and dhat, which count instructions and heap blocks
// exactly where Google Benchmark's timings are noisy (docs/performance.md, "The CPU path").
//
//   codec_profile decode ROUNDS   decode_users() of the 1000-user page ROUNDS times (in place)
//   codec_profile encode ROUNDS   to_json() of each of its 1000 users ROUNDS times
//
// The cost of one round is the difference between two runs, e.g. ROUNDS=11 minus ROUNDS=1
// divided by 10, which cancels the start-up and the page generation.

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "losant/experience_users/json.hpp"
#include "user_page.hpp"
#include "wire/codec.hpp"

using namespace losant::experience_users;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: codec_profile decode|encode ROUNDS\n");
    return 2;
  }
  const std::string_view mode = argv[1];
  const long rounds = std::strtol(argv[2], nullptr, 10);
  std::string buffer = bench::generate_page(1000);
  const std::size_t size = buffer.size();
  buffer.resize(size + simdjson::SIMDJSON_PADDING);
  const std::string_view body(buffer.data(), size);

  std::size_t checksum = 0;
  if (mode == "decode") {
    for (long i = 0; i < rounds; ++i) {
      const auto page = internal::decode_users(body, buffer.size());
      if (!page) return 1;
      checksum += page->items.size();
    }
  } else if (mode == "encode") {
    const auto page = internal::decode_users(body, buffer.size());
    if (!page) return 1;
    for (long i = 0; i < rounds; ++i) {
      for (const ExperienceUser& user : page->items) checksum += to_json(user).size();
    }
  } else {
    std::fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
  }
  std::printf("%zu\n", checksum);
  return 0;
}
