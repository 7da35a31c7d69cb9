// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What the tool needs to know about the terminal it writes to.
#pragma once

#include <cstddef>
#include <optional>

namespace losant::cli {

/// Whether @p fd is a terminal (so a person is watching it).
bool is_terminal(int fd) noexcept;

/**
 * How many columns output to @p fd may use when @p fd is a terminal: the `COLUMNS` environment
 * variable when it is a positive number (the user's override), else the terminal's width.
 * nullopt when @p fd is not a terminal (no limit: a pipe or a file gets whole values) or its
 * width is unknown.
 */
std::optional<std::size_t> output_width(int fd);

}  // namespace losant::cli
