// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Request building and decoding for the experience groups resource (group_codec.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "losant/experience_users/groups.hpp"

namespace losant::experience_users::internal {

// `/applications/{app}/experience/groups` (+ `/{group}`). Ids validated before.
std::string groups_path(std::string_view application_id, std::string_view group_id = {});
// The default parameters, then the set list parameters (`filter` with `filterField=name`).
std::string group_list_query_string(const GroupListQuery& query);
std::optional<Error> validate_group_query(const GroupListQuery& query);
Result<ExperienceGroup> decode_group_body(std::string_view json, std::size_t capacity);
Result<ExperienceGroups> decode_groups_body(std::string_view json, std::size_t capacity);

}  // namespace losant::experience_users::internal
