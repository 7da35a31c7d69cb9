// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Settling the parsed command line: the command's format, options that conflict, and each
/// connection setting from its option, else its environment variable, else the profile.
#pragma once

#include "invocation.hpp"

namespace losant::cli {

/// Settles @p in after parsing (format, conflicts, connection settings); throws a
/// CLI::ParseError (a usage error) naming the option at fault.
void settle(Invocation& in);

}  // namespace losant::cli
