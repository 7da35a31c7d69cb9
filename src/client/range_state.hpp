// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The pager behind UserRange: holds one page, fetches the next when the last item is passed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losant/experience_users/range.hpp"

namespace losant::experience_users {

struct UserRange::State {
  // Page size when the query sets none: the API's largest, so the fewest round trips.
  static constexpr std::int64_t kDefaultPageSize = 1000;

  State(PageReader reader, ListQuery q, Paging p);

  void start();    // fetch the first page
  void advance();  // move to the next element, fetching a page when needed

  PageReader read_page;
  ListQuery query;                          // query.page is the next page to fetch
  std::vector<ExperienceUser> page;         // the current page's items
  std::size_t next_index = 0;               // next item of `page` to yield
  bool last_page = false;                   // no page after `page`
  std::optional<std::int64_t> total_count;  // the latest page's totalCount
  bool started = false;
  bool done = false;
  std::optional<Result<ExperienceUser>> current;  // what operator* returns

  // Keyset paging (range_keyset.cpp): the caller's conditions, the last id yielded, and how
  // many users the pages before the latest held.
  Paging paging = Paging::kOffset;
  std::optional<Error> keyset_error;  // a ListQuery keyset paging cannot serve
  std::vector<UserQuery> keyset_terms;
  std::optional<std::string> last_id;
  std::int64_t seen = 0;

 private:
  void fetch();
  void fetch_keyset();
  void prepare_keyset();
};

}  // namespace losant::experience_users
