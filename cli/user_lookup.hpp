// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Finding users by email, for the commands that take emails where the API takes ids.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "losant/experience_users/client.hpp"

namespace losant::cli {

/// Up to this many emails are looked up one filtered list request each; more, with one
/// listing of every user.
inline constexpr std::size_t kMaxFilteredLookups = 20;

/// Lower-case email → user id.
using IdsByEmail = std::unordered_map<std::string, std::string>;

/**
 * The ids of the users whose emails (compared ignoring ASCII case, as the API does) are
 * @p emails (given in lower case). At most kMaxFilteredLookups emails cost one filtered list
 * request each (`filterField=email`); more cost one keyset listing of every user (1000 a page),
 * of which only the users with those emails are kept: memory grows with @p emails, not with the
 * application. An email no user has is absent from the result.
 *
 * @return the ids found, or the error of the first request that failed.
 */
experience_users::Result<IdsByEmail> find_ids_by_email(
    const experience_users::ExperienceUsersClient& client, const std::string& application_id,
    const std::unordered_set<std::string>& emails);

}  // namespace losant::cli
