// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Encoding of the models as the API's JSON: request bodies (encode_post, encode_patch) and the
// public to_json() overloads, all written from the models' field tables (wire/schema.hpp).
//
// nlohmann::ordered_json keeps keys in insertion order, so the output lists fields in the
// order of the API's documentation (stable, readable in logs and tests) rather than sorted.
// Unset optionals are left out, never written as null: for a PATCH, a field that is sent is a
// field that changes.
//
// Strings are not checked for valid UTF-8 by the models, and nlohmann's dump() throws
// (type_error 316) on invalid UTF-8 by default. We dump with error_handler_t::replace: each
// invalid byte becomes U+FFFD. That keeps the output valid JSON, never throws, and - unlike
// `ignore`, which drops the bytes - leaves a visible mark of the damage instead of silently
// changing, say, an email into another valid one.

#include <nlohmann/json.hpp>

#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"
#include "wire/schema.hpp"

namespace losant::experience_users::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json) {
  return json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

template <typename Model>
Json model_json(const Model& model);

// The JSON of one member value.
Json value_json(const std::string& text) {
  return text;
}
Json value_json(std::int64_t number) {
  return number;
}
Json value_json(bool flag) {
  return flag;
}
Json value_json(Timestamp time) {
  return format_timestamp(time);
}
Json value_json(const Tags& tags) {
  // Built from the map's range in one go: the keys are already unique (and sorted), and
  // inserting one by one into an ordered_json object would search the object for each key.
  return Json::object_t(tags.begin(), tags.end());
}
Json value_json(const std::vector<std::string>& strings) {
  return strings;
}
template <typename Model>
Json value_json(const std::vector<Model>& models) {
  Json array = Json::array();
  for (const Model& model : models) array.push_back(model_json(model));
  return array;
}

// A member under `key`: always for a plain member, only when set for an optional one.
template <typename T>
void put(Json& object, std::string_view key, const T& value) {
  object[std::string(key)] = value_json(value);
}
template <typename T>
void put(Json& object, std::string_view key, const std::optional<T>& value) {
  if (value) object[std::string(key)] = value_json(*value);
}

// Every member of the model's field table, in the table's order.
template <typename Model>
Json model_json(const Model& model) {
  Json json = Json::object();
  for_each_field<Model>([&](const auto& field) { put(json, field.name, model.*field.member); });
  return json;
}

}  // namespace

std::string encode_post(const ExperienceUserPost& body) {
  return dump(model_json(body));
}

std::string encode_patch(const ExperienceUserPatch& patch) {
  return dump(model_json(patch));
}

}  // namespace losant::experience_users::internal

namespace losant::experience_users {

std::string to_json(const ExperienceUser& user) {
  return internal::dump(internal::model_json(user));
}

std::string to_json(const ExperienceUsers& page) {
  return internal::dump(internal::model_json(page));
}

std::string to_json(const DeleteResult& result) {
  return internal::dump(internal::model_json(result));
}

std::string to_json(const ExperienceUserPost& body) {
  return internal::encode_post(body);
}

std::string to_json(const ExperienceUserPatch& patch) {
  return internal::encode_patch(patch);
}

}  // namespace losant::experience_users
