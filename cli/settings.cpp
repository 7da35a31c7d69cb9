// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format.hpp"
#include "password_input.hpp"
#include "profile.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// The file of records import or sync reads (`-`: stdin); nullptr for the other commands.
const std::string* input_path(const Invocation& in) {
  if (in.command == nullptr) return nullptr;
  const std::string_view name = in.command->name;
  if (name == "import") return &in.import_options.in_path;
  if (name == "sync") return &in.sync_options.in_path;
  return nullptr;
}

// Options that cannot go together.
void check_conflicts(const Invocation& in) {
  if (in.clear_tags && in.fields.user_tags) {
    throw CLI::ValidationError("--clear-tags", "give --tag or --clear-tags, not both");
  }
  if (in.clear_groups && in.fields.experience_group_ids) {
    throw CLI::ValidationError("--clear-groups", "give --group or --clear-groups, not both");
  }
  // update and delete: one user (USER_ID) or a file of them (--in), never both.
  const std::string_view command = in.command != nullptr ? in.command->name : "";
  if (command == "update" || command == "delete") {
    const bool from_file = !in.bulk_edit.in_path.empty();
    if (from_file && !in.user_id.empty()) {
      throw CLI::ValidationError("--in", "give USER_ID or --in FILE, not both");
    }
    if (!from_file && in.user_id.empty()) throw CLI::RequiredError("USER_ID (or --in FILE)");
    if (!from_file && !in.in_only_flag.empty()) {
      throw CLI::ValidationError(in.in_only_flag, "only with --in FILE");
    }
  }
}

// Each connection setting from its option, else its environment variable, else the profile.
void resolve_settings(Invocation& in) {
  std::optional<std::string> url = in.url_flag;
  std::optional<std::string> token = in.token_flag;
  std::optional<std::string> application = in.application_flag;
  SettingSources& s = in.sources;
  s.token = token ? "--token" : "";
  if (in.token_from_stdin) {
    if (token)
      throw CLI::ValidationError("--token-stdin", "give --token or --token-stdin, not both");
    if (in.password_from_stdin) {
      throw CLI::ValidationError("--token-stdin",
                                 "stdin cannot give both the token and the password "
                                 "(--password-stdin); put the token in the environment or a "
                                 "profile");
    }
    if (const std::string* records = input_path(in); records != nullptr && *records == "-") {
      throw CLI::ValidationError("--token-stdin",
                                 "stdin cannot give both the token and the records (--in -)");
    }
    token = read_password_from_stdin(std::cerr, "Token");
    if (token->empty()) throw CLI::ValidationError("--token-stdin", "stdin gave no token");
    s.token = "--token-stdin";
  }
  if (!url && (url = environment("LOSANT_API_URL"))) s.url = "LOSANT_API_URL";
  if (!token && (token = environment("LOSANT_API_TOKEN"))) s.token = "LOSANT_API_TOKEN";
  if (!application && (application = environment("LOSANT_APPLICATION_ID"))) {
    s.application = "LOSANT_APPLICATION_ID";
  }

  std::optional<std::string> profile_name = in.profile_flag;
  const char* profile_source = "--profile";
  if (!profile_name && (profile_name = environment("LOSANT_PROFILE"))) {
    profile_source = "LOSANT_PROFILE";
  }
  if (profile_name || !url || !token || !application) {
    const std::string path = config_path();
    const std::string name = profile_name.value_or("default");
    const ProfileLookup lookup = read_profile(path, name);
    if (!lookup.error.empty()) throw CLI::ValidationError("config file", lookup.error);
    if (profile_name && !lookup.profile) {
      throw CLI::ValidationError(
          profile_source, lookup.file_exists
                              ? "no profile '" + name + "' in " + path
                              : "no profile '" + name + "': there is no config file " +
                                    (path.empty() ? std::string("(HOME is not set)") : path));
    }
    if (lookup.profile) {
      const std::string where = " in profile '" + name + "' (" + path + ")";
      if (!url && (url = lookup.profile->url)) s.url = "url" + where;
      if (!token && (token = lookup.profile->token)) s.token = "token" + where;
      if (!application && (application = lookup.profile->application)) {
        s.application = "application" + where;
      }
    }
  }
  if (url) in.base_url = *url;
  if (token) in.token = *token;
  if (!application) {
    throw CLI::RequiredError(
        "--application (or LOSANT_APPLICATION_ID, or application in a profile)");
  }
  in.application_id = *application;
}

// Settles the command's format: its default when --format is not given; a usage error when the
// command does not accept the one given.
void resolve_format(Invocation& in) {
  const std::vector<Format>& accepted = in.command->formats;
  if (!in.format) {
    in.format = accepted.front();
    // import and sync read what the file holds: CSV for a .csv file, else JSON Lines (export's
    // default).
    if (const std::string* records = input_path(in);
        records != nullptr && !has_csv_extension(*records)) {
      in.format = Format::kJsonl;
    }
  } else if (std::find(accepted.begin(), accepted.end(), *in.format) == accepted.end()) {
    std::string names;
    for (Format format : accepted) {
      if (!names.empty()) names += '|';
      names += to_string(format);
    }
    throw CLI::ValidationError("--format", std::string(to_string(*in.format)) +
                                               " is not a format of " + in.command->name +
                                               " (it takes " + names + ")");
  }
  in.export_options.format = *in.format;
  in.import_options.format = *in.format;
  in.sync_options.format = *in.format;
}

}  // namespace

void settle(Invocation& in) {
  resolve_format(in);
  check_conflicts(in);
  resolve_settings(in);
}

}  // namespace losant::cli
