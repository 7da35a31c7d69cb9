// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// How each command's result is written to stdout, in the format the user chose.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string_view>

#include "format.hpp"
#include "losant/experience_users/models.hpp"

namespace losant::cli {

/**
 * A page of users. kTable: columns and a `page P of N (showing C of T users)` footer, fitted to
 * @p max_width display characters when given (see Table::print). kJson: the page object.
 * kCsv: a header and one record per user (UserCsvColumns). kJsonl: one user object a line.
 */
void print(std::ostream& out, Format format, const experience_users::ExperienceUsers& page,
           std::optional<std::size_t> max_width = std::nullopt);

/// One user. kTable: every field, `-` for those the API left out. kJson and kJsonl: the user
/// object on one line. kCsv: a header and the user's record.
void print(std::ostream& out, Format format, const experience_users::ExperienceUser& user);

/// The outcome of a delete: `deleted USER_ID` (kTable), or `{"success":true}` (the others).
void print_deleted(std::ostream& out, Format format, std::string_view user_id,
                   const experience_users::DeleteResult& result);

/// An error: one `error: MESSAGE` line, made printable (messages may quote server data).
void print_error(std::ostream& err, std::string_view message);

}  // namespace losant::cli
