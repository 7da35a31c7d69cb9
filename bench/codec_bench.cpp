// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Speed of the JSON codec on realistic data.
//
// The page (bench/user_page.hpp) is generated with a fixed seed: 1000 users of about 600 bytes
// each (ids, email, names, four dates, a couple of tags, one or two groups), compact JSON like
// the API's.
//
//   BM_DecodeUsersPage/in_place   decode_users() when the body has room for simdjson's padding
//   BM_DecodeUsersPage/copy       decode_users() on a body without it (one extra copy)
//   BM_NlohmannDomPage            baseline: nlohmann::json::parse() of the same page into a DOM
//                                 (only the DOM; converting it into structs would cost more)
//   BM_EncodePost                 encode_post() of a create body with every field set
//   BM_EncodeUsers                to_json() of each user of the page (the CLI's JSON Lines)
//
// Compare bytes_per_second of the decoders with the baseline; the machine is noisy, so read
// ratios rather than absolute figures (--benchmark_repetitions=5 helps).

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "losant/experience_users/json.hpp"
#include "user_page.hpp"
#include "wire/codec.hpp"

namespace {

using namespace losant::experience_users;
using losant::experience_users::bench::generate_page;

const std::string& page() {
  static const std::string json = generate_page(1000);
  return json;
}

void BM_DecodeUsersPage(benchmark::State& state, bool in_place) {
  // A buffer with room for simdjson's padding after the body, as a transport can provide.
  std::string buffer = page();
  buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);
  const std::size_t capacity = in_place ? buffer.capacity() : 0;
  std::size_t users = 0;
  for (auto _ : state) {
    auto result = internal::decode_users(buffer, capacity);
    if (!result.ok()) {
      state.SkipWithError(result.error().message.c_str());
      break;
    }
    users = result->items.size();
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * page().size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * users));
  state.counters["page_kB"] = static_cast<double>(page().size()) / 1000.0;
}
BENCHMARK_CAPTURE(BM_DecodeUsersPage, in_place, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DecodeUsersPage, copy, false)->Unit(benchmark::kMicrosecond);

void BM_NlohmannDomPage(benchmark::State& state) {
  const std::string& json = page();
  for (auto _ : state) {
    nlohmann::json dom = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (dom.is_discarded()) {
      state.SkipWithError("nlohmann could not parse the page");
      break;
    }
    benchmark::DoNotOptimize(dom);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 1000));
}
BENCHMARK(BM_NlohmannDomPage)->Unit(benchmark::kMicrosecond);

void BM_EncodePost(benchmark::State& state) {
  ExperienceUserPost post;
  post.email = "olivia.garcia@example-customer.com";
  post.password = "correct horse battery staple";
  post.first_name = "Olivia";
  post.last_name = "García";
  post.token_cutoff = parse_timestamp("2016-06-13T04:00:00.000Z");
  post.user_tags = Tags{{"customer", "acme-industries"}, {"role", "operator"}};
  post.experience_group_ids =
      std::vector<std::string>{"575ef5c37ae143cd83dc4aac", "575ef5c37ae143cd83dc4aad"};
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string body = internal::encode_post(post);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EncodePost);

// to_json() of every user of the page, one string each (what `export --format jsonl` does).
void BM_EncodeUsers(benchmark::State& state) {
  const auto decoded = internal::decode_users(page());
  if (!decoded.ok()) {
    state.SkipWithError(decoded.error().message.c_str());
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const ExperienceUser& user : decoded->items) {
      std::string json = to_json(user);
      bytes += json.size();
      benchmark::DoNotOptimize(json);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * decoded->items.size()));
}
BENCHMARK(BM_EncodeUsers)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
