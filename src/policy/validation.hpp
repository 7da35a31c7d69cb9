// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Client-side checks of every input against the API's schemas (reference/schemas/), run before
// any I/O. Each returns the first rule broken, as a kInvalidArgument Error naming the field;
// messages never contain a password or the token.
#pragma once

#include <optional>
#include <string_view>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/options.hpp"
#include "losant/experience_users/query.hpp"

namespace losant::experience_users::internal {

// True for exactly 24 hexadecimal characters (`^[A-Fa-f0-9]{24}$`).
bool is_object_id(std::string_view text) noexcept;
// True when the host of an http(s) URL is loopback (localhost, 127.0.0.0/8, [::1]).
bool is_loopback_host(std::string_view host) noexcept;

std::optional<Error> validate_id(std::string_view field, std::string_view value);
std::optional<Error> validate_query(const ListQuery& query);
std::optional<Error> validate_user_query(const UserQuery& query);  // user_query_rules.cpp
std::optional<Error> validate_post(const ExperienceUserPost& body);
std::optional<Error> validate_patch(const ExperienceUserPatch& patch);
std::optional<Error> validate_options(const ClientOptions& options);

}  // namespace losant::experience_users::internal
