// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What a request asks for, parsed and validated: the list query and the user bodies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query_eval.hpp"
#include "text.hpp"

namespace losant::emulator::detail {

/// The list sort keys, in the order of Losant's documentation.
enum class SortField : std::uint8_t {
  kFirstName,
  kLastName,
  kEmail,
  kId,
  kCreationDate,
  kLastLogin,
  kLastUpdated
};
inline constexpr std::size_t kSortFieldCount = 7;

/// The fields a list filter can apply to.
enum class FilterField : std::uint8_t { kFirstName, kLastName, kEmail };

/// Which users the `experienceGroupId` parameter keeps.
enum class GroupFilter : std::uint8_t {
  kNone,      ///< Parameter absent: every user.
  kGroup,     ///< Members of `group_id` (and of its ancestors with `include_ancestors`).
  kAnyGroup,  ///< `any`: users in at least one group.
  kNoGroup,   ///< `none`: users in no group.
};

/// A validated list request.
struct ListQuery {
  SortField sort_field = SortField::kEmail;
  std::string sort_field_name = "email";  ///< As echoed in the response.
  bool descending = false;
  std::string sort_direction_name = "asc";  ///< As echoed in the response.
  std::size_t page = 0;
  std::size_t per_page = 100;
  std::optional<FilterField> filter_field;       ///< Filtering applies only with both...
  std::optional<std::string> filter;             ///< ...a field and a non-empty pattern.
  std::optional<std::string> filter_field_name;  ///< Echoed when given.
  GroupFilter group_filter = GroupFilter::kNone;
  std::string group_id;                          ///< For GroupFilter::kGroup, lower case.
  bool include_ancestors = false;                ///< `includeAncestorGroups=true`.
  std::shared_ptr<const UserQueryFilter> query;  ///< `query` (API 1.30); overrides the filters.
};

/// The query parameters of a request, decoded (httplib::Params has this type).
using QueryParams = std::multimap<std::string, std::string>;

/// Parses the list parameters; unknown parameters (`_actions`, `_links`, ...) are ignored.
/// Returns the Validation message on failure.
std::optional<std::string> parse_list_query(const QueryParams& params, ListQuery* query);

/// A validated POST or PATCH body: only the fields the body carried are set.
struct UserInput {
  std::optional<std::string> email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> password;
  std::optional<Millis> token_cutoff;
  std::optional<std::map<std::string, std::string>> user_tags;
  std::optional<std::vector<std::string>> group_ids;  ///< Lower case, duplicates removed.
};

/// Which schema a body is checked against.
enum class BodySchema { kPost, kPatch };

/**
 * Validates @p body against `experienceUserPost.json` or `experienceUserPatch.json`. An empty
 * body counts as `{}` (as Express's JSON body parser has it). Returns the Validation message,
 * naming the field and the rule, on failure. Whether the groups exist is the store's check.
 */
std::optional<std::string> parse_user_input(std::string_view body, BodySchema schema,
                                            UserInput* input);

}  // namespace losant::emulator::detail
