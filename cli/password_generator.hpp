// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Passwords for imported users whose file gives none (`import --generate-passwords`).
#pragma once

#include <string>

namespace losant::cli {

/// A new random password: 24 characters from [A-Za-z0-9] (about 143 bits) drawn from the
/// kernel's CSPRNG (getrandom). Throws std::system_error if no randomness can be had.
std::string generate_password();

}  // namespace losant::cli
