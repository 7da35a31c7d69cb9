// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The one JSON codec of the SDK: response bodies are decoded with simdjson On-Demand straight
// into the models (fast, no DOM); request bodies and the public to_json() are written by the
// SDK's own JSON writer (wire/json_writer.hpp), also without a DOM. Nothing here throws: every
// failure is an Error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users::internal {

// Decoders of untrusted response bodies. `capacity` is how many bytes from json.data() may be
// read (>= json.size()); when it leaves room for simdjson's padding the body is parsed in
// place, otherwise it is copied once into a padded buffer. Failures are kMalformedResponse
// errors whose message names the JSON path of the first problem (e.g. `items[3].email: expected
// a string`) and never echoes a secret. Unknown fields are ignored.
Result<ExperienceUser> decode_user(std::string_view json, std::size_t capacity = 0);
Result<ExperienceUsers> decode_users(std::string_view json, std::size_t capacity = 0);
Result<DeleteResult> decode_delete_result(std::string_view json, std::size_t capacity = 0);

// An API error body: `{"type": "...", "message": "..."}` (other fields ignored). nullopt when
// the body is not a JSON object or has neither string field.
struct ApiErrorBody {
  std::string type;
  std::string message;
};
std::optional<ApiErrorBody> decode_error_body(std::string_view json);

// Request bodies, exactly as sent (unset optionals left out, never `null`).
std::string encode_post(const ExperienceUserPost& body);
std::string encode_patch(const ExperienceUserPatch& patch);
// Appends to_json(user) to `out` (the public append_json()).
void append_user_json(std::string& out, const ExperienceUser& user);

}  // namespace losant::experience_users::internal
