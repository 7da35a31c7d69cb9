// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The command line's definition: the global options (on the tool and on every command), each
/// command's options, the help texts and the CLI11 tidying.
#pragma once

#include <string>
#include <vector>

#include "invocation.hpp"

namespace losant::cli {

/// Defines the tool's global options and one subcommand per entry of @p commands on @p app,
/// storing what is parsed into @p in.
void define_command_line(CLI::App& app, Invocation& in, const std::vector<CommandSpec>& commands);

/// `USER_ID`, the positional argument of get, update and delete.
void add_user_id(CLI::App& command, Invocation& in);
/// update and delete: `USER_ID` (optional here) or `--in FILE` with the bulk options
/// (`--report`, `--concurrency`, `--dry-run`; with @p confirming, `--yes`).
void define_user_id_or_file(CLI::App& command, Invocation& in, bool confirming);
/// The options of revoke-sessions: the filters of list, --all and the bulk options.
void define_revoke_sessions(CLI::App& command, Invocation& in);
/// The query options of list (@p one_page: with --page) and export.
void define_query(CLI::App& command, experience_users::ListQuery& q, bool one_page);
/// The options of export and import.
void define_export(CLI::App& command, Invocation& in);
void define_import(CLI::App& command, Invocation& in);  ///< See define_export().
/// The user fields of create (@p creating: email and a password required) and update.
void define_user_fields(CLI::App& command, Invocation& in, bool creating);

}  // namespace losant::cli
