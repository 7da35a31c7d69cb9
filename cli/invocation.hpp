// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What the command line asked for (Invocation), what a command runs with (Context) and what a
/// command is (CommandSpec): shared by the definition of the command line (command_line.cpp),
/// its settling (settings.cpp) and the commands (cli.cpp).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bulk_run.hpp"
#include "error_words.hpp"
#include "exit_code.hpp"
#include "export.hpp"
#include "format.hpp"
#include "groups.hpp"
#include "import.hpp"
#include "losant/experience_users.hpp"
#include "query_flags.hpp"
#include "sync.hpp"

namespace losant::cli {

inline constexpr const char* kProgram = "losant-experience-users";

/// The SDK's default base URL.
const std::string& default_base_url();

struct CommandSpec;

// Everything the command line asked for, typed.
struct Invocation {
  // Connection settings as given on the command line; the environment and the profile fill
  // in the rest (resolve_settings).
  std::optional<std::string> url_flag;
  std::optional<std::string> token_flag;
  std::optional<std::string> application_flag;
  std::optional<std::string> profile_flag;
  bool token_from_stdin = false;
  bool allow_insecure_http = false;
  std::optional<Format> format;  // each command has its own default (resolve_format)
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<std::string> ca_bundle_path;
  std::optional<std::string> proxy;
  bool verbose = false;

  // Resolved.
  std::string base_url = default_base_url();
  std::string token;
  std::string application_id;
  SettingSources sources;

  const CommandSpec* command = nullptr;
  std::string user_id;                   // get, update, delete
  experience_users::ListQuery query;     // list, export
  QueryFlags query_flags;                // list, export: --query and the filters that build one
  std::vector<std::string> group_names;  // create, update: --group-name
  GroupsInvocation groups;               // groups list|get
  experience_users::ExperienceUserPatch fields;  // create and update: only what was given
  bool clear_tags = false;                       // update
  bool clear_groups = false;                     // update
  bool password_from_stdin = false;
  bool password_on_command_line = false;
  ExportOptions export_options;
  ImportOptions import_options;
  SyncOptions sync_options;
  BulkEditOptions bulk_edit;  // update --in, delete --in, revoke-sessions
  // The first option given that only works with --in (update, delete), for the usage error.
  std::string in_only_flag;
};

// What a command runs with, once the command line is settled.
struct Context {
  Invocation& in;
  const experience_users::ExperienceUsersClient& client;
  Format format;
  ErrorWords words;
  std::ostream& out;
  std::ostream& err;
};

// One command: its name, help, the formats it takes (its default first), its options and what
// it does. Every command is one entry of commands() below; new commands add theirs there.
struct CommandSpec {
  const char* name;
  const char* description;
  std::vector<Format> formats;
  std::function<void(CLI::App&, Invocation&)> define;
  std::function<ExitCode(Context&)> run;
};

}  // namespace losant::cli
