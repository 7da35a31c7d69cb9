// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// ExperienceUsersClient: the five operations of the Experience Users API.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "losant/experience_users/bulk.hpp"
#include "losant/experience_users/export.hpp"
#include "losant/experience_users/groups.hpp"
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
class LOSANT_EU_EXPORT ExperienceUsersClient {
 public:
  /// Builds a client; see ClientOptions for the defaults.
  explicit ExperienceUsersClient(ClientOptions options = {});

  /// One page of the application's users (`GET`).
  Result<ExperienceUsers> list(std::string_view application_id, const ListQuery& query = {}) const;

  /**
   * Every matching user, fetched lazily with up to ClientOptions::pages_in_flight pages held
   * at once (8 by default: memory stays at a few pages whatever the total). Pages are
   * requested with `query.per_page` (1000 when unset) starting at `query.page` (0 when
   * unset). A failed page ends the range with that error as the last element.
   */
  UserRange list_all(std::string_view application_id, ListQuery query = {}) const;

  /**
   * list_all() with a choice of paging. With Paging::kKeyset the range sorts by `id` ascending
   * and fetches `{"id": {"$gt": LAST}}` ANDed with `query.query` page after page, so every user
   * that exists for the whole iteration is visited exactly once while others are created or
   * deleted (users created meanwhile may or may not appear). `query.experience_group` becomes
   * a query term; a sort other than id ascending, `page`, `filter`/`filter_field` and
   * `include_ancestor_groups` cannot be combined with keyset paging and end the range with a
   * kInvalidArgument error. `total_count()` is then the users seen plus the latest page's count.
   *
   * @par Example
   * @code
   * for (auto& user : client.list_all(app_id, {}, Paging::kKeyset)) { ... }
   * @endcode
   */
  UserRange list_all(std::string_view application_id, ListQuery query, Paging paging) const;

  /**
   * Creates a user (`POST`, 201). Retried only if the request certainly never left.
   *
   * The create reuses a kept-alive connection (CurlTransportOptions::reuse_connections_for_post).
   * If that connection closes before answering, libcurl sends the create again on a new one;
   * when that second copy answers `AlreadyExists`, the first may be what created the user, so
   * the client looks the email up: a user created after the first copy could have arrived
   * (by the server's clock: its creationDate against the answer's `Date`) is returned as
   * created; otherwise the `AlreadyExists` error stands, with `request_may_have_been_sent`
   * set (and, when the server sent no `Date`, a message saying it cannot tell).
   */
  Result<ExperienceUser> create(std::string_view application_id,
                                const ExperienceUserPost& body) const;

  /**
   * Creates many users with bounded, adaptive concurrency over the shared connection pool, and
   * returns one outcome per input, in input order. Never loses or duplicates a user: every
   * input is validated first (invalid ones fail without a request); `AlreadyExists` means
   * kSkipped; after an ambiguous failure (the request may have reached the server: a dropped
   * connection, a timeout, a 5xx) the email is looked up before anything is sent again, so a
   * user the server did create is reported kCreated with its id and never created twice.
   * Throttling (429, 503) lowers the concurrency and honours `Retry-After`.
   *
   * @par Example
   * @code
   * BulkOptions o;
   * o.concurrency = 16;
   * o.on_progress = [](const BulkProgress& p) { std::cerr << p.done << "/" << p.total << "\r"; };
   * for (const BulkOutcome& r : client.create_many(app, users, o)) {
   *   if (r.kind == BulkOutcomeKind::kFailed) std::cerr << r.email << ": " << r.error->to_string();
   * }
   * @endcode
   */
  std::vector<BulkOutcome> create_many(std::string_view application_id,
                                       const std::vector<ExperienceUserPost>& users,
                                       const BulkOptions& options = {}) const;

