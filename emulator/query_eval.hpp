// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The emulator's evaluation of API 1.30's advanced user query (`query` parameter,
/// advancedExperienceUserQuery.json). Written independently of the SDK's UserQuery so that the
/// SDK is tested against something other than itself; it shares no code with src/.
///
/// Semantics, as the API's MongoDB store evaluates the query:
/// - the keys of an object must all hold; `$and` / `$or` / `$nor` combine sub-queries;
/// - a plain value is equality; `null` (or `$eq: null`) matches an absent field, `$ne: null` a
///   present one; values of another type never equal a field (`{"email": 5}` matches nobody);
/// - `$ne` and `$nin` match users without the field; `$gt $lt $gte $lte $in $startsWith
///   $endsWith $contains` never do, and a comparison with `null` matches nothing;
/// - date fields compare as instants: an operand is an ISO 8601 text or milliseconds since the
///   epoch; `$startsWith`/`$endsWith`/`$contains` never match a date;
/// - text compares by bytes, case-sensitively unless `$ci: true`, which folds ASCII case for
///   every operator of its object (Unicode case folding is not emulated);
/// - `id` compares as an id (hex digits, any case); `experienceGroupId` tests membership: a
///   condition holds when one of the user's groups satisfies it (`null`: in no group; `$ne`,
///   `$nin`: none of the user's groups is that one);
/// - `userTags`: `null` means no tags; `{"$tagKey": K, "$tagValue": V}` holds when one tag
///   matches both; `{KEY: M}` holds when tag KEY's value matches M for every KEY (`null`: the
///   tag is absent; `$nin`: absent or another value); `$eq` wraps the same test, `$ne` negates it.
/// - The query overrides `filter`, `filterField` and `experienceGroupId`; it combines with the
///   sort and paging.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text.hpp"

namespace losant::emulator::detail {

/// What the evaluator sees of one user.
struct QueryUser {
  std::string_view id;  ///< Lower-case hex.
  std::string_view email;
  const std::optional<std::string>* first_name = nullptr;
  const std::optional<std::string>* last_name = nullptr;
  Millis creation_date = 0;
  Millis last_updated = 0;
  Millis password_last_updated = 0;
  std::optional<Millis> last_login;
  const std::vector<std::pair<std::string, std::string>>* tags = nullptr;  ///< Sorted by key.
  std::vector<std::string_view> group_ids;                                 ///< Lower-case hex.
};

/// A validated query, ready to test users. Immutable, so one can be shared between threads.
class UserQueryFilter {
 public:
  /**
   * Validates @p json against the schema (as the API's validator would) and compiles it.
   * @return the filter, or nullptr with @p error set to the Validation message.
   */
  static std::shared_ptr<const UserQueryFilter> compile(std::string_view json, std::string* error);

  /// Whether @p user matches the query.
  bool matches(const QueryUser& user) const;

  struct Node;  ///< The compiled tree (defined in query_eval.cpp).
  explicit UserQueryFilter(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace losant::emulator::detail
