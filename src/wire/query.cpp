// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Wire names of the listing enums, in one table each so to_string and parse cannot disagree.
#include "losant/experience_users/query.hpp"

#include <array>
#include <utility>

namespace losant::experience_users {
namespace {

constexpr std::array<std::pair<SortField, std::string_view>, 7> kSortFields{{
    {SortField::kFirstName, "firstName"},
    {SortField::kLastName, "lastName"},
    {SortField::kEmail, "email"},
    {SortField::kId, "id"},
    {SortField::kCreationDate, "creationDate"},
    {SortField::kLastLogin, "lastLogin"},
    {SortField::kLastUpdated, "lastUpdated"},
}};
constexpr std::array<std::pair<SortDirection, std::string_view>, 2> kSortDirections{{
    {SortDirection::kAsc, "asc"},
    {SortDirection::kDesc, "desc"},
}};
constexpr std::array<std::pair<FilterField, std::string_view>, 3> kFilterFields{{
    {FilterField::kFirstName, "firstName"},
    {FilterField::kLastName, "lastName"},
    {FilterField::kEmail, "email"},
}};

static_assert(kSortFields.size() == kAllSortFields.size());
static_assert(kSortDirections.size() == kAllSortDirections.size());
static_assert(kFilterFields.size() == kAllFilterFields.size());

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

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
