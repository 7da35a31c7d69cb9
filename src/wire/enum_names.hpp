// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Wire names of enums: a constexpr table of {value, name} pairs per enum, read both ways.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace losant::experience_users::internal {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

/// The name of @p value in @p table (empty if the table lacks it).
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const EnumNames<Enum, N>& table, Enum value) noexcept {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

/// The value named @p text in @p table (exact, case-sensitive), or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const EnumNames<Enum, N>& table,
                                       std::string_view text) noexcept {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace losant::experience_users::internal
