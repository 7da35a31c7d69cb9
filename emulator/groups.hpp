// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The emulator's read side of the experience groups resource: `GET .../experience/groups`
/// (sortField name|id|creationDate|lastUpdated, sortDirection, page, perPage, filterField name,
/// filter glob, query) and `GET .../experience/groups/{id}`, over the store's group tree.
///
/// The group `query` (advancedExperienceGroupQuery.json) is evaluated for `$and`, `$or`,
/// `$nor`, `id`, `name`, `parentId`, `ancestorId`, `creationDate` and `lastUpdated` with the
/// same semantics as the user query (query_eval.hpp); `groupTags`, `experienceUserId` and
/// `experienceEndpointId` are answered 400 (not emulated).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "input.hpp"
#include "reply.hpp"
#include "types.hpp"

namespace losant::emulator::detail {

/// The reply to a group list, for an authorized request whose application was checked.
Reply list_groups(const QueryParams& params, const std::vector<Group>& groups,
                  const std::string& application_id);

/// The reply to a get of @p group_id (a checked object id), as list_groups().
Reply get_group(const std::string& group_id, const std::vector<Group>& groups,
                const std::string& application_id);

}  // namespace losant::emulator::detail
