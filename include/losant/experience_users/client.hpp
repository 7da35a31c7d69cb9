// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// ExperienceUsersClient: the five operations of the Experience Users API.
#pragma once

#include <memory>
#include <string_view>

#include "losant/experience_users/models.hpp"
#include "losant/experience_users/options.hpp"
#include "losant/experience_users/query.hpp"
#include "losant/experience_users/range.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/**
 * A client of `/applications/{applicationId}/experience/users`.
 *
 * Every call validates its inputs before any I/O (ids must be 24 hex characters; bodies and
 * queries must satisfy the API's schemas), sends the request through the configured transport
 * with the headers and default query parameters Losant's own SDKs send, retries where it is
 * safe (see RetryOptions), and returns the typed answer or an Error. Nothing throws.
 *
 * Invalid ClientOptions (a non-loopback `http://` URL, a token containing CR or LF, ...) do not
 * throw either: every call then returns that kInvalidArgument error, naming the option.
 *
 * @par Thread Safety
 * Copies are cheap and share one connection pool. One client may be used from many threads
 * at once.
 *
 * @par Example
 * @code
 * namespace eu = losant::experience_users;
 * eu::ClientOptions options;
 * options.token = token;
 * eu::ExperienceUsersClient client(options);
 * eu::ListQuery q;
 * q.per_page = 50;
 * auto page = client.list(app_id, q);
 * if (!page) { std::cerr << page.error().to_string() << "\n"; return 1; }
 * for (const auto& u : page->items) std::cout << u.email << "\n";
 * @endcode
 */
class ExperienceUsersClient {
 public:
  /// Builds a client; see ClientOptions for the defaults.
  explicit ExperienceUsersClient(ClientOptions options = {});

  /// One page of the application's users (`GET`).
  Result<ExperienceUsers> list(std::string_view application_id, const ListQuery& query = {}) const;

  /**
   * Every matching user, fetched lazily one page at a time (memory stays at one page).
   * Pages are requested with `query.per_page` (1000 when unset) starting at `query.page`
   * (0 when unset). A failed page ends the range with that error as the last element.
   */
  UserRange list_all(std::string_view application_id, ListQuery query = {}) const;

  /// Creates a user (`POST`, 201). Retried only if the request certainly never left.
  Result<ExperienceUser> create(std::string_view application_id,
                                const ExperienceUserPost& body) const;

  /// One user (`GET`).
  Result<ExperienceUser> get(std::string_view application_id, std::string_view user_id) const;

  /// Changes the fields set in @p patch (`PATCH`); the others stay as they are.
  Result<ExperienceUser> update(std::string_view application_id, std::string_view user_id,
                                const ExperienceUserPatch& patch) const;

  /// Deletes a user (`DELETE`).
  Result<DeleteResult> remove(std::string_view application_id, std::string_view user_id) const;

  /// The options this client was built with (the token included: treat as secret).
  const ClientOptions& options() const noexcept;

  /// Opaque implementation, shared between copies (public only so that src/ can name it).
  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace losant::experience_users
