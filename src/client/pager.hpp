// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The offset pager behind UserRange and GroupRange: holds one page, fetches the next when the
// last item is passed, and ends with the error of a page that cannot be fetched.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "losant/experience_users/result.hpp"

namespace losant::experience_users::internal {

/// Pages of `Page` (with `items` and `total_count`) listed by a `Query` (with `page` and
/// `per_page`), yielded item by item as `Result<Item>`.
template <typename Item, typename Query, typename Page>
struct OffsetPager {
  // Page size when the query sets none: the API's largest, so the fewest round trips.
  static constexpr std::int64_t kDefaultPageSize = 1000;
  using Reader = std::function<Result<Page>(const Query&)>;

  OffsetPager(Reader reader, Query q) : read_page(std::move(reader)), query(std::move(q)) {
    if (!query.per_page) query.per_page = kDefaultPageSize;
  }

  /// Moves to the next item, calling @p fetch whenever the page is used up (fetch fills
  /// `page`, or sets `current` to an error).
  template <typename Fetch>
  void advance(Fetch&& fetch) {
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

  /// Fetches page `query.page` (0 if unset) and moves `query.page` on.
  void fetch_offset() {
    if (!query.page) query.page = 0;
    auto result = read_page(query);
    if (!take_error(result)) return;
    Page& fetched = *result;
    const auto size = static_cast<std::int64_t>(fetched.items.size());
    const std::int64_t per_page = *query.per_page;
    // The last page is the one that comes back short or empty, or that reaches totalCount (so
    // an exact multiple of the page size needs no extra request). The newest totalCount wins
    // when items are added or removed while paging.
    const bool reaches_total =
        fetched.total_count && (*query.page + 1) * per_page >= *fetched.total_count;
    last_page = size < per_page || reaches_total;
    total_count = fetched.total_count;
    take_items(fetched);
    ++*query.page;
  }

  /// Ends the range with @p result's error (its last element); false if it failed.
  bool take_error(Result<Page>& result) {
    if (result) return true;
    current.emplace(std::move(result).error());
    last_page = true;
    return false;
  }

  /// Makes @p fetched's items the current page.
  void take_items(Page& fetched) {
    page = std::move(fetched.items);
    next_index = 0;
  }

  Reader read_page;
  Query query;                              // query.page is the next page to fetch
  std::vector<Item> page;                   // the current page's items
  std::size_t next_index = 0;               // next item of `page` to yield
  bool last_page = false;                   // no page after `page`
  std::optional<std::int64_t> total_count;  // the latest page's totalCount
  bool started = false;
  bool done = false;
  std::optional<Result<Item>> current;  // what operator* returns
};

}  // namespace losant::experience_users::internal
