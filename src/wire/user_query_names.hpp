// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The wire names of UserQuery's enums, one table each, shared by encoding, parsing and the rules.
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "losant/experience_users/user_query.hpp"
#include "wire/enum_names.hpp"

namespace losant::experience_users::internal {

inline constexpr EnumNames<QueryField, 9> kQueryFields{{
    {QueryField::kId, "id"},
    {QueryField::kCreationDate, "creationDate"},
    {QueryField::kLastUpdated, "lastUpdated"},
    {QueryField::kPasswordLastUpdated, "passwordLastUpdated"},
    {QueryField::kLastLogin, "lastLogin"},
    {QueryField::kFirstName, "firstName"},
    {QueryField::kLastName, "lastName"},
    {QueryField::kEmail, "email"},
    {QueryField::kExperienceGroupId, "experienceGroupId"},
}};

inline constexpr EnumNames<QueryOperator, 11> kQueryOperators{{
    {QueryOperator::kEq, "$eq"},
    {QueryOperator::kNe, "$ne"},
    {QueryOperator::kGt, "$gt"},
    {QueryOperator::kLt, "$lt"},
    {QueryOperator::kGte, "$gte"},
    {QueryOperator::kLte, "$lte"},
    {QueryOperator::kIn, "$in"},
    {QueryOperator::kNin, "$nin"},
    {QueryOperator::kStartsWith, "$startsWith"},
    {QueryOperator::kEndsWith, "$endsWith"},
    {QueryOperator::kContains, "$contains"},
}};

inline constexpr EnumNames<LogicalOperator, 3> kLogicalOperators{{
    {LogicalOperator::kAnd, "$and"},
    {LogicalOperator::kOr, "$or"},
    {LogicalOperator::kNor, "$nor"},
}};

// Fields whose values are 24-hex ids and that take exactly one operator.
constexpr bool is_id_field(QueryField f) {
  return f == QueryField::kId || f == QueryField::kExperienceGroupId;
}
// Fields whose values are date-times.
constexpr bool is_date_field(QueryField f) {
  return f == QueryField::kCreationDate || f == QueryField::kLastUpdated ||
         f == QueryField::kPasswordLastUpdated || f == QueryField::kLastLogin;
}
// Operators whose operand is a list.
constexpr bool is_list_operator(QueryOperator op) {
  return op == QueryOperator::kIn || op == QueryOperator::kNin;
}
// Operators on text only (not for id fields).
constexpr bool is_text_operator(QueryOperator op) {
  return op == QueryOperator::kStartsWith || op == QueryOperator::kEndsWith ||
         op == QueryOperator::kContains;
}

// Schema limits.
inline constexpr std::size_t kMaxQueryItems = 100;  // $and/$or/$nor, $in/$nin
inline constexpr std::size_t kMaxTagTextLength = 255;
inline constexpr int kMaxQueryDepth = 100;  // nested query objects

}  // namespace losant::experience_users::internal
