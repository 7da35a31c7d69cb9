// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes the decoders of the small bodies: API error bodies (lenient) and delete results.

#include "fuzz_check.hpp"
#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"

using namespace losant::experience_users;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  // Lenient by design: any outcome is fine as long as it is reached safely.
  (void)internal::decode_error_body(text);

  const auto deleted = internal::decode_delete_result(text);
  if (deleted.ok()) {
    const auto again = internal::decode_delete_result(to_json(*deleted));
    fuzz::check(again.ok() && *again == *deleted, "delete result does not round-trip");
  } else {
    fuzz::check_error(deleted.error(), ErrorKind::kMalformedResponse);
  }
  return 0;
}
