// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// How each command's result is written to stdout, in the format the user chose.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "losant/experience_users/models.hpp"

namespace losant::cli {

/// `--format`: a table for people, or the API's JSON for programs.
enum class Format {
  kTable,  ///< Aligned columns (list) or `key: value` lines (one user).
  kJson,   ///< The SDK's to_json() of the typed result, one line.
};

/// `table` or `json`.
std::string_view to_string(Format format) noexcept;
/// Parses `table` or `json`; nullopt otherwise.
std::optional<Format> parse_format(std::string_view text) noexcept;

/// A page of users: columns and a `page P of N (showing C of T users)` footer, or JSON.
void print(std::ostream& out, Format format, const experience_users::ExperienceUsers& page);

/// One user: every field, `-` for those the API left out; or JSON.
void print(std::ostream& out, Format format, const experience_users::ExperienceUser& user);

/// The outcome of a delete: `deleted USER_ID`, or `{"success":true}`.
void print_deleted(std::ostream& out, Format format, std::string_view user_id,
                   const experience_users::DeleteResult& result);

}  // namespace losant::cli
