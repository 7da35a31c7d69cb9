// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "query_flags.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "arguments.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;
using F = eu::QueryField;
using Op = eu::QueryOperator;

// A --query given as @FILE is read whole; larger than this is refused (no query is that big).
constexpr std::streamsize kMaxQueryFile = 1 << 20;

FlagError usage(std::string flag, std::string rule) {
  return FlagError{eu::invalid_argument(std::move(flag), std::move(rule)), true};
}

std::optional<FlagError> read_query_text(const std::string& given, std::string& text) {
  if (given.empty() || given.front() != '@') {
    text = given;
    return std::nullopt;
  }
  const std::string path = given.substr(1);
  std::ifstream in(path, std::ios::binary);
  if (!in) return usage("--query", "cannot read the file '" + path + "'");
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) return usage("--query", "cannot read the file '" + path + "'");
  text = content.str();
  if (static_cast<std::streamsize>(text.size()) > kMaxQueryFile) {
    return usage("--query", "the file '" + path + "' is larger than 1 MiB");
  }
  return std::nullopt;
}

// The convenience filters as one query: each is a sub-query of one `$and`.
eu::UserQuery convenience_query(const QueryFlags& f) {
  std::vector<eu::UserQuery> parts;
  if (f.created_after)
    parts.push_back(eu::UserQuery::where(F::kCreationDate, Op::kGt, *f.created_after));
  if (f.created_before)
    parts.push_back(eu::UserQuery::where(F::kCreationDate, Op::kLt, *f.created_before));
  if (f.last_login_before && f.never_logged_in) {
    // Together: users who have not logged in since the date, never included.
    parts.push_back(
        eu::UserQuery::any_of({eu::UserQuery::where(F::kLastLogin, Op::kLt, *f.last_login_before),
                               eu::UserQuery::equals(F::kLastLogin, nullptr)}));
  } else if (f.last_login_before) {
    parts.push_back(eu::UserQuery::where(F::kLastLogin, Op::kLt, *f.last_login_before));
  } else if (f.never_logged_in) {
    parts.push_back(eu::UserQuery::equals(F::kLastLogin, nullptr));
  }
  for (const std::string& tag : f.has_tags) {
    const auto eq = tag.find('=');
    if (eq == std::string::npos) {
      parts.push_back(eu::UserQuery::has_tag(tag));
    } else {
      parts.push_back(eu::UserQuery::has_tag(tag.substr(0, eq), tag.substr(eq + 1)));
    }
  }
  return parts.size() == 1 ? parts.front() : eu::UserQuery::all_of(std::move(parts));
}

}  // namespace

void define_query_flags(CLI::App& command, QueryFlags& flags) {
  add_optional_option(command, "--query", flags.query,
                      "An advanced query (API 1.30) as JSON, or @FILE to read it from a file; "
                      "overrides --filter and --group, which cannot be combined with it")
      ->type_name("JSON|@FILE");
  add_timestamp_option(command, "--created-after", flags.created_after,
                       "Keep users created after this date-time");
  add_timestamp_option(command, "--created-before", flags.created_before,
                       "Keep users created before this date-time");
  add_timestamp_option(command, "--last-login-before", flags.last_login_before,
                       "Keep users whose last login is before this date-time (with "
                       "--never-logged-in: also those who never logged in)");
  command.add_flag("--never-logged-in", flags.never_logged_in, "Keep users who never logged in");
  command
      .add_option("--has-tag", flags.has_tags,
                  "Keep users with this tag (KEY) or this tag value (KEY=VALUE); repeat to "
                  "require several")
      ->type_name("KEY[=VALUE]")
      ->allow_extra_args(false);
  add_optional_option(command, "--group-name", flags.group_name,
                      "Keep members of the group with exactly this name (instead of --group ID)")
      ->type_name("NAME");
}

void define_group_name_flag(CLI::App& command, std::vector<std::string>& names) {
  command
      .add_option("--group-name", names,
                  "A group by its exact name; repeat for several (with or instead of --group)")
      ->type_name("NAME")
      ->allow_extra_args(false);
}

