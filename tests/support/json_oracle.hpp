// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The test oracle for the SDK's JSON writer: the encoder the SDK used before it had one, which
// built an nlohmann::ordered_json DOM from the models' field tables and dumped it with
// ensure_ascii=false and error_handler_t::replace. The writer's output must be byte-identical
// to it (tests/unit/json_encode_test.cpp, tests/fuzz/fuzz_encode.cpp). Kept here, in the tests
// only: the library no longer builds a DOM to encode.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "losant/experience_users/groups.hpp"
#include "losant/experience_users/models.hpp"
#include "wire/schema.hpp"

namespace losant::experience_users::oracle {

using Json = nlohmann::ordered_json;

inline std::string dump(const Json& json) {
  return json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

template <typename Model>
Json model_json(const Model& model);

inline Json value_json(const std::string& text) {
  return text;
}
inline Json value_json(std::int64_t number) {
  return number;
}
inline Json value_json(bool flag) {
  return flag;
}
inline Json value_json(Timestamp time) {
  return format_timestamp(time);
}
inline Json value_json(const Tags& tags) {
  return Json::object_t(tags.begin(), tags.end());
}
inline Json value_json(const std::vector<std::string>& strings) {
  return strings;
}
template <typename Model>
Json value_json(const std::vector<Model>& models) {
  Json array = Json::array();
  for (const Model& model : models) array.push_back(model_json(model));
  return array;
}

template <typename T>
void put(Json& object, std::string_view key, const T& value) {
  object[std::string(key)] = value_json(value);
}
template <typename T>
void put(Json& object, std::string_view key, const std::optional<T>& value) {
  if (value) object[std::string(key)] = value_json(*value);
}

template <typename Model>
Json model_json(const Model& model) {
  Json json = Json::object();
  internal::for_each_field<Model>(
      [&](const auto& field) { put(json, field.name, model.*field.member); });
  return json;
}

// What to_json(), encode_post() and encode_patch() wrote.
template <typename Model>
std::string to_json(const Model& model) {
  return dump(model_json(model));
}

// The groups resource's encoder (group_codec.cpp), with deviceTags and the device counts.
template <typename T>
void put_group(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
inline void put_group(Json& j, const char* key, const std::optional<Timestamp>& v) {
  if (v) j[key] = format_timestamp(*v);
}

inline Json group_json(const ExperienceGroup& g) {
  Json j = Json::object();
  put_group(j, "id", g.id);
  put_group(j, "experienceGroupId", g.experience_group_id);
  put_group(j, "applicationId", g.application_id);
  put_group(j, "creationDate", g.creation_date);
  put_group(j, "lastUpdated", g.last_updated);
  put_group(j, "name", g.name);
  put_group(j, "description", g.description);
  put_group(j, "parentId", g.parent_id);
  put_group(j, "ancestorIds", g.ancestor_ids);
  put_group(j, "experienceUserIds", g.experience_user_ids);
  put_group(j, "experienceEndpointIds", g.experience_endpoint_ids);
  put_group(j, "deviceIds", g.device_ids);
  put_group(j, "groupTags", g.group_tags);
  if (g.device_tags) {
    Json tags = Json::array();
    for (const auto& [k, v] : *g.device_tags) tags.push_back(Json{{"key", k}, {"value", v}});
    j["deviceTags"] = std::move(tags);
  }
  put_group(j, "deviceQueryJson", g.device_query_json);
  put_group(j, "directDeviceCount", g.direct_device_count);
  put_group(j, "totalDeviceCount", g.total_device_count);
  return j;
}

inline std::string group_to_json(const ExperienceGroup& group) {
  return dump(group_json(group));
}

inline std::string groups_to_json(const ExperienceGroups& page) {
  Json j = Json::object();
  Json items = Json::array();
  for (const auto& g : page.items) items.push_back(group_json(g));
  j["items"] = std::move(items);
  put_group(j, "count", page.count);
  put_group(j, "totalCount", page.total_count);
  put_group(j, "perPage", page.per_page);
  put_group(j, "page", page.page);
  put_group(j, "filter", page.filter);
  put_group(j, "filterField", page.filter_field);
  put_group(j, "sortField", page.sort_field);
  put_group(j, "sortDirection", page.sort_direction);
  put_group(j, "applicationId", page.application_id);
  return dump(j);
}

// A string as the old encoder wrote it (a JSON string value).
inline std::string string_json(std::string_view text) {
  return dump(Json(std::string(text)));
}

}  // namespace losant::experience_users::oracle
