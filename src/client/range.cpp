// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include <memory>
#include <utility>

#include "client/range_state.hpp"

namespace losant::experience_users {

UserRange::UserRange(PageReader read_page, ListQuery query, Paging paging, int pages_in_flight)
    : state_(std::make_shared<State>(std::move(read_page), std::move(query), paging,
                                     pages_in_flight)) {}

UserRange::State::State(PageReader reader, ListQuery q, Paging p, int pages_in_flight)
    : OffsetPager(std::move(reader), std::move(q), pages_in_flight), paging(p) {
  if (paging == Paging::kKeyset) prepare_keyset();
}

void UserRange::State::start() {
  if (started) return;
  started = true;
  advance();
}

void UserRange::State::advance() {
  OffsetPager::advance([this] { paging == Paging::kKeyset ? fetch_keyset() : fetch_offset(); });
}

UserRange::iterator UserRange::begin() {
  state_->start();
  return iterator(state_.get());
}

UserRange::iterator::reference UserRange::iterator::operator*() const {
  return *state_->current;
}

UserRange::iterator& UserRange::iterator::operator++() {
  state_->advance();
  return *this;
}

std::optional<std::int64_t> UserRange::total_count() const {
  return state_->total_count;
}

bool UserRange::iterator::at_end() const {
  return state_ == nullptr || state_->done;
}

}  // namespace losant::experience_users
