// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The advanced-query options of list and export (`--query JSON|@FILE` and the convenience
/// filters that build one), and `--group-name`, which names groups where `--group` takes ids.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "losant/experience_users.hpp"

namespace losant::cli {

/// What the query options asked for, before it is turned into a ListQuery.
struct QueryFlags {
  std::optional<std::string> query;                           ///< `--query`: JSON text, or `@FILE`.
  std::optional<experience_users::Timestamp> created_after;   ///< `--created-after`.
  std::optional<experience_users::Timestamp> created_before;  ///< `--created-before`.
  std::optional<experience_users::Timestamp> last_login_before;  ///< `--last-login-before`.
  bool never_logged_in = false;                                  ///< `--never-logged-in`.
  std::vector<std::string> has_tags;                             ///< `--has-tag KEY[=VALUE]`.
  std::optional<std::string> group_name;                         ///< `--group-name` (list filter).

  /// True when a convenience filter (not --query) was given.
  bool any_convenience() const {
    return created_after || created_before || last_login_before || never_logged_in ||
           !has_tags.empty();
  }
};

/// Adds `--query`, `--created-after`, `--created-before`, `--last-login-before`,
/// `--never-logged-in`, `--has-tag` and `--group-name` to a list/export command.
void define_query_flags(CLI::App& command, QueryFlags& flags);

/// Adds the repeatable `--group-name NAME` of create/update into @p names.
void define_group_name_flag(CLI::App& command, std::vector<std::string>& names);

/**
 * Puts the flags into @p query: `--query` parsed (a file read for `@FILE`), or the convenience
 * filters as one query; a group named by `--group-name` resolved through @p client. With a
 * query, `--group` becomes a query term (the API ignores experienceGroupId beside a query).
 * @return nullopt, or the Error to report (kInvalidArgument naming the flag and, for --query,
 * the JSON path; usage problems are reported with `usage` set).
 */
struct FlagError {
  experience_users::Error error;
  bool usage = false;  ///< A command-line problem (exit 2) rather than an invalid value (exit 3).
};
std::optional<FlagError> apply_query_flags(const QueryFlags& flags,
                                           const experience_users::ExperienceUsersClient& client,
                                           const std::string& application_id,
                                           experience_users::ListQuery& query);

/// The application's groups by exact name, from one listing of the groups.
class GroupDirectory {
 public:
  /// Lists every group of @p application_id (an Error if the listing fails).
  static experience_users::Result<GroupDirectory> load(
      const experience_users::ExperienceUsersClient& client, const std::string& application_id);
  /// Appends the ids of @p names to @p ids; an unknown or ambiguous name is a kInvalidArgument
  /// error naming @p field.
  std::optional<experience_users::Error> resolve(const std::vector<std::string>& names,
                                                 const std::string& field,
                                                 std::vector<std::string>& ids) const;

 private:
  std::multimap<std::string, std::string> by_name_;
};

/**
 * Resolves @p names to group ids by exact name (one listing of the groups), appended to @p ids.
 * An unknown or ambiguous name is a kInvalidArgument error naming @p flag.
 */
std::optional<experience_users::Error> resolve_group_names(
    const experience_users::ExperienceUsersClient& client, const std::string& application_id,
    const std::vector<std::string>& names, const std::string& flag, std::vector<std::string>& ids);

}  // namespace losant::cli
