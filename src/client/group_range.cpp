// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// GroupRange: the offset pager (pager.hpp) over pages of groups.
#include <memory>
#include <utility>

#include "client/pager.hpp"
#include "losant/experience_users/groups.hpp"

namespace losant::experience_users {

struct GroupRange::State
    : internal::OffsetPager<ExperienceGroup, GroupListQuery, ExperienceGroups> {
  using OffsetPager::OffsetPager;
  void advance() {
    OffsetPager::advance([this] { fetch_offset(); });
  }
};

GroupRange::GroupRange(PageReader read_page, GroupListQuery query, int pages_in_flight)
    : state_(std::make_shared<State>(std::move(read_page), std::move(query), pages_in_flight)) {}

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

std::optional<std::int64_t> GroupRange::total_count() const {
  return state_->total_count;
}

}  // namespace losant::experience_users
