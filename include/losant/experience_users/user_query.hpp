// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// UserQuery: the typed advanced query of `GET .../experience/users` (API 1.30's `query`
/// parameter, schema `advancedExperienceUserQuery.json`), built in C++ without writing JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/// The user fields a UserQuery can test (`userTags` has its own condition, TagsCondition).
enum class QueryField {
  kId,                   ///< `id`: 24-hex ids, compared as ids.
  kCreationDate,         ///< `creationDate`: a date-time.
  kLastUpdated,          ///< `lastUpdated`: a date-time.
  kPasswordLastUpdated,  ///< `passwordLastUpdated`: a date-time.
  kLastLogin,            ///< `lastLogin`: a date-time; absent for users who never logged in.
  kFirstName,            ///< `firstName`: text.
  kLastName,             ///< `lastName`: text.
  kEmail,                ///< `email`: text.
  kExperienceGroupId,    ///< `experienceGroupId`: membership of a group (24-hex ids).
};

/// The operators of a field condition.
enum class QueryOperator {
  kEq,          ///< `$eq`: equal (null: the field is absent).
  kNe,          ///< `$ne`: not equal (matches users without the field).
  kGt,          ///< `$gt`: greater than (never matches an absent field).
  kLt,          ///< `$lt`: less than.
  kGte,         ///< `$gte`: greater than or equal.
  kLte,         ///< `$lte`: less than or equal.
  kIn,          ///< `$in`: equal to one of at most 100 values.
  kNin,         ///< `$nin`: equal to none of at most 100 values (matches an absent field).
  kStartsWith,  ///< `$startsWith`: text prefix (not for id fields).
  kEndsWith,    ///< `$endsWith`: text suffix (not for id fields).
  kContains,    ///< `$contains`: text infix (not for id fields).
};

/// The logical operators that combine sub-queries.
enum class LogicalOperator {
  kAnd,  ///< `$and`: every sub-query matches.
  kOr,   ///< `$or`: at least one sub-query matches.
  kNor,  ///< `$nor`: no sub-query matches.
};

/// The wire name of @p field: `id`, `creationDate`, ..., `experienceGroupId`.
LOSANT_EU_EXPORT std::string_view to_string(QueryField field) noexcept;
/// The wire name of @p op: `$eq`, `$ne`, ..., `$contains`.
LOSANT_EU_EXPORT std::string_view to_string(QueryOperator op) noexcept;
/// The wire name of @p op: `$and`, `$or` or `$nor`.
LOSANT_EU_EXPORT std::string_view to_string(LogicalOperator op) noexcept;

/**
 * A value compared with a field: null, a string, a number, a boolean or a date-time.
 *
 * Null means "absent": `{"lastLogin": null}` matches users who never logged in. A Timestamp is
 * sent as the API's date-time text (`2016-06-13T04:00:00.000Z`) and is meant for the date
 * fields, which compare as instants.
 */
class QueryValue {
 public:
  /// Which alternative the value holds.
  enum class Kind { kNull, kString, kNumber, kBoolean, kTimestamp };

