// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The offset pager behind UserRange and GroupRange: holds one page, keeps up to `in_flight - 1`
// of the next pages requested while it is read (so the transfer overlaps the caller's work and
// a far server's round trips overlap each other), and ends with the error of a page that
// cannot be fetched, in order.
//
// A page is read in two steps: the reader fetches it (on a thread of its own when ahead) and
// returns what decodes it, which runs on the iterating thread when the page is reached. Pages
// in flight are then held as their bodies (a third of their decoded size), and every decoded
// user is allocated by one thread, so freed pages are reused instead of piling up in one
// allocator arena per fetching thread.
//
// Pages ahead are requested only where the latest totalCount says they hold items, so a
// listing never asks for a page past its end; the page to read next is requested whenever the
// sequential rule wants it (a full page that does not reach totalCount). Items come out in
// exactly the order of sequential paging, and the same last-page rule applies to each page as
// it is reached: a prefetched page behind a short one is dropped unread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <optional>
#include <system_error>
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
  using Decoder = std::function<Result<Page>()>;  // decodes one fetched page
  using Reader = std::function<Decoder(const Query&)>;

  /// @p in_flight: how many pages may be held at once, the one being read included (>= 1;
  /// 1 is sequential paging). @p reader must allow concurrent calls when it is above 1.
  OffsetPager(Reader reader, Query q, int in_flight = 1)
      : read_page(std::move(reader)),
        query(std::move(q)),
        max_pages(in_flight < 1 ? 1 : static_cast<std::size_t>(in_flight)) {
    if (!query.per_page) query.per_page = kDefaultPageSize;
  }

  OffsetPager(const OffsetPager&) = delete;
  OffsetPager& operator=(const OffsetPager&) = delete;
  // Waits for the pages still in flight (each bounded by the client's deadline).
  ~OffsetPager() = default;

  /// Moves to the next item, calling @p fetch whenever the page is used up (fetch fills
  /// `page`, or sets `current` to an error).
  template <typename Fetch>
  void advance(Fetch&& fetch) {
    if (done) return;
    current.reset();
    while (next_index >= page.size()) {
      if (last_page) {
        done = true;
        pending.clear();  // pages past a short one or an error: dropped unread
        return;
      }
      page.clear();
      page.shrink_to_fit();  // the page read is let go before the next is requested
      fetch();
      if (current) return;  // a fetch error
    }
    current.emplace(std::move(page[next_index++]));
  }

  /// Reads page `query.page` (0 if unset), requesting the pages after it that fit, and moves
  /// `query.page` on.
  void fetch_offset() {
    if (!query.page) query.page = 0;
    request_ahead();
    Result<Page> result = take_front();
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
  Query query;                              // query.page is the next page to read
  std::vector<Item> page;                   // the current page's items
  std::size_t next_index = 0;               // next item of `page` to yield
  bool last_page = false;                   // no page after `page`
  std::optional<std::int64_t> total_count;  // the latest page's totalCount
  bool started = false;
  bool done = false;
  std::optional<Result<Item>> current;  // what operator* returns

 private:
  // Requests the page to read next if it is not in flight yet, then the pages after it while
  // fewer than `max_pages` are in flight and the latest totalCount says they hold items.
  void request_ahead() {
    if (pending.empty()) {
      next_request = *query.page;
      launch(next_request++);
    }
    if (!total_count) return;  // no count yet: one page at a time
    const std::int64_t per_page = *query.per_page;
    while (pending.size() < max_pages && next_request * per_page < *total_count) {
      launch(next_request++);
    }
  }

  void launch(std::int64_t index) {
    Query q = query;
    q.page = index;
    if (max_pages == 1) {
      pending.push_back(ready(read_page(q)));
      return;
    }
    try {
      pending.push_back(std::async(std::launch::async, read_page, std::move(q)));
    } catch (const std::system_error&) {
      // No thread to be had: this page is read here and now instead.
      pending.push_back(ready(read_page(q)));
    }
  }

  static std::future<Decoder> ready(Decoder decoder) {
    std::promise<Decoder> promise;
    promise.set_value(std::move(decoder));
    return promise.get_future();
  }

  Result<Page> take_front() {
    const Decoder decode = pending.front().get();
    pending.pop_front();
    return decode();
  }

  std::size_t max_pages;
  std::int64_t next_request = 0;             // the next page index to request
  std::deque<std::future<Decoder>> pending;  // pages query.page, query.page + 1, ...
};

}  // namespace losant::experience_users::internal
