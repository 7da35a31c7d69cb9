// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Users as JSON Lines records of an import file.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::cli {

/// The longest import record accepted, in bytes (a user's fields are a few KB at most).
inline constexpr std::size_t kMaxImportRecordBytes = 1024 * 1024;
/// Reads one line (without its '\n') into @p line; false at the end of the input. Of a line
/// longer than kMaxImportRecordBytes only the first kMaxImportRecordBytes + 1 bytes are kept,
/// so that the record parsers refuse it without the whole line ever being held in memory.
bool read_capped_line(std::istream& in, std::string& line);

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

/// The user a record of `update --in` or `delete --in` names: by id, or else by email.
struct UserKey {
  std::string id;     ///< The user's id (valid: 24 hex characters), or empty.
  std::string email;  ///< When `id` is empty: the user's email as written (any case).
};

/// One record of `update --in`: the user and the fields to change.
struct UpdateRecord {
  UserKey key;
  experience_users::ExperienceUserPatch patch;  ///< At least one field.
};

/**
 * One JSON Lines record of `update --in`: `{"id": ID, fields...}`, where `email` is a new
 * email, or `{"email": EMAIL, fields...}`, where `newEmail` is one. The fields are those of an
 * update body, parsed by the SDK's parse_experience_user_patch(), which refuses unknown ones;
 * at least one is required. Guarded as parse_import_record() is (size, depth, a key twice);
 * errors are kInvalidArgument naming the field and never quote the record.
 */
experience_users::Result<UpdateRecord> parse_update_record(std::string_view line);

/**
 * One JSON object line of `delete --in`: its `id`, or else its `email`; other fields are
 * ignored (so that an export's lines can be given). Guarded as parse_import_record() is.
 */
experience_users::Result<UserKey> parse_user_key_record(std::string_view line);

}  // namespace losant::cli
