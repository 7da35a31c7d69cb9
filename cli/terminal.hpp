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
 * How many columns output to @p fd may use: the terminal's width when @p fd is a terminal,
 * otherwise the `COLUMNS` environment variable when it is a positive number, otherwise
 * nullopt (no limit: a pipe or a file gets whole lines).
 */
std::optional<std::size_t> output_width(int fd);

}  // namespace losant::cli
