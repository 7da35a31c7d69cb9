// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes the single-user decoder (response bodies) and the strict create-body parser: no crash,
// no exception, no leak; the in-place and copying paths agree; whatever decodes round-trips
// through to_json.

#include <simdjson.h>

#include "fuzz_check.hpp"
#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"

using namespace losant::experience_users;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  const auto user = internal::decode_user(text);
  const fuzz::PaddedCopy padded(text, simdjson::SIMDJSON_PADDING);
  const auto in_place = internal::decode_user(padded.text(), padded.capacity());
  fuzz::check(user.ok() == in_place.ok(), "in-place and copying decodes disagree");
  if (user.ok()) {
    fuzz::check(*user == *in_place, "in-place and copying decodes differ");
    const auto again = parse_experience_user(to_json(*user));
    fuzz::check(again.ok() && *again == *user, "user does not round-trip through to_json");
  } else {
    fuzz::check_error(user.error(), ErrorKind::kMalformedResponse);
  }

  const auto post = parse_experience_user_post(text);
  if (post.ok()) {
    const auto again = parse_experience_user_post(to_json(*post));
    fuzz::check(again.ok() && *again == *post, "create body does not round-trip through to_json");
  } else {
    fuzz::check_error(post.error(), ErrorKind::kInvalidArgument);
    fuzz::check(post.error().field.rfind("body", 0) == 0, "field does not name the body");
  }
  return 0;
}
