// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The `losant-experience-users` command-line tool.
#pragma once

namespace losant::cli {

/**
 * Parses the command line, performs the command through the SDK, writes its result to stdout
 * (errors and diagnostics to stderr) and returns the process exit code (see ExitCode).
 * Never throws.
 */
int run(int argc, const char* const* argv) noexcept;

}  // namespace losant::cli
