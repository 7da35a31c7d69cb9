// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The benchmarks' realistic page: 1000 users of about 600 bytes each (ids, email, names, four
// dates, a couple of tags, one or two groups), compact JSON like the API's, generated with a
// fixed seed so that every run (and callgrind) sees the same bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "losant/experience_users/models.hpp"

namespace losant::experience_users::bench {

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

inline std::string generate_page(int users) {
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

}  // namespace losant::experience_users::bench
