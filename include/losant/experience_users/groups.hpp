// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The experience groups resource, read side (API 1.30): GroupListQuery, ExperienceGroups,
/// GroupRange and the JSON helpers. The client methods are ExperienceUsersClient::list_groups(),
/// list_all_groups() and get_group(); the model is ExperienceGroup (models.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/query.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/// Fields a group listing can be sorted on (`sortField`; the server's default is `name`).
enum class GroupSortField { kName, kId, kCreationDate, kLastUpdated };
/// Every GroupSortField, in declaration order.
inline constexpr std::array<GroupSortField, 4> kAllGroupSortFields{
    GroupSortField::kName, GroupSortField::kId, GroupSortField::kCreationDate,
    GroupSortField::kLastUpdated};
/// The wire name: `name`, `id`, `creationDate` or `lastUpdated`.
LOSANT_EU_EXPORT std::string_view to_string(GroupSortField field) noexcept;
/// Parses a wire name (exact); nullopt when unknown.
LOSANT_EU_EXPORT std::optional<GroupSortField> parse_group_sort_field(
    std::string_view text) noexcept;

/**
 * Query parameters of `GET .../experience/groups`. Unset parameters are not sent.
 *
 * Rules (checked before any I/O): page >= 0; 1 <= per_page <= 1000; `filter` (a glob on the
 * group name, sent with `filterField=name`) at most 1024 characters; `query` — the advanced
 * group query (advancedExperienceGroupQuery.json) as JSON text — must be a JSON object and is
 * not combined with `filter` (the API would ignore the filter).
 */
struct GroupListQuery {
  std::optional<GroupSortField> sort_field;     ///< `sortField`.
  std::optional<SortDirection> sort_direction;  ///< `sortDirection`.
  std::optional<std::int64_t> page;             ///< `page`, 0-based.
  std::optional<std::int64_t> per_page;         ///< `perPage`, 1..1000.
  std::optional<std::string> filter;            ///< `filter` on `name`, a glob such as `Ops*`.
  std::optional<std::string> query;             ///< `query`, JSON text of a group query.
};

/// One page of a group listing.
struct ExperienceGroups {
  std::vector<ExperienceGroup> items;         ///< The groups on this page.
  std::optional<std::int64_t> count;          ///< Items on this page.
  std::optional<std::int64_t> total_count;    ///< Groups matching, all pages.
  std::optional<std::int64_t> per_page;       ///< The page size used.
  std::optional<std::int64_t> page;           ///< 0-based page index.
  std::optional<std::string> filter;          ///< The filter glob applied.
  std::optional<std::string> filter_field;    ///< The field filtered on.
  std::optional<std::string> sort_field;      ///< The field sorted on.
  std::optional<std::string> sort_direction;  ///< `asc`, `desc` (or `ASC`, `DESC`, ``).
  std::optional<std::string> application_id;  ///< The application listed.
};

/// The first rule @p query breaks (a kInvalidArgument Error naming the field), or nullopt.
LOSANT_EU_EXPORT std::optional<Error> validate(const GroupListQuery& query);

/// The group as the API's JSON (absent optionals left out). Compact, one line.
LOSANT_EU_EXPORT std::string to_json(const ExperienceGroup& group);
/// The page as the API's JSON.
LOSANT_EU_EXPORT std::string to_json(const ExperienceGroups& page);
/// Parses a group; kMalformedResponse naming the path of the first problem on failure.
LOSANT_EU_EXPORT Result<ExperienceGroup> parse_experience_group(std::string_view json);
/// Parses a page of groups; kMalformedResponse on failure.
LOSANT_EU_EXPORT Result<ExperienceGroups> parse_experience_groups(std::string_view json);

/**
 * A single-pass input range of `Result<ExperienceGroup>`, returned by
 * ExperienceUsersClient::list_all_groups(): pages are fetched ahead of the iteration, up to
 * ClientOptions::pages_in_flight held at once (as UserRange); a page that cannot be fetched
 * ends the range with its Error, after the groups of the pages before it.
 *
 * @par Example
 * @code
 * for (auto& group : client.list_all_groups(app_id)) {
 *   if (!group) { std::cerr << group.error().to_string() << "\n"; break; }
 *   std::cout << group->name.value_or("") << "\n";
 * }
 * @endcode
 *
 * @par Thread Safety
 * A range (and its iterators) must be used by one thread at a time.
 */
class LOSANT_EU_EXPORT GroupRange {
  struct LOSANT_EU_NO_EXPORT State;  // the pager (src/client/group_range.cpp)

 public:
  /// Input iterator over the range. Incrementing fetches the next page when needed.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;  ///< Single pass.
    using value_type = Result<ExperienceGroup>;         ///< A group or the final error.
    using difference_type = std::ptrdiff_t;             ///< Required by the iterator traits.
    using pointer = value_type*;                        ///< Required by the iterator traits.
    using reference = value_type&;                      ///< Required by the iterator traits.

    iterator() = default;  ///< The end iterator.
    /// The current element.
    reference operator*() const;
    /// The current element.
    pointer operator->() const { return &**this; }
    /// Moves to the next element (may fetch a page).
    iterator& operator++();
    /// Moves to the next element; the copy returned is not dereferenceable.
    void operator++(int) { ++*this; }
    /// True when both are at the end, or both are the same live iterator.
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.at_end() == b.at_end() && (a.at_end() || a.state_ == b.state_);
    }
    /// Negation of operator==.
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class GroupRange;
    explicit iterator(State* state) : state_(state) {}
    bool at_end() const;
    State* state_ = nullptr;
  };

  /// Starts the iteration (fetches the first page). Call once.
  iterator begin();
  /// The end sentinel.
  iterator end() { return iterator(); }

  /// The `totalCount` of the latest page fetched: known once begin() has fetched the first
  /// page; nullopt before that or if the server sent none.
  std::optional<std::int64_t> total_count() const;

 private:
  friend class ExperienceUsersClient;
  // Fetches one page of the listing (the range sets the query's page and per_page) and returns
  // what decodes it.
  using PageReader =
      std::function<std::function<Result<ExperienceGroups>()>(const GroupListQuery&)>;
  GroupRange(PageReader read_page, GroupListQuery query, int pages_in_flight);

  std::shared_ptr<State> state_;
};

}  // namespace losant::experience_users
