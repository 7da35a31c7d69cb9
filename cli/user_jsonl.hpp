// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Users as JSON Lines records of an import file.
#pragma once

#include <cstddef>
#include <string_view>

#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::cli {

/// The longest import record accepted, in bytes (a user's fields are a few KB at most).
inline constexpr std::size_t kMaxImportRecordBytes = 1024 * 1024;
/// The deepest nesting of arrays and objects accepted in a JSON Lines record (a user needs 3).
inline constexpr std::size_t kMaxImportNestingDepth = 16;

/**
 * The create body of one JSON Lines record: an `ExperienceUserPost` object, or a user object as
 * `export` writes it (the SDK's to_json of a user). The fields only the server sets (`id`,
 * `experienceUserId`, `applicationId`, `creationDate`, `lastUpdated`, `passwordLastUpdated`,
 * `lastLogin`, `avatarUrl`) are ignored and the ids of `experienceGroups` become
 * `experienceGroupIds`; everything else is parsed by the SDK's parse_experience_user_post(),
 * which refuses unknown fields. The password is empty when the record has none.
 *
 * Refused before parsing: a record longer than kMaxImportRecordBytes or nested deeper than
 * kMaxImportNestingDepth; after: a key that appears twice in one object (JSON parsers disagree
 * on which one wins).
 *
 * Errors are kInvalidArgument and name the field; they never quote the record (it may hold a
 * password).
 */
experience_users::Result<experience_users::ExperienceUserPost> parse_import_record(
    std::string_view line);

}  // namespace losant::cli
