// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Wire names of the listing enums, in one table each so to_string and parse cannot disagree.
#include "losant/experience_users/query.hpp"

#include <array>
#include <utility>

#include "wire/enum_names.hpp"

namespace losant::experience_users {
namespace {

using internal::name_of;
using internal::value_of;

constexpr internal::EnumNames<SortField, 7> kSortFields{{
    {SortField::kFirstName, "firstName"},
    {SortField::kLastName, "lastName"},
    {SortField::kEmail, "email"},
    {SortField::kId, "id"},
    {SortField::kCreationDate, "creationDate"},
    {SortField::kLastLogin, "lastLogin"},
    {SortField::kLastUpdated, "lastUpdated"},
}};
constexpr internal::EnumNames<SortDirection, 2> kSortDirections{{
    {SortDirection::kAsc, "asc"},
    {SortDirection::kDesc, "desc"},
}};
constexpr internal::EnumNames<FilterField, 3> kFilterFields{{
    {FilterField::kFirstName, "firstName"},
    {FilterField::kLastName, "lastName"},
    {FilterField::kEmail, "email"},
}};

static_assert(kSortFields.size() == kAllSortFields.size());
static_assert(kSortDirections.size() == kAllSortDirections.size());
static_assert(kFilterFields.size() == kAllFilterFields.size());

}  // namespace

std::string_view to_string(SortField field) noexcept {
  return name_of(kSortFields, field);
}
std::string_view to_string(SortDirection direction) noexcept {
  return name_of(kSortDirections, direction);
}
std::string_view to_string(FilterField field) noexcept {
  return name_of(kFilterFields, field);
}

std::optional<SortField> parse_sort_field(std::string_view text) noexcept {
  return value_of(kSortFields, text);
}
std::optional<SortDirection> parse_sort_direction(std::string_view text) noexcept {
  return value_of(kSortDirections, text);
}
std::optional<FilterField> parse_filter_field(std::string_view text) noexcept {
  return value_of(kFilterFields, text);
}

}  // namespace losant::experience_users
