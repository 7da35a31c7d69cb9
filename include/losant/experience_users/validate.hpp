// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The client's input checks, callable without sending anything (for dry runs and forms).
#pragma once

#include <optional>
#include <string_view>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/query.hpp"

namespace losant::experience_users {

/// The first rule @p body breaks (a kInvalidArgument Error naming the field), or nullopt.
LOSANT_EU_EXPORT std::optional<Error> validate(const ExperienceUserPost& body);
/// The first rule @p patch breaks, or nullopt.
LOSANT_EU_EXPORT std::optional<Error> validate(const ExperienceUserPatch& patch);
/// The first rule @p query breaks, or nullopt.
LOSANT_EU_EXPORT std::optional<Error> validate(const ListQuery& query);
/// Whether @p id is a valid Losant id: exactly 24 hexadecimal characters.
LOSANT_EU_EXPORT bool is_valid_id(std::string_view id) noexcept;

}  // namespace losant::experience_users
