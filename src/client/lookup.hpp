// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Finding a user by email: how the client learns what a create whose answer was lost (or came
// from a copy sent twice) did on the server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "losant/experience_users/client.hpp"

namespace losant::experience_users::internal {

/// The user whose email is @p email (ignoring ASCII case), nullopt when there is none, or the
/// error of the lookup.
Result<std::optional<ExperienceUser>> find_user_by_email(const ExperienceUsersClient& client,
                                                         std::string_view application_id,
                                                         const std::string& email);

}  // namespace losant::experience_users::internal
