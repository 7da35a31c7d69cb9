// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Speed of the JSON codec on realistic data.
//
// The page is generated with a fixed seed: 1000 users of about 600 bytes each (ids, email,
// names, four dates, a couple of tags, one or two groups), compact JSON like the API's.
//
//   BM_DecodeUsersPage/in_place   decode_users() when the body has room for simdjson's padding
//   BM_DecodeUsersPage/copy       decode_users() on a body without it (one extra copy)
//   BM_NlohmannDomPage            baseline: nlohmann::json::parse() of the same page into a DOM
//                                 (only the DOM; converting it into structs would cost more)
//   BM_EncodePost                 encode_post() of a create body with every field set
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
#include "wire/codec.hpp"

namespace {

using namespace losant::experience_users;

// Deterministic pseudo-random choices (std::mt19937 is specified exactly by the standard; the
// distributions are not, so they are avoided).
class Choices {
 public:
  explicit Choices(std::uint32_t seed) : engine_(seed) {}
  std::uint32_t below(std::uint32_t n) { return engine_() % n; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }
  std::string hex_id() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(24, '0');
    for (char& c : id) c = kHex[below(16)];
    return id;
  }
  // A date-time between 2016 and 2024, as the API writes it.
  std::string date() {
    const std::int64_t start = 1451606400000;  // 2016-01-01
    const std::int64_t millis =
        start + static_cast<std::int64_t>(engine_() % 252460800) * 1000 + below(1000);
    return format_timestamp(Timestamp(std::chrono::milliseconds(millis)));
  }

 private:
  std::mt19937 engine_;
};

std::string generate_page(int users) {
  static const char* const kFirst[] = {"Olivia", "Liam",   "Emma",   "Noah",  "Amelia", "Oliver",
                                       "Ava",    "Elijah", "Sophia", "Mateo", "Zoë",    "José"};
  static const char* const kLast[] = {"Smith",  "Johnson", "Williams", "Brown",     "Jones",
                                      "García", "Miller",  "Davis",    "Rodríguez", "Martinez"};
  static const char* const kRoles[] = {"operator", "admin", "viewer", "technician"};
  static const char* const kCustomers[] = {"acme-industries", "globex", "initech", "umbrella"};
  static const char* const kGroups[] = {"Plant 7", "North Region",     "Maintenance",
                                        "Admins",  "Line 3 Operators", "Quality Control"};
  Choices choose(20160613);
  const std::string application_id = choose.hex_id();
  std::string group_ids[6];
  for (std::string& id : group_ids) id = choose.hex_id();

  std::string json = R"({"items":[)";
  for (int i = 0; i < users; ++i) {
    if (i > 0) json += ',';
    const std::string id = choose.hex_id();
    const std::string first = choose.pick(kFirst);
    const std::string last = choose.pick(kLast);
    json += R"({"id":")" + id + R"(","experienceUserId":")" + id + R"(","applicationId":")" +
            application_id + R"(","creationDate":")" + choose.date() + R"(","lastUpdated":")" +
            choose.date() + R"(","passwordLastUpdated":")" + choose.date() + '"';
    if (choose.below(10) < 8) json += R"(,"lastLogin":")" + choose.date() + '"';
    json += R"(,"email":")" + first + "." + last + std::to_string(i) + R"(@example-customer.com")";
    json += R"(,"firstName":")" + first + R"(","lastName":")" + last + '"';
    if (choose.below(4) == 0) {
      json += R"(,"avatarUrl":"https://files.example.com/avatars/)" + id + R"(.png")";
    }
    json += R"(,"userTags":{"customer":")" + std::string(choose.pick(kCustomers)) +
            R"(","role":")" + choose.pick(kRoles) + R"("})";
    json += R"(,"experienceGroups":[)";
    const std::uint32_t groups = 1 + choose.below(2);
    for (std::uint32_t g = 0; g < groups; ++g) {
      const std::uint32_t which = choose.below(6);
      if (g > 0) json += ',';
      json += R"({"id":")" + group_ids[which] + R"(","name":")" + kGroups[which] + '"';
      json +=
          which == 0 ? std::string(R"(,"parentId":null)") : R"(,"parentId":")" + group_ids[0] + '"';
      json += '}';
    }
    json += "]}";
  }
  json += R"(],"count":)" + std::to_string(users) +
          R"(,"totalCount":100000,"perPage":1000,"page":0,"sortField":"email",)"
          R"("sortDirection":"asc","applicationId":")" +
          application_id + R"("})";
  return json;
}

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

}  // namespace

BENCHMARK_MAIN();
