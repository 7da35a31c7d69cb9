// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Keyset paging for UserRange: sort by id, then `{"id": {"$gt": LAST}}` ANDed with the caller's
// conditions, page after page. Offset paging shifts under concurrent deletes and creates; an id
// bound does not, so every user that exists throughout is yielded exactly once.
#include <utility>

#include "client/range_state.hpp"

namespace losant::experience_users {

void UserRange::State::prepare_keyset() {
  const auto refuse = [this](const char* field, const char* why) {
    keyset_error = invalid_argument(field, std::string("keyset paging ") + why);
  };
  if (query.page && *query.page != 0) return refuse("query.page", "always starts at the first id");
  if (query.sort_field && *query.sort_field != SortField::kId) {
    return refuse("query.sortField", "sorts by id");
  }
  if (query.sort_direction == SortDirection::kDesc) {
    return refuse("query.sortDirection", "sorts by id ascending");
  }
  if (query.filter || query.filter_field) {
    return refuse(query.filter ? "query.filter" : "query.filterField",
                  "needs `query`, which the API does not combine with a filter glob (use "
                  "$startsWith, $endsWith or $contains)");
  }
  if (query.include_ancestor_groups.value_or(false)) {
    return refuse("query.includeAncestorGroups", "cannot include ancestor groups");
  }
  if (query.query && !query.query->empty()) keyset_terms.push_back(*query.query);
  if (query.experience_group) {
    // The group filter as the equivalent query term (membership).
    const std::string& group = query.experience_group->wire_value();
    if (group == "any") {
      keyset_terms.push_back(
          UserQuery::where(QueryField::kExperienceGroupId, QueryOperator::kNe, nullptr));
    } else if (group == "none") {
      keyset_terms.push_back(UserQuery::equals(QueryField::kExperienceGroupId, nullptr));
    } else {
      keyset_terms.push_back(UserQuery::equals(QueryField::kExperienceGroupId, group));
    }
    query.experience_group.reset();
  }
  query.include_ancestor_groups.reset();
  query.page.reset();
  query.sort_field = SortField::kId;
  query.sort_direction = SortDirection::kAsc;
}

void UserRange::State::fetch_keyset() {
  if (keyset_error) {
    current.emplace(*keyset_error);
    last_page = true;
    return;
  }
  std::vector<UserQuery> terms = keyset_terms;
  if (last_id) terms.push_back(UserQuery::where(QueryField::kId, QueryOperator::kGt, *last_id));
  if (terms.empty()) {
    query.query.reset();
  } else if (terms.size() == 1) {
    query.query = std::move(terms.front());
  } else {
    query.query = UserQuery::all_of(std::move(terms));
  }
  auto result = read_page(query)();
  if (!take_error(result)) return;
  ExperienceUsers& fetched = *result;
  const auto size = static_cast<std::int64_t>(fetched.items.size());
  // Only a short page ends the iteration: totalCount counts what is left after LAST, and it
  // moves while others write.
  last_page = size < *query.per_page;
  if (fetched.total_count) total_count = seen + *fetched.total_count;
  seen += size;
  if (!fetched.items.empty()) last_id = fetched.items.back().id;
  take_items(fetched);
}

}  // namespace losant::experience_users
