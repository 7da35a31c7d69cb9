// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The tool's exit codes: one per kind of failure, so that scripts can react to each.
#pragma once

#include <string>

#include <CLI/Error.hpp>

#include "losant/experience_users/error.hpp"

namespace losant::cli {

/// What the process exit status means. Documented in docs/cli.md and the `--help` footer.
enum class ExitCode : int {
  kOk = 0,               ///< The command succeeded.
  kInternal = 1,         ///< A bug, an unexpected failure, or the output could not be written.
  kUsage = 2,            ///< The command line could not be parsed, or a file it names opened.
  kInvalidArgument = 3,  ///< An input broke one of the API's rules; nothing was sent.
  kAuth = 4,             ///< HTTP 401 or 403: the token is missing, wrong or lacks a scope.
  kNotFound = 5,         ///< HTTP 404: no such application or user.
  kHttp = 6,             ///< Any other HTTP error status (400, 409, 429, 5xx, ...).
  kNetwork = 7,          ///< Connect, TLS, transport failure or timeout: no answer received.
  kBadResponse = 8,      ///< The answer was not what the API sends (malformed, too large).
  kPartial = 9,          ///< import: some records were not created; sync: some writes failed.
};

/// The exit code for an SDK @p error.
ExitCode exit_code_for(const experience_users::Error& error) noexcept;

/// The exit code for a command-line parse outcome: kOk for `--help` and `--version`, kUsage for
/// every real parse error (CLI11's own codes are not passed on).
ExitCode exit_code_for(const CLI::ParseError& error) noexcept;

/// The exit code table as help text, one `  CODE  meaning` line per code.
std::string exit_code_help();

}  // namespace losant::cli
