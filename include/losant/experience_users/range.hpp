// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// UserRange: a lazy, single-pass range over every user of a listing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/query.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/**
 * A single-pass input range of `Result<ExperienceUser>`, returned by
 * ExperienceUsersClient::list_all(). While one page is read, the next ones are fetched on
 * threads of their own, up to ClientOptions::pages_in_flight pages held at once (the one being
 * read included); pages ahead are requested only where the latest totalCount says there are
 * users, so no request goes past the end. Users come in exactly the order of sequential paging.
 * If a page cannot be fetched (after retries), the range yields that Error once, after the
 * users of the pages before it, and ends. Destroying a range waits for the pages still in
 * flight (each bounded by ClientOptions::deadline).
 *
 * Only the client builds one (it has no public constructor); copies share one iteration.
 *
 * @par Example
 * @code
 * for (auto& user : client.list_all(app_id)) {
 *   if (!user) { std::cerr << user.error().to_string() << "\n"; break; }
 *   std::cout << user->email << "\n";
 * }
 * @endcode
 *
 * @par Thread Safety
 * A range (and its iterators) must be used by one thread at a time.
 */
class LOSANT_EU_EXPORT UserRange {
  struct LOSANT_EU_NO_EXPORT State;  // the pager (src/client/range_state.hpp)

 public:
  /// Input iterator over the range. Incrementing fetches the next page when needed.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;  ///< Single pass.
    using value_type = Result<ExperienceUser>;          ///< A user or the final error.
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
    /// Moves to the next element (may fetch a page); the copy returned is not dereferenceable.
    void operator++(int) { ++*this; }
    /// True when both are at the end, or both are the same live iterator.
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.at_end() == b.at_end() && (a.at_end() || a.state_ == b.state_);
    }
    /// Negation of operator==.
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class UserRange;
    explicit iterator(State* state) : state_(state) {}
    bool at_end() const;
    State* state_ = nullptr;
  };

  /// Starts the iteration (fetches the first page). Call once.
  iterator begin();
  /// The end sentinel.
  iterator end() { return iterator(); }

  /// The `totalCount` of the latest page fetched (for progress displays): known once begin()
  /// has fetched the first page; nullopt before that or if the server sent none.
  std::optional<std::int64_t> total_count() const;

 private:
  friend class ExperienceUsersClient;
  // Fetches one page of the listing (the range sets the query's page and per_page) and returns
  // what decodes it.
  using PageReader = std::function<std::function<Result<ExperienceUsers>()>(const ListQuery&)>;
  UserRange(PageReader read_page, ListQuery query, Paging paging, int pages_in_flight);

  std::shared_ptr<State> state_;
};

}  // namespace losant::experience_users
