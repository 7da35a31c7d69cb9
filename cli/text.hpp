// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Making untrusted text (server data, error messages) safe and measurable for a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace losant::cli {

/**
 * @p text on one line and safe for a terminal: the SDK's one sanitiser
 * (experience_users::internal::one_line): line breaks and tabs become a space; other control
 * characters (C0, DEL, C1), bidirectional overrides and isolates, and invalid UTF-8 bytes
 * become U+FFFD.
 *
 * Names, tags and error messages come from the server; printed raw, a crafted first name
 * could rewrite the user's terminal or reorder what it shows.
 */
std::string printable(std::string_view text);

/// The number of columns @p text occupies: its code points, a good approximation for the
/// names and emails the API holds (wide East Asian characters are counted as one).
/// Precondition: @p text is valid UTF-8 (for example the result of printable()).
std::size_t display_width(std::string_view text);

/// @p text cut to at most @p width display characters: when it is wider, its first
/// `width - 1` characters followed by an ellipsis (U+2026). Never splits a UTF-8 sequence.
/// Precondition: @p text is valid UTF-8 (for example the result of printable()).
std::string truncate_to_width(std::string_view text, std::size_t width);

}  // namespace losant::cli