  /// Null.
  QueryValue() = default;
  /// Null.
  QueryValue(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
  /// A string.
  QueryValue(std::string text) : v_(std::move(text)) {}  // NOLINT(google-explicit-constructor)
  /// A string.
  QueryValue(const char* text) : v_(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  /// A string.
  QueryValue(std::string_view text)  // NOLINT(google-explicit-constructor)
      : v_(std::string(text)) {}
  /// A boolean.
  QueryValue(bool value) : v_(value) {}  // NOLINT(google-explicit-constructor)
  /// A number (any arithmetic type but bool; integers beyond 2^53 lose precision).
  template <typename T,
            typename std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                                      int> = 0>
  QueryValue(T number)  // NOLINT(google-explicit-constructor)
      : v_(static_cast<double>(number)) {}
  /// A date-time.
  QueryValue(Timestamp instant) : v_(instant) {}  // NOLINT(google-explicit-constructor)

  /// Which alternative the value holds.
  Kind kind() const noexcept { return static_cast<Kind>(v_.index()); }
  /// True for null.
  bool is_null() const noexcept { return kind() == Kind::kNull; }
  /// The string; only for Kind::kString.
  const std::string& as_string() const { return std::get<std::string>(v_); }
  /// The number; only for Kind::kNumber.
  double as_number() const { return std::get<double>(v_); }
  /// The boolean; only for Kind::kBoolean.
  bool as_bool() const { return std::get<bool>(v_); }
  /// The instant; only for Kind::kTimestamp.
  Timestamp as_timestamp() const { return std::get<Timestamp>(v_); }

  /// Same kind and same value.
  friend bool operator==(const QueryValue& a, const QueryValue& b) { return a.v_ == b.v_; }
  /// Negation of operator==.
  friend bool operator!=(const QueryValue& a, const QueryValue& b) { return !(a == b); }

 private:
  std::variant<std::monostate, std::string, double, bool, Timestamp> v_;
};

/// One operator of a field condition: `{"$gt": value}` or, for `$in`/`$nin`, a list.
struct FieldOperation {
  QueryOperator op = QueryOperator::kEq;  ///< The operator.
  QueryValue value;                       ///< The operand (every operator but `$in`/`$nin`).
  std::vector<QueryValue> values;         ///< The operands of `$in`/`$nin` (at most 100).

  /// Field-by-field equality.
  friend bool operator==(const FieldOperation& a, const FieldOperation& b) {
    return a.op == b.op && a.value == b.value && a.values == b.values;
  }
  /// Negation of operator==.
  friend bool operator!=(const FieldOperation& a, const FieldOperation& b) { return !(a == b); }
};

/**
 * A condition on one field: either a plain value (`{"email": "a@b.c"}`, equality) or an
 * operator object (`{"email": {"$startsWith": "a", "$ci": true}}`, every operator must hold).
 *
 * Rules: `id` and `experienceGroupId` take exactly one operator among `$eq $ne $gt $lt $gte
 * $lte $in $nin`, with 24-hex values (or null); the other fields take any of the eleven
 * operators, each at most once, plus `$ci` (case-insensitive text matching); `$startsWith`,
 * `$endsWith`, `$contains` need non-empty text; `$in`/`$nin` hold at most 100 non-null values.
 */
struct FieldCondition {
  QueryField field = QueryField::kEmail;  ///< The field tested.
  /// The plain-value form (`{"field": value}`); when set, `operations` must be empty.
  std::optional<QueryValue> equals;
  std::vector<FieldOperation> operations;  ///< The operator form, in the order sent.
  std::optional<bool> case_insensitive;    ///< `$ci` (operator form only).

  /// Adds an operator; returns `*this` for chaining.
  FieldCondition& with(QueryOperator op, QueryValue value) {
    operations.push_back(FieldOperation{op, std::move(value), {}});
    return *this;
  }
  /// Adds `$in` or `$nin` with @p values; returns `*this` for chaining.
  FieldCondition& with(QueryOperator op, std::vector<QueryValue> values) {
    operations.push_back(FieldOperation{op, QueryValue(), std::move(values)});
    return *this;
  }
  /// Sets `$ci: true` (or false); returns `*this` for chaining.
  FieldCondition& ci(bool on = true) {
    case_insensitive = on;
    return *this;
  }

  /// Field-by-field equality.
  friend bool operator==(const FieldCondition& a, const FieldCondition& b) {
    return a.field == b.field && a.equals == b.equals && a.operations == b.operations &&
           a.case_insensitive == b.case_insensitive;
  }
  /// Negation of operator==.
  friend bool operator!=(const FieldCondition& a, const FieldCondition& b) { return !(a == b); }
};

/**
 * How a tag key or a tag value is matched: equal to a string, null, `{"$in": [...]}` or
 * `{"$nin": [...]}` (strings of at most 255 characters, at most 100 of them).
 */
struct TagMatch {
  /// Which form the match takes.
  enum class Kind { kEquals, kNull, kIn, kNotIn };
  Kind kind = Kind::kEquals;        ///< The form.
  std::string text;                 ///< For kEquals.
  std::vector<std::string> values;  ///< For kIn and kNotIn.

  /// Equal to @p text.
  static TagMatch equals(std::string text) { return TagMatch{Kind::kEquals, std::move(text), {}}; }
  /// Null (absent).
  static TagMatch null() { return TagMatch{Kind::kNull, {}, {}}; }
  /// One of @p values.
  static TagMatch in(std::vector<std::string> values) {
    return TagMatch{Kind::kIn, {}, std::move(values)};
  }
  /// None of @p values.
  static TagMatch not_in(std::vector<std::string> values) {
    return TagMatch{Kind::kNotIn, {}, std::move(values)};
  }

  /// Field-by-field equality.
  friend bool operator==(const TagMatch& a, const TagMatch& b) {
    return a.kind == b.kind && a.text == b.text && a.values == b.values;
  }
  /// Negation of operator==.
  friend bool operator!=(const TagMatch& a, const TagMatch& b) { return !(a == b); }
};

/**
 * A condition on `userTags`, in one of the schema's forms:
 * - kNull: `{"userTags": null}` — the user has no tags;
 * - kKeyValue: `{"userTags": {"$tagKey": K, "$tagValue": V}}` — some tag matches K and V
 *   (either may be left out, not both);
 * - kByKey: `{"userTags": {"floor": "3", "role": {"$in": ["a", "b"]}}}` — each named tag's
 *   value matches (null: the tag is absent). Keys match `^[0-9a-zA-Z_-]{1,255}$`.
 *
 * `wrap` puts the form inside `{"$eq": ...}` (the same meaning) or `{"$ne": ...}` (negation).
 */
struct TagsCondition {
  /// The shape of the condition.
  enum class Form { kNull, kKeyValue, kByKey };
  /// Whether the form is sent bare or inside `$eq` / `$ne`.
  enum class Wrap { kNone, kEq, kNe };
  Form form = Form::kByKey;                              ///< The shape.
  Wrap wrap = Wrap::kNone;                               ///< Bare, `$eq` or `$ne`.
  std::optional<TagMatch> tag_key;                       ///< kKeyValue: `$tagKey`.
  std::optional<TagMatch> tag_value;                     ///< kKeyValue: `$tagValue`.
  std::vector<std::pair<std::string, TagMatch>> by_key;  ///< kByKey: tag key -> match.

  /// Field-by-field equality.
  friend bool operator==(const TagsCondition& a, const TagsCondition& b) {
    return a.form == b.form && a.wrap == b.wrap && a.tag_key == b.tag_key &&
           a.tag_value == b.tag_value && a.by_key == b.by_key;
  }
  /// Negation of operator==.
  friend bool operator!=(const TagsCondition& a, const TagsCondition& b) { return !(a == b); }
};

struct UserQuery;

/// `$and`, `$or` or `$nor` over 1 to 100 sub-queries.
struct LogicalCondition {
  LogicalOperator op = LogicalOperator::kAnd;  ///< How the sub-queries combine.
  std::vector<UserQuery> queries;              ///< The sub-queries.
};

/// One key of a query object: a logical, field or tags condition.
using QueryTerm = std::variant<LogicalCondition, FieldCondition, TagsCondition>;

/**
 * An advanced user query (API 1.30's `query` parameter): a JSON object whose keys — `$and`,
 * `$or`, `$nor` and the fields — must all hold. An empty query matches every user.
 *
 * Give it to ListQuery::query; the client validates it before any I/O (the error names the
 * JSON path and the rule, e.g. `query.$and[1].email.$startsWith: must not be empty`) and sends
 * it as one `query` parameter holding its JSON text, as Losant's SDKs do. When a query is
 * given the API ignores `filter`, `filterField` and `experienceGroupId`, so the client refuses
 * a ListQuery that sets both.
 *
 * Semantics (as the API's MongoDB store evaluates it): a plain value is equality; null matches
 * an absent field; `$ne`/`$nin` match users without the field, other comparisons never do;
 * dates compare as instants; text is case-sensitive unless `$ci`; `experienceGroupId` tests
 * membership.
 *
 * @par Example
 * @code
 * namespace eu = losant::experience_users;
 * using F = eu::QueryField;
 * using Op = eu::QueryOperator;
 * // Users at example.com (any case) who never logged in or not since 2024, tagged floor=3.
 * eu::UserQuery q = eu::UserQuery::all_of({
 *     eu::UserQuery::where(F::kEmail, Op::kEndsWith, "@example.com", true),
 *     eu::UserQuery::any_of({eu::UserQuery::equals(F::kLastLogin, nullptr),
 *                            eu::UserQuery::where(F::kLastLogin, Op::kLt,
 *                                                 *eu::parse_timestamp("2024-01-01T00:00:00Z"))}),
 *     eu::UserQuery::has_tag("floor", "3"),
 * });
 * eu::ListQuery list;
 * list.query = q;
 * auto page = client.list(app_id, list);
 * @endcode
 */
struct LOSANT_EU_EXPORT UserQuery {
  std::vector<QueryTerm> terms;  ///< The object's keys, in the order sent; all must hold.

  /// `{field: value}`: equality (null: the field is absent).
  static UserQuery equals(QueryField field, QueryValue value);
  /// `{field: {op: value}}`, with `$ci: true` when @p case_insensitive.
  static UserQuery where(QueryField field, QueryOperator op, QueryValue value,
                         bool case_insensitive = false);
  /// `{field: {op: [values...]}}` for `$in` / `$nin`.
  static UserQuery where(QueryField field, QueryOperator op, std::vector<QueryValue> values);
  /// A query of one field condition built with FieldCondition::with().
  static UserQuery of(FieldCondition condition);
  /// A query of one tags condition.
  static UserQuery of(TagsCondition condition);
  /// `{"$and": [...]}`.
  static UserQuery all_of(std::vector<UserQuery> queries);
  /// `{"$or": [...]}`.
  static UserQuery any_of(std::vector<UserQuery> queries);
  /// `{"$nor": [...]}`.
  static UserQuery none_of(std::vector<UserQuery> queries);
  /// Users with tag @p key (any value, `{"$tagKey": key}`), or with @p key = @p value
  /// (`{key: value}`).
  static UserQuery has_tag(std::string key, std::optional<std::string> value = std::nullopt);

  /// Adds a term (another key of the same object); returns `*this` for chaining.
  UserQuery& add(QueryTerm term) {
    terms.push_back(std::move(term));
    return *this;
  }
  /// True when the query has no terms (matches every user).
  bool empty() const noexcept { return terms.empty(); }
};

/// Structural equality (the same terms in the same order).
LOSANT_EU_EXPORT bool operator==(const UserQuery& a, const UserQuery& b);
/// Negation of operator==.
inline bool operator!=(const UserQuery& a, const UserQuery& b) {
  return !(a == b);
}
/// Structural equality.
LOSANT_EU_EXPORT bool operator==(const LogicalCondition& a, const LogicalCondition& b);
/// Negation of operator==.
inline bool operator!=(const LogicalCondition& a, const LogicalCondition& b) {
  return !(a == b);
}

/**
 * The first rule @p query breaks, as a kInvalidArgument Error whose `field` is the JSON path
 * of the offending part and whose message is the rule; nullopt when the query is valid.
 *
 * Besides the schema's rules the SDK refuses what the API could only answer with an error or
 * an empty result: an empty `$and`/`$or`/`$nor`, an operator object without an operator, a
 * date field compared with text that is not an ISO 8601 date-time, a Timestamp on a non-date
 * field, the same key twice in one object, and nesting deeper than 100 levels.
 */
LOSANT_EU_EXPORT std::optional<Error> validate(const UserQuery& query);

/**
 * Parses a query from its JSON text (the CLI's `--query`), checking the schema and every rule
 * of validate(). Date fields keep their JSON strings and numbers as they are.
 * @return the query, or a kInvalidArgument Error naming the JSON path and the rule.
 */
LOSANT_EU_EXPORT Result<UserQuery> parse_user_query(std::string_view json);

/// The JSON text sent as the `query` parameter (compact, keys in term order; a Timestamp as
/// `2016-06-13T04:00:00.000Z`). Call on a valid query.
LOSANT_EU_EXPORT std::string to_json(const UserQuery& query);

}  // namespace losant::experience_users
