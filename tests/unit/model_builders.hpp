// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Builders of model values the unit tests share.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "losant/experience_users/models.hpp"

namespace losant::experience_users::testing {

// An embedded group (id, name, parentId): the other members stay absent.
inline ExperienceGroup embedded(std::optional<std::string> id, std::optional<std::string> name,
                                std::optional<std::string> parent_id) {
  ExperienceGroup g;
  g.id = std::move(id);
  g.name = std::move(name);
  g.parent_id = std::move(parent_id);
  return g;
}

}  // namespace losant::experience_users::testing
