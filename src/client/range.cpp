// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include <memory>
#include <utility>

#include "client/range_state.hpp"

namespace losant::experience_users {

UserRange::UserRange(PageReader read_page, ListQuery query, Paging paging)
    : state_(std::make_shared<State>(std::move(read_page), std::move(query), paging)) {}

UserRange::State::State(PageReader reader, ListQuery q, Paging p)
    : read_page(std::move(reader)), query(std::move(q)), paging(p) {
  if (!query.per_page) query.per_page = kDefaultPageSize;
  if (paging == Paging::kKeyset) {
    prepare_keyset();
    return;
  }
  if (!query.page) query.page = 0;
}

void UserRange::State::start() {
  if (started) return;
  started = true;
  advance();
}

void UserRange::State::fetch() {
  if (paging == Paging::kKeyset) {
    fetch_keyset();
    return;
  }
  auto result = read_page(query);
  if (!result) {
    // The error is the range's last element.
    current.emplace(std::move(result).error());
    last_page = true;
    return;
  }
  ExperienceUsers& fetched = *result;
  const auto size = static_cast<std::int64_t>(fetched.items.size());
  const std::int64_t per_page = *query.per_page;
  // The last page is the one that comes back short or empty, or that reaches totalCount (so
  // an exact multiple of the page size needs no extra request). The newest totalCount wins
  // when users are added or removed while paging.
  const bool reaches_total =
      fetched.total_count && (*query.page + 1) * per_page >= *fetched.total_count;
  last_page = size < per_page || reaches_total;
  total_count = fetched.total_count;
  page = std::move(fetched.items);
  next_index = 0;
  ++*query.page;
}

void UserRange::State::advance() {
  if (done) return;
  current.reset();
  while (next_index >= page.size()) {
    if (last_page) {
      done = true;
      return;
    }
    page.clear();
    fetch();
    if (current) return;  // a fetch error
  }
  current.emplace(std::move(page[next_index++]));
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
