// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// JSON text conversions of the models, with the API's field names. No JSON library types.
#pragma once

#include <string>
#include <string_view>

#include "losant/experience_users/export.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::experience_users {

/// The user as the API's JSON (absent optionals left out). Compact, one line.
LOSANT_EU_EXPORT std::string to_json(const ExperienceUser& user);
/**
 * Appends to_json(@p user) to @p out: for writing many users (JSON Lines) through one
 * reusable buffer instead of a new string each.
 */
LOSANT_EU_EXPORT void append_json(std::string& out, const ExperienceUser& user);
/// The page as the API's JSON.
LOSANT_EU_EXPORT std::string to_json(const ExperienceUsers& page);
/// `{"success":true}` or `{"success":false}`.
LOSANT_EU_EXPORT std::string to_json(const DeleteResult& result);
/// The create body exactly as the client sends it (contains the password: never log it).
LOSANT_EU_EXPORT std::string to_json(const ExperienceUserPost& body);
/// The update body exactly as the client sends it (may contain a password: never log it).
LOSANT_EU_EXPORT std::string to_json(const ExperienceUserPatch& patch);

/// Parses a user; kMalformedResponse naming the path of the first problem on failure.
LOSANT_EU_EXPORT Result<ExperienceUser> parse_experience_user(std::string_view json);
/// Parses a page of users; kMalformedResponse on failure.
LOSANT_EU_EXPORT Result<ExperienceUsers> parse_experience_users(std::string_view json);
/// Parses a create body (for example one JSON Lines record); kInvalidArgument on failure.
/// Unknown fields are refused, as the schema forbids them. Rules are not checked here.
LOSANT_EU_EXPORT Result<ExperienceUserPost> parse_experience_user_post(std::string_view json);
/// Parses an update body (for example one record of `update --in`); kInvalidArgument on
/// failure. Unknown fields are refused, as the schema forbids them; every field is optional.
/// Rules are not checked here (see validate()).
LOSANT_EU_EXPORT Result<ExperienceUserPatch> parse_experience_user_patch(std::string_view json);

}  // namespace losant::experience_users