eu::Result<GroupDirectory> GroupDirectory::load(const eu::ExperienceUsersClient& client,
                                                const std::string& application_id) {
  GroupDirectory directory;
  for (auto& group : client.list_all_groups(application_id)) {
    if (!group) return group.error();
    if (group->name && group->id) directory.by_name_.emplace(*group->name, *group->id);
  }
  return directory;
}

std::optional<eu::Error> GroupDirectory::resolve(const std::vector<std::string>& names,
                                                 const std::string& field,
                                                 std::vector<std::string>& ids) const {
  for (const std::string& name : names) {
    const auto [first, last] = by_name_.equal_range(name);
    if (first == last) {
      return eu::invalid_argument(field, "no group is named '" + name + "' (names are exact)");
    }
    if (std::next(first) != last) {
      std::string which;
      for (auto it = first; it != last; ++it) which += (which.empty() ? "" : ", ") + it->second;
      return eu::invalid_argument(
          field, "several groups are named '" + name + "' (" + which + "); use the group id");
    }
    ids.push_back(first->second);
  }
  return std::nullopt;
}

std::optional<eu::Error> resolve_group_names(const eu::ExperienceUsersClient& client,
                                             const std::string& application_id,
                                             const std::vector<std::string>& names,
                                             const std::string& flag,
                                             std::vector<std::string>& ids) {
  if (names.empty()) return std::nullopt;
  auto directory = GroupDirectory::load(client, application_id);
  if (!directory) return directory.error();
  return directory->resolve(names, flag, ids);
}

std::optional<FlagError> apply_query_flags(const QueryFlags& flags,
                                           const eu::ExperienceUsersClient& client,
                                           const std::string& application_id,
                                           eu::ListQuery& query) {
  const bool any_query = flags.query || flags.any_convenience();
  if (flags.query && flags.any_convenience()) {
    return usage("--query",
                 "cannot be combined with --created-after, --created-before, "
                 "--last-login-before, --never-logged-in or --has-tag (put them in the query)");
  }
  if (flags.group_name && query.experience_group) {
    return usage("--group-name", "cannot be combined with --group");
  }
  if (any_query && (query.filter || query.filter_field)) {
    return usage(flags.query ? "--query" : "--filter",
                 "a query cannot be combined with --filter/--filter-field (the API would ignore "
                 "the glob); use $startsWith, $endsWith or $contains");
  }
  if (flags.query && (query.experience_group || flags.group_name)) {
    return usage("--query",
                 "cannot be combined with --group or --group-name (put "
                 "experienceGroupId in the query)");
  }
  for (const std::string& tag : flags.has_tags) {
    if (tag.empty() || tag.front() == '=') return usage("--has-tag", "takes KEY or KEY=VALUE");
  }
  if (flags.group_name) {
    std::vector<std::string> ids;
    if (auto e =
            resolve_group_names(client, application_id, {*flags.group_name}, "--group-name", ids)) {
      return FlagError{*e, false};
    }
    query.experience_group = eu::GroupFilter::group(ids.front());
  }
  if (!any_query) return std::nullopt;
  if (flags.query) {
    std::string text;
    if (auto e = read_query_text(*flags.query, text)) return e;
    auto parsed = eu::parse_user_query(text);
    if (!parsed) {
      eu::Error e = parsed.error();
      e.field = "--query " + e.field;
      return FlagError{e, false};
    }
    query.query = std::move(*parsed);
    return std::nullopt;
  }
  eu::UserQuery built = convenience_query(flags);
  if (query.experience_group) {
    // The group filter becomes a term of the query (membership), as keyset paging does.
    const std::string& group = query.experience_group->wire_value();
    eu::UserQuery term = group == "any"
                             ? eu::UserQuery::where(F::kExperienceGroupId, Op::kNe, nullptr)
                         : group == "none" ? eu::UserQuery::equals(F::kExperienceGroupId, nullptr)
                                           : eu::UserQuery::equals(F::kExperienceGroupId, group);
    built = eu::UserQuery::all_of({std::move(built), std::move(term)});
    query.experience_group.reset();
    if (query.include_ancestor_groups.value_or(false)) {
      return usage("--include-ancestor-groups", "cannot be combined with the query filters");
    }
  }
  if (auto e = eu::validate(built)) {
    return FlagError{*e, false};
  }
  query.query = std::move(built);
  return std::nullopt;
}

}  // namespace losant::cli
