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

#include "emulator.hpp"
#include "input.hpp"
#include "reply.hpp"

namespace losant::emulator::detail {

/// Whether @p path is `/applications/{app}/experience/groups[/{id}]`; sets the parts.
bool match_groups_path(const std::string& path, std::string* application_id,
                       std::optional<std::string>* group_id);

/// The reply to a group list (@p group_id unset) or get, for an authorized request whose
/// application was checked. Only GET is served (others: 404 Route was not found).
Reply serve_groups(const std::string& method, const std::optional<std::string>& group_id,
                   const QueryParams& params, const std::vector<Group>& groups,
                   const std::string& application_id);

}  // namespace losant::emulator::detail
