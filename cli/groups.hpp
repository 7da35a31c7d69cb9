// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `groups list` and `groups get ID`: the experience groups, read side (API 1.30).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "error_words.hpp"
#include "exit_code.hpp"
#include "format.hpp"
#include "losant/experience_users.hpp"

namespace losant::cli {

/// What `groups ...` asked for.
struct GroupsInvocation {
  enum class Action { kNone, kList, kGet } action = Action::kNone;
  std::string group_id;                    ///< get
  experience_users::GroupListQuery query;  ///< list
};

/// Adds `list` and `get GROUP_ID` to the `groups` command @p groups (one is required).
void define_groups(CLI::App& groups, GroupsInvocation& in);

/// Runs the chosen action, printing in @p format (table, json or csv).
ExitCode run_groups(const experience_users::ExperienceUsersClient& client,
                    const std::string& application_id, const GroupsInvocation& in, Format format,
                    std::ostream& out, std::ostream& err, const ErrorWords& words);

}  // namespace losant::cli
