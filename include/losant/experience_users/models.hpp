// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Typed models of the Experience Users resource (reference/schemas/*.json).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "losant/experience_users/export.hpp"

namespace losant::experience_users {

/// A UTC instant with millisecond precision, as the API's date-time strings carry.
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

/// Formats @p t the way the API does: `2016-06-13T04:00:00.000Z`.
LOSANT_EU_EXPORT std::string format_timestamp(Timestamp t);

/**
 * Parses an ISO 8601 / RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction (digits
 * beyond milliseconds are truncated), then `Z` or a `+hh:mm` / `-hh:mm` offset.
 * @return nullopt when @p text is not such a date-time.
 */
LOSANT_EU_EXPORT std::optional<Timestamp> parse_timestamp(std::string_view text);

/// User tags: key -> value. Keys match `^[0-9a-zA-Z_-]{1,255}$`, values are 1..255 characters.
using Tags = std::map<std::string, std::string>;

/**
 * An experience group (`experienceGroup.json`). A group embedded in a user carries only `id`,
 * `name` and `parentId`; the groups resource (ExperienceUsersClient::get_group()) fills the
 * rest. Every field is optional because the API leaves out fields that have no value: an
 * absent field stays absent (it is never printed as `""`).
 */
struct ExperienceGroup {
  std::optional<std::string> id;                   ///< 24 hex characters.
  std::optional<std::string> name;                 ///< 1..255 characters.
  std::optional<std::string> parent_id;            ///< The parent; absent (or null) for a root.
  std::optional<std::string> experience_group_id;  ///< Same as id; sent by the API.
  std::optional<std::string> application_id;       ///< The owning application.
  std::optional<Timestamp> creation_date;          ///< When the group was created.
  std::optional<Timestamp> last_updated;           ///< When the group was last changed.
  std::optional<std::string> description;          ///< Up to 32767 characters.
  std::optional<std::vector<std::string>> ancestor_ids;             ///< Parent, its parent, ...
  std::optional<std::vector<std::string>> experience_user_ids;      ///< Member user ids.
  std::optional<std::vector<std::string>> experience_endpoint_ids;  ///< Endpoint ids.
  std::optional<std::vector<std::string>> device_ids;               ///< Device ids.
  std::optional<Tags> group_tags;                                   ///< Group tags.
  /// Device tags as key/value pairs (a key may repeat).
  std::optional<std::vector<std::pair<std::string, std::string>>> device_tags;
  std::optional<std::string> device_query_json;  ///< A device query (JSON text); null: absent.
  std::optional<double> direct_device_count;     ///< Only when asked for.
  std::optional<double> total_device_count;      ///< Only when asked for.
};

/**
 * One experience user, as the API returns it.
 *
 * `id` and `email` are always present (a response without them is malformed); every other
 * field is optional because the API leaves out fields that have no value. Unknown response
 * fields are ignored.
 */
struct ExperienceUser {
  std::string id;                                  ///< The user's id (24 hex).
  std::string email;                               ///< The login email.
  std::optional<std::string> experience_user_id;   ///< Same as id; sent by the API.
  std::optional<std::string> application_id;       ///< The owning application (24 hex).
  std::optional<Timestamp> creation_date;          ///< When the user was created.
  std::optional<Timestamp> last_updated;           ///< When the user was last changed.
  std::optional<Timestamp> password_last_updated;  ///< When the password last changed.
  std::optional<Timestamp> last_login;             ///< Absent if the user never logged in.
  std::optional<std::string> first_name;           ///< Up to 1024 characters.
  std::optional<std::string> last_name;            ///< Up to 1024 characters.
  std::optional<std::string> avatar_url;           ///< Read-only: cannot be set through the API.
  std::optional<Timestamp> token_cutoff;           ///< Tokens issued before this are invalid.
  std::optional<Tags> user_tags;                   ///< Free-form key/value tags.
  std::optional<std::vector<ExperienceGroup>> experience_groups;  ///< Groups the user is in.
};

/// One page of a user listing (`GET .../experience/users`).
struct ExperienceUsers {
  std::vector<ExperienceUser> items;               ///< The users on this page.
  std::optional<std::int64_t> count;               ///< Items on this page.
  std::optional<std::int64_t> total_count;         ///< Users matching the query, all pages.
  std::optional<std::int64_t> per_page;            ///< The page size used.
  std::optional<std::int64_t> page;                ///< 0-based page index.
  std::optional<std::string> filter;               ///< The filter glob applied.
  std::optional<std::string> filter_field;         ///< The field filtered on.
  std::optional<std::string> sort_field;           ///< The field sorted on.
  std::optional<std::string> sort_direction;       ///< `asc`, `desc` (or `ASC`, `DESC`, ``).
  std::optional<std::string> application_id;       ///< The application listed.
  std::optional<std::string> experience_group_id;  ///< The group filter applied, if any.
};

/**
 * The body of a create (`POST`). `email` and `password` are required; the rest is optional
 * and left out of the request when unset.
 *
 * Rules (checked before any I/O): email a valid address of at most 1024 characters; password
 * 8..2048 characters; names at most 1024; tag keys `^[0-9a-zA-Z_-]{1,255}$` and values 1..255
 * characters; at most 1000 group ids, each 24 hex.
 */
struct ExperienceUserPost {
  std::string email;                                             ///< Required.
  std::string password;                                          ///< Required; never logged.
  std::optional<std::string> first_name;                         ///< Optional.
  std::optional<std::string> last_name;                          ///< Optional.
  std::optional<Timestamp> token_cutoff;                         ///< Optional.
  std::optional<Tags> user_tags;                                 ///< Optional.
  std::optional<std::vector<std::string>> experience_group_ids;  ///< Optional, at most 1000.
};

/**
 * The body of an update (`PATCH`). Only the fields that are set are sent; the server leaves
 * the others unchanged. Same rules as ExperienceUserPost. An empty `user_tags` map clears the
 * tags; an empty `experience_group_ids` removes the user from every group.
 */
struct ExperienceUserPatch {
  std::optional<std::string> email;                              ///< New email.
  std::optional<std::string> password;                           ///< New password; never logged.
  std::optional<std::string> first_name;                         ///< New first name.
  std::optional<std::string> last_name;                          ///< New last name.
  std::optional<Timestamp> token_cutoff;                         ///< New token cutoff.
  std::optional<Tags> user_tags;                                 ///< Replaces all tags.
  std::optional<std::vector<std::string>> experience_group_ids;  ///< Replaces all groups.
};

/// The answer to a delete: `{"success": true}`.
struct DeleteResult {
  bool success = false;  ///< True when the server confirmed the deletion.
};

/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const ExperienceGroup& a, const ExperienceGroup& b);
/// Negation of operator==.
inline bool operator!=(const ExperienceGroup& a, const ExperienceGroup& b) {
  return !(a == b);
}
/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const ExperienceUser& a, const ExperienceUser& b);
/// Negation of operator==.
inline bool operator!=(const ExperienceUser& a, const ExperienceUser& b) {
  return !(a == b);
}
/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const ExperienceUsers& a, const ExperienceUsers& b);
/// Negation of operator==.
inline bool operator!=(const ExperienceUsers& a, const ExperienceUsers& b) {
  return !(a == b);
}
/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const ExperienceUserPost& a, const ExperienceUserPost& b);
/// Negation of operator==.
inline bool operator!=(const ExperienceUserPost& a, const ExperienceUserPost& b) {
  return !(a == b);
}
/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const ExperienceUserPatch& a, const ExperienceUserPatch& b);
/// Negation of operator==.
inline bool operator!=(const ExperienceUserPatch& a, const ExperienceUserPatch& b) {
  return !(a == b);
}
/// Field-by-field equality.
LOSANT_EU_EXPORT bool operator==(const DeleteResult& a, const DeleteResult& b);
/// Negation of operator==.
inline bool operator!=(const DeleteResult& a, const DeleteResult& b) {
  return !(a == b);
}

}  // namespace losant::experience_users
