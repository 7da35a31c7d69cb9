// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Encoding of the models as the API's JSON: request bodies (encode_post, encode_patch) and the
// public to_json() overloads, all written from the models' field tables (wire/schema.hpp)
// straight into the output string by the JSON writer (wire/json_writer.hpp), with no document
// model in between.
//
// Fields are written in the table's order, which is the order of the API's documentation
// (stable, readable in logs and tests). Unset optionals are left out, never written as null:
// for a PATCH, a field that is sent is a field that changes.
//
// Strings are not checked for valid UTF-8 by the models; the writer replaces invalid bytes with
// U+FFFD (as nlohmann's dump() with error_handler_t::replace did, which wrote these bodies
// before): the output stays valid JSON, nothing throws, and - unlike dropping the bytes - the
// damage stays visible instead of silently changing, say, an email into another valid one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"
#include "wire/json_writer.hpp"
#include "wire/schema.hpp"

namespace losant::experience_users::internal {
namespace {

template <typename Model>
void write_model(JsonWriter& writer, const Model& model);

// A member of a model: nested models recurse through their own tables, every other type is a
// value the writer knows.
template <typename T>
void write_member(JsonWriter& writer, std::string_view name, const T& value) {
  writer.member(name, value);
}
template <typename Model, typename = std::enable_if_t<kHasSchema<Model>>>
void write_member(JsonWriter& writer, std::string_view name, const std::vector<Model>& models) {
  writer.field_key(name);
  writer.begin_array();
  for (const Model& model : models) write_model(writer, model);
  writer.end_array();
}
template <typename Model, typename = std::enable_if_t<kHasSchema<Model>>>
void write_member(JsonWriter& writer, std::string_view name,
                  const std::optional<std::vector<Model>>& models) {
  if (models) write_member(writer, name, *models);
}

// Every member of the model's field table, in the table's order.
template <typename Model>
void write_model(JsonWriter& writer, const Model& model) {
  writer.begin_object();
  for_each_field<Model>(
      [&](const auto& field) { write_member(writer, field.name, model.*field.member); });
  writer.end_object();
}

// Room for a typical model at once, so that the string does not grow four or five times from
// its small-string size: a user is about 600 bytes, a create body a few hundred.
constexpr std::size_t kUserCapacity = 768;
std::size_t initial_capacity(const ExperienceUser&) {
  return kUserCapacity;
}
std::size_t initial_capacity(const ExperienceUsers& page) {
  return 256 + kUserCapacity * page.items.size();
}
std::size_t initial_capacity(const ExperienceUserPost&) {
  return 256;
}
std::size_t initial_capacity(const ExperienceUserPatch&) {
  return 256;
}
std::size_t initial_capacity(const DeleteResult&) {
  return 0;
}

template <typename Model>
std::string encode(const Model& model) {
  std::string out;
  out.reserve(initial_capacity(model));
  JsonWriter writer(out);
  write_model(writer, model);
  return out;
}

}  // namespace

std::string encode_post(const ExperienceUserPost& body) {
  return encode(body);
}

std::string encode_patch(const ExperienceUserPatch& patch) {
  return encode(patch);
}

void append_user_json(std::string& out, const ExperienceUser& user) {
  JsonWriter writer(out);
  write_model(writer, user);
}

}  // namespace losant::experience_users::internal

namespace losant::experience_users {

std::string to_json(const ExperienceUser& user) {
  return internal::encode(user);
}

std::string to_json(const ExperienceUsers& page) {
  return internal::encode(page);
}

std::string to_json(const DeleteResult& result) {
  return internal::encode(result);
}

std::string to_json(const ExperienceUserPost& body) {
  return internal::encode_post(body);
}

std::string to_json(const ExperienceUserPatch& patch) {
  return internal::encode_patch(patch);
}

void append_json(std::string& out, const ExperienceUser& user) {
  internal::append_user_json(out, user);
}

}  // namespace losant::experience_users
