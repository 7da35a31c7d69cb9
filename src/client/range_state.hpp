// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The pager behind UserRange: offset paging (pager.hpp) or keyset paging (range_keyset.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/pager.hpp"
#include "losant/experience_users/range.hpp"

namespace losant::experience_users {

struct UserRange::State : internal::OffsetPager<ExperienceUser, ListQuery, ExperienceUsers> {
  State(PageReader reader, ListQuery q, Paging p, int pages_in_flight);

  void start();    // fetch the first page
  void advance();  // move to the next element, fetching a page when needed

  // Keyset paging (range_keyset.cpp): the caller's conditions, the last id yielded, and how
  // many users the pages before the latest held.
  Paging paging = Paging::kOffset;
  std::optional<Error> keyset_error;  // a ListQuery keyset paging cannot serve
  std::vector<UserQuery> keyset_terms;
  std::optional<std::string> last_id;
  std::int64_t seen = 0;

 private:
  void fetch_keyset();
  void prepare_keyset();
};

}  // namespace losant::experience_users
