// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `--password-stdin`: reading a password without it appearing in the process list or on screen.
#pragma once

#include <iosfwd>
#include <string>

namespace losant::cli {

/**
 * Reads a password from standard input.
 *
 * From a terminal: writes the prompt `LABEL: ` to @p prompt and reads one line with echo turned
 * off. From a pipe or a file: reads everything, then removes one trailing line break (`\n` or
 * `\r\n`), so that `echo "$PASSWORD" | ...` and `printf %s "$PASSWORD" | ...` agree.
 *
 * The password is not checked here; the SDK's rules apply when it is sent.
 */
std::string read_password_from_stdin(std::ostream& prompt, const char* label = "Password");

}  // namespace losant::cli
