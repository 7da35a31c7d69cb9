// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// One field table per model: its JSON name (camelCase), the member, and how the decoder treats
// its absence. The encoder (codec_encode.cpp), the decoder (codec_decode.cpp) and equality
// (models.cpp) all read these tables, so a field is added in one place.
//
// Each table lists the fields in the order of the API's documentation, which is the order the
// API sends them (the decoder predicts each key from it: one compare per field) and the order
// the encoder writes them. A field's C++ type says the rest: an optional that is unset is
// absent, never `null`; a plain member is always written.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include "losant/experience_users/models.hpp"

namespace losant::experience_users::internal {

// How the decoder treats a field that is absent or null (encoding does not depend on it).
enum class Presence {
  kOptional,  // may be absent
  kRequired,  // absent: the document is refused ("required field missing")
  kNullable,  // may be absent or null; null leaves the optional empty
};

template <typename Model, typename Member>
struct Field {
  std::string_view name;
  Member Model::*member;
  Presence presence;
};

template <typename Model, typename Member>
constexpr Field<Model, Member> field(std::string_view name, Member Model::*member,
                                     Presence presence = Presence::kOptional) {
  return {name, member, presence};
}

// Schema<Model>::kFields is the model's table; kStrict makes an unknown key an error when
// decoding (a create body, where a typo such as `firstname` must not be dropped silently).
template <typename Model>
struct Schema;

template <>
struct Schema<ExperienceGroup> {
  using G = ExperienceGroup;
  static constexpr bool kStrict = false;
  // id and name are not required: the schema does not require them, and one odd group should
  // not make a whole page unreadable.
  // The embedded form has id, name and parentId; the groups resource sends the rest
  // (experienceGroup.json). deviceTags and the device counts are decoded by group_codec.cpp only.
  static constexpr auto kFields = std::make_tuple(
      field("id", &G::id), field("experienceGroupId", &G::experience_group_id),
      field("applicationId", &G::application_id), field("creationDate", &G::creation_date),
      field("lastUpdated", &G::last_updated), field("name", &G::name),
      field("description", &G::description),
      field("parentId", &G::parent_id, Presence::kNullable),  // null for a root group
      field("ancestorIds", &G::ancestor_ids), field("experienceUserIds", &G::experience_user_ids),
      field("experienceEndpointIds", &G::experience_endpoint_ids),
      field("deviceIds", &G::device_ids), field("groupTags", &G::group_tags),
      field("deviceQueryJson", &G::device_query_json, Presence::kNullable));
};

template <>
struct Schema<ExperienceUser> {
  using U = ExperienceUser;
  static constexpr bool kStrict = false;
  static constexpr auto kFields = std::make_tuple(
      field("id", &U::id, Presence::kRequired), field("experienceUserId", &U::experience_user_id),
      field("applicationId", &U::application_id), field("creationDate", &U::creation_date),
      field("lastUpdated", &U::last_updated),
      field("passwordLastUpdated", &U::password_last_updated), field("lastLogin", &U::last_login),
      field("email", &U::email, Presence::kRequired), field("firstName", &U::first_name),
      field("lastName", &U::last_name), field("avatarUrl", &U::avatar_url),
      field("tokenCutoff", &U::token_cutoff), field("userTags", &U::user_tags),
      field("experienceGroups", &U::experience_groups));
};

template <>
struct Schema<ExperienceUsers> {
  using P = ExperienceUsers;
  static constexpr bool kStrict = false;
  static constexpr auto kFields = std::make_tuple(
      // Without `items` a listing would look like an empty last page and end silently.
      field("items", &P::items, Presence::kRequired), field("count", &P::count),
      field("totalCount", &P::total_count), field("perPage", &P::per_page), field("page", &P::page),
      field("filter", &P::filter), field("filterField", &P::filter_field),
      field("sortField", &P::sort_field), field("sortDirection", &P::sort_direction),
      field("applicationId", &P::application_id),
      field("experienceGroupId", &P::experience_group_id));
};

template <>
struct Schema<ExperienceUserPost> {
  using B = ExperienceUserPost;
  static constexpr bool kStrict = true;  // the API's schema forbids other properties
  static constexpr auto kFields = std::make_tuple(
      field("email", &B::email, Presence::kRequired),
      field("password", &B::password, Presence::kRequired), field("firstName", &B::first_name),
      field("lastName", &B::last_name), field("tokenCutoff", &B::token_cutoff),
      field("userTags", &B::user_tags), field("experienceGroupIds", &B::experience_group_ids));
};

template <>
struct Schema<ExperienceUserPatch> {
  using B = ExperienceUserPatch;
  static constexpr bool kStrict = true;
  static constexpr auto kFields =
      std::make_tuple(field("email", &B::email), field("password", &B::password),
                      field("firstName", &B::first_name), field("lastName", &B::last_name),
                      field("tokenCutoff", &B::token_cutoff), field("userTags", &B::user_tags),
                      field("experienceGroupIds", &B::experience_group_ids));
};

template <>
struct Schema<DeleteResult> {
  static constexpr bool kStrict = false;
  static constexpr auto kFields =
      std::make_tuple(field("success", &DeleteResult::success, Presence::kRequired));
};

// True for the types that have a table (the decoder and encoder recurse into them).
template <typename T, typename = void>
inline constexpr bool kHasSchema = false;
template <typename T>
inline constexpr bool kHasSchema<T, std::void_t<decltype(Schema<T>::kFields)>> = true;

// Calls `f(field)` for every field of Model's table, in order.
template <typename Model, typename F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... fields) { (f(fields), ...); }, Schema<Model>::kFields);
}

// Member-by-member equality over the table.
template <typename Model>
bool equal_fields(const Model& a, const Model& b) {
  return std::apply([&](const auto&... f) { return ((a.*f.member == b.*f.member) && ...); },
                    Schema<Model>::kFields);
}

}  // namespace losant::experience_users::internal