  /**
   * create_many() over inputs pulled from @p users as workers become free, each outcome given
   * to @p on_outcome as soon as it is settled: memory stays at BulkOptions::concurrency inputs
   * whatever their number. Each input is validated when it is taken (an invalid one fails
   * without a request); the guarantees are those of the vector form.
   *
   * @return the counts once every input is settled.
   *
   * @par Example
   * @code
   * std::ifstream in("users.jsonl");
   * auto next = [&]() -> std::optional<ExperienceUserPost> {
   *   std::string line;
   *   if (!std::getline(in, line)) return std::nullopt;
   *   return parse_my_record(line);
   * };
   * auto counts = client.create_many(app, next, [&](BulkOutcome&& r) { report(r); });
   * @endcode
   */
  BulkProgress create_many(std::string_view application_id, BulkSource<ExperienceUserPost> users,
                           BulkSink on_outcome, const BulkOptions& options = {}) const;

  /**
   * Updates many users (`PATCH` each) with the bounded, adaptive concurrency of create_many(),
   * and returns one outcome per input, in input order: kUpdated with the updated user's id and
   * email, or kFailed (a 404 is kFailed with the API's NotFound). A patch sets values, so an
   * attempt that may have been applied is simply sent again.
   */
  std::vector<BulkOutcome> update_many(std::string_view application_id,
                                       const std::vector<BulkUpdate>& updates,
                                       const BulkOptions& options = {}) const;

  /// update_many() over inputs pulled from a source, outcomes given as they are settled (see
  /// the streaming create_many()).
  BulkProgress update_many(std::string_view application_id, BulkSource<BulkUpdate> updates,
                           BulkSink on_outcome, const BulkOptions& options = {}) const;

  /**
   * Deletes many users by id with the bounded, adaptive concurrency of create_many(), and
   * returns one outcome per input, in input order: kDeleted, or kFailed. A 404 after an attempt
   * that may have been applied (a lost answer, libcurl's resend) is kDeleted: that attempt
   * deleted the user. A plain 404 (no such user to begin with) is kFailed with the API's
   * NotFound.
   */
  std::vector<BulkOutcome> remove_many(std::string_view application_id,
                                       const std::vector<std::string>& user_ids,
                                       const BulkOptions& options = {}) const;

  /// remove_many() over ids pulled from a source, outcomes given as they are settled (see the
  /// streaming create_many()).
  BulkProgress remove_many(std::string_view application_id, BulkSource<std::string> user_ids,
                           BulkSink on_outcome, const BulkOptions& options = {}) const;

  /// One user (`GET`).
  Result<ExperienceUser> get(std::string_view application_id, std::string_view user_id) const;

  /// Changes the fields set in @p patch (`PATCH`); the others stay as they are.
  Result<ExperienceUser> update(std::string_view application_id, std::string_view user_id,
                                const ExperienceUserPatch& patch) const;

  /// Deletes a user (`DELETE`). A 404 answered to a copy of the request sent after an earlier
  /// one may have been applied (a retry after a lost answer, or libcurl's resend on a new
  /// connection) means that copy deleted it: the result is a success.
  Result<DeleteResult> remove(std::string_view application_id, std::string_view user_id) const;

  /// One page of the application's experience groups (`GET .../experience/groups`).
  Result<ExperienceGroups> list_groups(std::string_view application_id,
                                       const GroupListQuery& query = {}) const;

  /// Every matching group, fetched lazily as list_all() fetches users (1000 per page when
  /// unset).
  GroupRange list_all_groups(std::string_view application_id, GroupListQuery query = {}) const;

  /// One group (`GET .../experience/groups/{experienceGroupId}`).
  Result<ExperienceGroup> get_group(std::string_view application_id,
                                    std::string_view group_id) const;

  /// The options this client was built with (the token included: treat as secret).
  const ClientOptions& options() const noexcept;

  /// Opaque implementation, shared between copies (public only so that src/ can name it).
  struct LOSANT_EU_NO_EXPORT Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace losant::experience_users
