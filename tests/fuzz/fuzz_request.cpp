// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes request building from arbitrary strings: a query (filter glob and group filter) and a
// create body go through validation; whatever passes must give a query string of RFC 3986
// characters only, whose filter value decodes back to the input, and a body that parses back.

#include <string>

#include "fuzz_check.hpp"
#include "losant/experience_users/json.hpp"
#include "policy/validation.hpp"
#include "wire/codec.hpp"
#include "wire/request.hpp"

using namespace losant::experience_users;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view encoded) {
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%') {
      fuzz::check(i + 2 < encoded.size(), "truncated escape");
      const int hi = hex_value(encoded[i + 1]), lo = hex_value(encoded[i + 2]);
      fuzz::check(hi >= 0 && lo >= 0, "bad escape");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += encoded[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  // Split the input into three strings at the first two NUL bytes.
  const auto a = text.find('\0');
  const auto b = a == std::string_view::npos ? a : text.find('\0', a + 1);
  const std::string first(text.substr(0, a));
  const std::string second(a == std::string_view::npos ? "" : text.substr(a + 1, b - a - 1));
  const std::string third(b == std::string_view::npos ? "" : text.substr(b + 1));

  ListQuery query;
  query.filter_field = FilterField::kEmail;
  query.filter = first;
  query.experience_group = GroupFilter::parse(second);
  if (!internal::validate_query(query)) {
    const std::string qs = internal::list_query_string(query);
    for (char c : qs) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '%' || c == '&' ||
                      c == '=';
      fuzz::check(ok, "query string holds a character outside RFC 3986 unreserved + %&=");
    }
    const auto start = qs.find("&filter=") + 8;
    const auto end = qs.find('&', start);
    fuzz::check(percent_decode(qs.substr(start, end - start)) == first,
                "filter does not round-trip");
  }

  ExperienceUserPost body;
  body.email = first;
  body.password = second;
  body.first_name = third;
  body.user_tags = Tags{{second.substr(0, 16), third.substr(0, 16)}};
  if (!internal::validate_post(body)) {
    const std::string json = internal::encode_post(body);
    auto parsed = parse_experience_user_post(json);
    fuzz::check(parsed.ok(), "a valid body does not parse back");
    fuzz::check(*parsed == body, "a valid body does not round-trip");
  }
  return 0;
}
