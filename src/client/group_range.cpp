// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The pager behind GroupRange: one page at a time, the next fetched when the last is passed.
#include <utility>

#include "losant/experience_users/client.hpp"

namespace losant::experience_users {

struct GroupRange::State {
  State(ExperienceUsersClient c, std::string app, GroupListQuery q)
      : client(std::move(c)), application_id(std::move(app)), query(std::move(q)) {
    if (!query.per_page) query.per_page = 1000;
    if (!query.page) query.page = 0;
  }

  void fetch() {
    auto result = client.list_groups(application_id, query);
    if (!result) {
      current.emplace(std::move(result).error());
      last_page = true;
      return;
    }
    const auto size = static_cast<std::int64_t>(result->items.size());
    const bool reaches_total =
        result->total_count && (*query.page + 1) * *query.per_page >= *result->total_count;
    last_page = size < *query.per_page || reaches_total;
    page = std::move(result->items);
    next_index = 0;
    ++*query.page;
  }

  void advance() {
    if (done) return;
    current.reset();
    while (next_index >= page.size()) {
      if (last_page) {
        done = true;
        return;
      }
      page.clear();
      fetch();
      if (current) return;
    }
    current.emplace(std::move(page[next_index++]));
  }

  ExperienceUsersClient client;
  std::string application_id;
  GroupListQuery query;
  std::vector<ExperienceGroup> page;
  std::size_t next_index = 0;
  bool last_page = false;
  bool started = false;
  bool done = false;
  std::optional<Result<ExperienceGroup>> current;
};

GroupRange::iterator GroupRange::begin() {
  if (!state_->started) {
    state_->started = true;
    state_->advance();
  }
  return iterator(state_.get());
}

GroupRange::iterator::reference GroupRange::iterator::operator*() const {
  return *state_->current;
}

GroupRange::iterator& GroupRange::iterator::operator++() {
  state_->advance();
  return *this;
}

bool GroupRange::iterator::at_end() const {
  return state_ == nullptr || state_->done;
}

GroupRange make_group_range(ExperienceUsersClient client, std::string app, GroupListQuery query) {
  return GroupRange(
      std::make_shared<GroupRange::State>(std::move(client), std::move(app), std::move(query)));
}

}  // namespace losant::experience_users
