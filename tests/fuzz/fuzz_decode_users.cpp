// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes the page decoder: no crash, no exception, no leak; the in-place and copying paths
// agree; whatever decodes round-trips through to_json.

#include <simdjson.h>

#include "fuzz_check.hpp"
#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"

using namespace losant::experience_users;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  const auto page = internal::decode_users(text);
  const fuzz::PaddedCopy padded(text, simdjson::SIMDJSON_PADDING);
  const auto in_place = internal::decode_users(padded.text(), padded.capacity());
  fuzz::check(page.ok() == in_place.ok(), "in-place and copying decodes disagree");
  if (page.ok()) {
    fuzz::check(*page == *in_place, "in-place and copying decodes differ");
    const auto again = parse_experience_users(to_json(*page));
    fuzz::check(again.ok() && *again == *page, "page does not round-trip through to_json");
  } else {
    fuzz::check_error(page.error(), ErrorKind::kMalformedResponse);
  }
  return 0;
}
