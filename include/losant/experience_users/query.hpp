// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// ListQuery: the typed query parameters of `GET .../experience/users`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/user_query.hpp"

namespace losant::experience_users {

/// Fields a listing can be sorted on (`sortField`).
enum class SortField {
  kFirstName,
  kLastName,
  kEmail,
  kId,
  kCreationDate,
  kLastLogin,
  kLastUpdated
};
/// Sort direction (`sortDirection`).
enum class SortDirection { kAsc, kDesc };
/// Fields a listing can be filtered on with a glob (`filterField`).
enum class FilterField { kFirstName, kLastName, kEmail };

/// Every SortField, in declaration order (for help texts and menus).
inline constexpr std::array<SortField, 7> kAllSortFields{
    SortField::kFirstName,    SortField::kLastName,  SortField::kEmail,      SortField::kId,
    SortField::kCreationDate, SortField::kLastLogin, SortField::kLastUpdated};
/// Every SortDirection.
inline constexpr std::array<SortDirection, 2> kAllSortDirections{SortDirection::kAsc,
                                                                 SortDirection::kDesc};
/// Every FilterField.
inline constexpr std::array<FilterField, 3> kAllFilterFields{
    FilterField::kFirstName, FilterField::kLastName, FilterField::kEmail};

/// The wire name: `firstName`, `lastName`, `email`, `id`, `creationDate`, `lastLogin`,
/// `lastUpdated`.
LOSANT_EU_EXPORT std::string_view to_string(SortField field) noexcept;
/// The wire name: `asc` or `desc`.
LOSANT_EU_EXPORT std::string_view to_string(SortDirection direction) noexcept;
/// The wire name: `firstName`, `lastName` or `email`.
LOSANT_EU_EXPORT std::string_view to_string(FilterField field) noexcept;
/// Parses a wire name (exact, case-sensitive); nullopt when unknown.
LOSANT_EU_EXPORT std::optional<SortField> parse_sort_field(std::string_view text) noexcept;
/// Parses `asc` or `desc`; nullopt otherwise.
LOSANT_EU_EXPORT std::optional<SortDirection> parse_sort_direction(std::string_view text) noexcept;
/// Parses `firstName`, `lastName` or `email`; nullopt otherwise.
LOSANT_EU_EXPORT std::optional<FilterField> parse_filter_field(std::string_view text) noexcept;

/**
 * Which users a listing keeps by group membership (`experienceGroupId`): the members of one
 * group, users in at least one group (`any`), or users in no group (`none`).
 */
class GroupFilter {
 public:
  /// Members of the group @p group_id (24 hex characters; checked when the query is used).
  static GroupFilter group(std::string group_id) { return GroupFilter(std::move(group_id)); }
  /// Users that belong to at least one group.
  static GroupFilter any() { return GroupFilter("any"); }
  /// Users that belong to no group.
  static GroupFilter none() { return GroupFilter("none"); }
  /// Parses the CLI/wire form: `any`, `none` or a group id (not validated here).
  static GroupFilter parse(std::string text) { return GroupFilter(std::move(text)); }

  /// The value sent as `experienceGroupId`.
  const std::string& wire_value() const noexcept { return value_; }
  /// True for `any` and `none`.
  bool is_special() const noexcept { return value_ == "any" || value_ == "none"; }

 private:
  explicit GroupFilter(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

/**
 * How ExperienceUsersClient::list_all() walks through the pages.
 *
 * Offset paging (`page`, `perPage`) skips or repeats users when users are created or deleted
 * while the pages are fetched: a deletion before the current offset shifts the next page. Keyset
 * paging sorts by `id` and asks, page after page, for the ids after the last one seen
 * (`{"id": {"$gt": LAST}}`, ANDed with ListQuery::query), so every user that exists for the
 * whole iteration is visited exactly once. It needs API 1.30's `query` parameter.
 */
enum class Paging {
  kOffset,  ///< `page` = 0, 1, 2, ...: any sort and filter; not stable under concurrent writes.
  kKeyset,  ///< Sorted by id, `id > last seen`: stable under concurrent writes.
};

/**
 * Query parameters for ExperienceUsersClient::list(). Unset parameters are not sent and the
 * server's defaults apply (sort by email ascending, page 0; the default page size differs
 * between Losant's sources, so set per_page when it matters).
 *
 * Rules (checked before any I/O): page >= 0; 1 <= per_page <= 1000; filter and filter_field
 * are given together; a group filter is `any`, `none` or 24 hex; include_ancestor_groups
 * needs a group id; `query` (an advanced UserQuery) is not combined with filter, filter_field
 * or experience_group, which the API would silently ignore.
 *
 * @par Example
 * @code
 * ListQuery q;
 * q.sort_field = SortField::kLastLogin;
 * q.sort_direction = SortDirection::kDesc;
 * q.filter_field = FilterField::kEmail;
 * q.filter = "*@example.com";
 * q.per_page = 100;
 * @endcode
 */
struct ListQuery {
  std::optional<SortField> sort_field;          ///< `sortField`.
  std::optional<SortDirection> sort_direction;  ///< `sortDirection`.
  std::optional<std::int64_t> page;             ///< `page`, 0-based.
  std::optional<std::int64_t> per_page;         ///< `perPage`, 1..1000.
  std::optional<FilterField> filter_field;      ///< `filterField`; requires filter.
  std::optional<std::string> filter;            ///< `filter`, a glob such as `my*user`.
  std::optional<GroupFilter> experience_group;  ///< `experienceGroupId`.
  std::optional<bool> include_ancestor_groups;  ///< `includeAncestorGroups`.
  std::optional<UserQuery> query;               ///< `query` (API 1.30), sent as JSON text.
};

}  // namespace losant::experience_users
