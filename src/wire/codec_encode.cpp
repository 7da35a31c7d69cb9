// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Encoding of the models as the API's JSON: request bodies (encode_post, encode_patch) and the
// public to_json() overloads.
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

namespace losant::experience_users::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json) {
  return json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

// put(): writes an optional member under `key` when it has a value, and nothing otherwise.

void put(Json& object, const char* key, const std::optional<std::string>& value) {
  if (value) object[key] = *value;
}

void put(Json& object, const char* key, const std::optional<std::int64_t>& value) {
  if (value) object[key] = *value;
}

void put(Json& object, const char* key, const std::optional<Timestamp>& value) {
  if (value) object[key] = format_timestamp(*value);
}

void put(Json& object, const char* key, const std::optional<Tags>& tags) {
  if (!tags) return;
  // Built from the map's range in one go: the keys are already unique (and sorted), and
  // inserting one by one into an ordered_json object would search the object for each key.
  object[key] = Json::object_t(tags->begin(), tags->end());
}

void put(Json& object, const char* key, const std::optional<std::vector<std::string>>& strings) {
  if (strings) object[key] = *strings;
}

void put(Json& object, const char* key, const std::optional<std::vector<ExperienceGroup>>& groups) {
  if (!groups) return;
  Json array = Json::array();
  for (const ExperienceGroup& group : *groups) {
    Json item = Json::object();
    item["id"] = group.id;
    item["name"] = group.name;
    put(item, "parentId", group.parent_id);
    array.push_back(std::move(item));
  }
  object[key] = std::move(array);
}

Json user_json(const ExperienceUser& user) {
  Json json = Json::object();
  json["id"] = user.id;
  put(json, "experienceUserId", user.experience_user_id);
  put(json, "applicationId", user.application_id);
  put(json, "creationDate", user.creation_date);
  put(json, "lastUpdated", user.last_updated);
  put(json, "passwordLastUpdated", user.password_last_updated);
  put(json, "lastLogin", user.last_login);
  json["email"] = user.email;
  put(json, "firstName", user.first_name);
  put(json, "lastName", user.last_name);
  put(json, "avatarUrl", user.avatar_url);
  put(json, "tokenCutoff", user.token_cutoff);
  put(json, "userTags", user.user_tags);
  put(json, "experienceGroups", user.experience_groups);
  return json;
}

Json page_json(const ExperienceUsers& page) {
  Json json = Json::object();
  Json items = Json::array();
  for (const ExperienceUser& user : page.items) items.push_back(user_json(user));
  json["items"] = std::move(items);
  put(json, "count", page.count);
  put(json, "totalCount", page.total_count);
  put(json, "perPage", page.per_page);
  put(json, "page", page.page);
  put(json, "filter", page.filter);
  put(json, "filterField", page.filter_field);
  put(json, "sortField", page.sort_field);
  put(json, "sortDirection", page.sort_direction);
  put(json, "applicationId", page.application_id);
  put(json, "experienceGroupId", page.experience_group_id);
  return json;
}

// The members a create and an update body share, written after email and password.
template <typename Body>
void put_body_members(Json& json, const Body& body) {
  put(json, "firstName", body.first_name);
  put(json, "lastName", body.last_name);
  put(json, "tokenCutoff", body.token_cutoff);
  put(json, "userTags", body.user_tags);
  put(json, "experienceGroupIds", body.experience_group_ids);
}

}  // namespace

std::string encode_post(const ExperienceUserPost& body) {
  Json json = Json::object();
  json["email"] = body.email;
  json["password"] = body.password;
  put_body_members(json, body);
  return dump(json);
}

std::string encode_patch(const ExperienceUserPatch& patch) {
  Json json = Json::object();
  put(json, "email", patch.email);
  put(json, "password", patch.password);
  put_body_members(json, patch);
  return dump(json);
}

}  // namespace losant::experience_users::internal

namespace losant::experience_users {

std::string to_json(const ExperienceUser& user) {
  return internal::dump(internal::user_json(user));
}

std::string to_json(const ExperienceUsers& page) {
  return internal::dump(internal::page_json(page));
}

std::string to_json(const DeleteResult& result) {
  return result.success ? R"({"success":true})" : R"({"success":false})";
}

std::string to_json(const ExperienceUserPost& body) {
  return internal::encode_post(body);
}

std::string to_json(const ExperienceUserPatch& patch) {
  return internal::encode_patch(patch);
}

}  // namespace losant::experience_users
