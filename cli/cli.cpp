// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "arguments.hpp"
#include "error_words.hpp"
#include "exit_code.hpp"
#include "export.hpp"
#include "format.hpp"
#include "groups.hpp"
#include "import.hpp"
#include "losant/experience_users.hpp"
#include "output.hpp"
#include "password_input.hpp"
#include "profile.hpp"
#include "query_flags.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr const char* kProgram = "losant-experience-users";

// The SDK's default base URL, read from one named ClientOptions: reading it from a temporary
// ClientOptions makes g++ 12 -O3 warn that the temporary's vectors "may be used uninitialized",
// which fails a Release build with -Werror.
const std::string& default_base_url() {
  static const eu::ClientOptions defaults;
  return defaults.base_url;
}

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
  eu::ListQuery query;                   // list, export
  QueryFlags query_flags;                // list, export: --query and the filters that build one
  std::vector<std::string> group_names;  // create, update: --group-name
  GroupsInvocation groups;               // groups list|get
  eu::ExperienceUserPatch fields;        // create and update: only what was given
  bool clear_tags = false;               // update
  bool clear_groups = false;             // update
  bool password_from_stdin = false;
  bool password_on_command_line = false;
  ExportOptions export_options;
  ImportOptions import_options;
};

// What a command runs with, once the command line is settled.
struct Context {
  Invocation& in;
  const eu::ExperienceUsersClient& client;
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

// ---- The command line ------------------------------------------------------------------------

std::string format_help(const CommandSpec* command) {
  if (command == nullptr) {
    return "Output format: table (for people), json, csv or jsonl (for programs); each command "
           "says which it takes. Default: table (export: jsonl; import: from the file's name)";
  }
  const std::string name = command->name;
  if (name == "import") {
    return "The input's format: csv or jsonl. Default: csv for a file ending in .csv, else "
           "jsonl";
  }
  if (name == "export") return "The output's format: jsonl, csv or json (an array). Default: jsonl";
  std::string names;
  for (Format format : command->formats) {
    if (!names.empty()) names += ", ";
    names += to_string(format);
  }
  return "Output format: " + names +
         ". Default: " + std::string(to_string(command->formats.front()));
}

// The options every command takes, before or after its name. On the tool itself, and again on
// each command (in a group of their own) so that `COMMAND --help` lists every option it takes.
void define_global_options(CLI::App& app, Invocation& in, const CommandSpec* command) {
  add_optional_option(app, "--url", in.url_flag,
                      "The API's base URL [env LOSANT_API_URL]. Default: " + default_base_url())
      ->type_name("URL");
  add_optional_option(app, "--token", in.token_flag,
                      "The API access token [env LOSANT_API_TOKEN]; visible in the process list: "
                      "prefer --token-stdin, the environment or a profile")
      ->type_name("TOKEN");
  app.add_flag("--token-stdin", in.token_from_stdin,
               "Read the API access token from stdin (prompted without echo on a terminal)");
  add_optional_option(app, "--application", in.application_flag,
                      "The application's id, 24 hex characters [env LOSANT_APPLICATION_ID]. "
                      "Required (here, in the environment or in the profile)")
      ->type_name("ID");
  add_optional_option(app, "--profile", in.profile_flag,
                      "Take url, token and application from this profile of the config file "
                      "[env LOSANT_PROFILE]. Default: the profile 'default', if the file has it")
      ->type_name("NAME");
  app.add_flag("--allow-insecure-http", in.allow_insecure_http,
               "Allow an http:// URL for a host that is not loopback: the token then travels "
               "unencrypted (a warning is printed)");
  add_enum_option(app, "--format", in.format, parse_format, kAllFormats, format_help(command))
      ->type_name("FORMAT");
  add_seconds_option(app, "--timeout", in.timeout,
                     "Give up on the request after this long, retries included. Default: 30 s "
                     "per attempt, 120 s in all");
  add_optional_option(app, "--ca-bundle", in.ca_bundle_path,
                      "A PEM file of CA certificates to verify the server with instead of the "
                      "system's. Default: the system's")
      ->type_name("FILE")
      ->check(CLI::ExistingFile.description(""));
  add_optional_option(app, "--proxy", in.proxy,
                      "The proxy for https:// (a CONNECT tunnel); '' for none. Default: "
                      "https_proxy, all_proxy and no_proxy from the environment. http:// never "
                      "goes through a proxy")
      ->type_name("URL");
  app.add_flag("--verbose,-v", in.verbose,
               "Print one line per HTTP attempt to stderr: method, URL, status, time");
}

void add_user_id(CLI::App& command, Invocation& in) {
  command.add_option("USER_ID", in.user_id, "The experience user's id (24 hex characters)")
      ->type_name("")
      ->required();
}

// `a, b or c`: the names of @p values.
template <typename Values>
std::string joined(const Values& values) {
  std::string names;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) names += i + 1 == values.size() ? " or " : ", ";
    names += to_string(values[i]);
  }
  return names;
}

// The query options of list and export; only list shows one page of its choice.
void define_query(CLI::App& command, eu::ListQuery& q, bool one_page) {
  add_enum_option(
      command, "--sort-field", q.sort_field, eu::parse_sort_field, eu::kAllSortFields,
      "Sort on this field: " + joined(eu::kAllSortFields) + ". Default (the server's): email")
      ->type_name("FIELD");
  add_enum_option(command, "--sort-direction", q.sort_direction, eu::parse_sort_direction,
                  eu::kAllSortDirections, "Sort direction. Default (the server's): asc");
  if (one_page) {
    add_optional_option(command, "--page", q.page, "The page to show, counting from 0. Default: 0")
        ->type_name("N");
    add_optional_option(command, "--per-page", q.per_page,
                        "Users per page, 1 to 1000. Default: the server's")
        ->type_name("N");
  } else {
    add_optional_option(command, "--per-page", q.per_page,
                        "Users fetched per request, 1 to 1000. Default: 1000")
        ->type_name("N");
  }
  add_enum_option(command, "--filter-field", q.filter_field, eu::parse_filter_field,
                  eu::kAllFilterFields, "The field --filter applies to (give both)");
  add_optional_option(command, "--filter", q.filter,
                      "Keep users whose --filter-field matches this glob, such as '*@example.com'")
      ->type_name("GLOB");
  command
      .add_option_function<std::string>(
          "--group",
          [&q](const std::string& text) { q.experience_group = eu::GroupFilter::parse(text); },
          "Keep members of this group, users in any group, or users in no group")
      ->type_name("ID|any|none");
  command.add_flag_callback(
      "--include-ancestor-groups", [&q] { q.include_ancestor_groups = true; },
      "With --group ID: also keep the members of the group's ancestors");
}

void define_export(CLI::App& command, Invocation& in) {
  define_query(command, in.query, /*one_page=*/false);
  define_query_flags(command, in.query_flags);
  ExportOptions& o = in.export_options;
  command.add_flag("--consistent", o.consistent,
                   "Page by id ({\"id\":{\"$gt\":LAST}}) so that users created or deleted "
                   "meanwhile cannot make the export skip or repeat others (sorts by id)");
  command
      .add_option("--out", o.out_path,
                  "Write to this file (a new one gets mode 0600). Default: stdout")
      ->type_name("FILE");
  command
      .add_option("--tag-columns", o.tag_columns,
                  "CSV: give these tag keys (comma-separated) a tag.KEY column of their own; the "
                  "other tags stay in the tags column")
      ->type_name("KEY,...")
      ->delimiter(',')
      ->allow_extra_args(false);
}

void define_import(CLI::App& command, Invocation& in) {
  ImportOptions& o = in.import_options;
  const CLI::Validator readable(
      [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); }, "",
      "existing-file-or-stdin");
  command.add_option("--in", o.in_path, "The file to read; - for stdin. Required")
      ->type_name("FILE")
      ->required()
      ->check(readable);
  command
      .add_option("--concurrency", o.concurrency,
                  "Create requests in flight at most, 1 to 64. Default: " +
                      std::to_string(ImportOptions{}.concurrency))
      ->type_name("N")
      ->check(CLI::Range(1, 64).description(""));
  command
      .add_option("--report", o.report_path,
                  "Write row,email,outcome,user_id,error,detail for every record to this file")
      ->type_name("FILE");
  command
      .add_option("--generate-passwords", o.passwords_path,
                  "Give each record without a password a random one, written to this new file "
                  "(mode 0600) before any user is created")
      ->type_name("FILE")
      ->check(CLI::NonexistentPath.description(""));
  command.add_flag("--dry-run", o.dry_run, "Check every record; send nothing");
}

// The body options shared by create and update; create requires an email and a password.
void define_user_fields(CLI::App& command, Invocation& in, bool creating) {
  eu::ExperienceUserPatch& f = in.fields;
  CLI::Option* email =
      add_optional_option(command, "--email", f.email, "The login email")->type_name("EMAIL");
  if (creating) email->required();

  CLI::App& password = *command.add_option_group("Password", "How the password is given");
  add_optional_option(password, "--password", f.password,
                      "The password; visible in the process list, prefer --password-stdin")
      ->type_name("PASSWORD")
      ->each([&in](const std::string&) { in.password_on_command_line = true; });
  password.add_flag("--password-stdin", in.password_from_stdin,
                    "Read the password from stdin (prompted without echo on a terminal)");
  if (creating) {
    password.require_option(1);
  } else {
    password.require_option(0, 1);
  }

  add_optional_option(command, "--first-name", f.first_name, "First name")->type_name("NAME");
  add_optional_option(command, "--last-name", f.last_name, "Last name")->type_name("NAME");
  CLI::Option* tag = add_tag_option(command, f.user_tags);
  add_repeated_option(command, "--group", f.experience_group_ids,
                      creating ? "A group id; repeat for several"
                               : "A group id; repeat for several (replaces "
                                 "all of the user's groups)")
      ->type_name("ID");
  define_group_name_flag(command, in.group_names);
  add_timestamp_option(command, "--token-cutoff", f.token_cutoff,
                       "Tokens issued before this date-time are no longer valid");
  if (!creating) {
    tag->description("A user tag; repeat for several (replaces all of the user's tags)");
    // Conflicts with --tag and --group are checked after parsing (check_conflicts): CLI11's
    // excludes() would clutter the help.
    command.add_flag("--clear-tags", in.clear_tags, "Remove all of the user's tags");
    command.add_flag("--clear-groups", in.clear_groups, "Take the user out of all groups");
  }
}

// ---- What each command does ------------------------------------------------------------------

eu::ExperienceUserPost to_post(eu::ExperienceUserPatch fields) {
  eu::ExperienceUserPost post;
  post.email = std::move(fields.email).value_or("");        // required by the command line
  post.password = std::move(fields.password).value_or("");  // likewise
  post.first_name = std::move(fields.first_name);
  post.last_name = std::move(fields.last_name);
  post.token_cutoff = fields.token_cutoff;
  post.user_tags = std::move(fields.user_tags);
  post.experience_group_ids = std::move(fields.experience_group_ids);
  return post;
}

// Prints the value with @p print, or the error in the user's words; returns the exit code.
template <typename T, typename Print>
ExitCode finish(const eu::Result<T>& result, const Context& c, Print print) {
  if (!result) {
    print_error(c.err, describe(result.error(), c.words));
    return exit_code_for(result.error());
  }
  print(*result);
  return ExitCode::kOk;
}

// --query, the filters that build one and --group-name: resolved before anything is sent.
std::optional<ExitCode> resolve_query_flags(Context& c) {
  if (auto e = apply_query_flags(c.in.query_flags, c.client, c.in.application_id, c.in.query)) {
    print_error(c.err, describe(e->error, c.words));
    return e->usage ? ExitCode::kUsage : exit_code_for(e->error);
  }
  return std::nullopt;
}

// create/update --group-name: the names become ids (after those of --group).
std::optional<ExitCode> resolve_group_name_flags(Context& c) {
  if (c.in.group_names.empty()) return std::nullopt;
  std::vector<std::string> ids =
      c.in.fields.experience_group_ids.value_or(std::vector<std::string>{});
  if (auto e = resolve_group_names(c.client, c.in.application_id, c.in.group_names, "--group-name",
                                   ids)) {
    print_error(c.err, describe(*e, c.words));
    return exit_code_for(*e);
  }
  c.in.fields.experience_group_ids = std::move(ids);
  return std::nullopt;
}

// A delete the server answered with `{"success": false}` did not happen.
eu::Result<eu::DeleteResult> confirmed(eu::Result<eu::DeleteResult> result) {
  if (!result || result->success) return result;
  eu::Error error;
  error.kind = eu::ErrorKind::kMalformedResponse;
  error.message = "the server answered the delete with success=false";
  return error;
}

bool nothing_to_change(const Invocation& in) {
  const eu::ExperienceUserPatch& f = in.fields;
  return !f.email && !f.password && !in.password_from_stdin && !f.first_name && !f.last_name &&
         !f.user_tags && !f.experience_group_ids && !f.token_cutoff && !in.clear_tags &&
         !in.clear_groups && in.group_names.empty();
}

ExitCode run_update(Context& c) {
  Invocation& in = c.in;
  if (in.clear_tags) in.fields.user_tags = eu::Tags{};
  if (in.clear_groups) in.fields.experience_group_ids = std::vector<std::string>{};
  if (auto code = resolve_group_name_flags(c)) return *code;
  return finish(c.client.update(in.application_id, in.user_id, in.fields), c,
                [&](const eu::ExperienceUser& user) { print(c.out, c.format, user); });
}

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> kCommands{
      {"list",
       "List one page of users",
       {Format::kTable, Format::kJson, Format::kCsv, Format::kJsonl},
       [](CLI::App& app, Invocation& in) {
         define_query(app, in.query, /*one_page=*/true);
         define_query_flags(app, in.query_flags);
       },
       [](Context& c) {
         if (auto code = resolve_query_flags(c)) return *code;
         return finish(
             c.client.list(c.in.application_id, c.in.query), c,
             [&](const eu::ExperienceUsers& page) {
               print(c.out, c.format, page,
                     c.format == Format::kTable ? output_width(STDOUT_FILENO) : std::nullopt);
             });
       }},
      {"get",
       "Show one user",
       {Format::kTable, Format::kJson, Format::kCsv, Format::kJsonl},
       add_user_id,
       [](Context& c) {
         return finish(c.client.get(c.in.application_id, c.in.user_id), c,
                       [&](const eu::ExperienceUser& user) { print(c.out, c.format, user); });
       }},
      {"create",
       "Create a user",
       {Format::kTable, Format::kJson, Format::kCsv, Format::kJsonl},
       [](CLI::App& app, Invocation& in) { define_user_fields(app, in, /*creating=*/true); },
       [](Context& c) {
         if (auto code = resolve_group_name_flags(c)) return *code;
         return finish(c.client.create(c.in.application_id, to_post(std::move(c.in.fields))), c,
                       [&](const eu::ExperienceUser& user) { print(c.out, c.format, user); });
       }},
      {"update",
       "Change the fields given; the others stay as they are",
       {Format::kTable, Format::kJson, Format::kCsv, Format::kJsonl},
       [](CLI::App& app, Invocation& in) {
         add_user_id(app, in);
         define_user_fields(app, in, /*creating=*/false);
       },
       run_update},
      {"delete",
       "Delete a user",
       {Format::kTable, Format::kJson},
       add_user_id,
       [](Context& c) {
         return finish(confirmed(c.client.remove(c.in.application_id, c.in.user_id)), c,
                       [&](const eu::DeleteResult& result) {
                         print_deleted(c.out, c.format, c.in.user_id, result);
                       });
       }},
      {"export",
       "Write every matching user to a file or stdout: JSON Lines (default), CSV or a JSON array",
       {Format::kJsonl, Format::kCsv, Format::kJson},
       define_export,
       [](Context& c) {
         if (auto code = resolve_query_flags(c)) return *code;
         return run_export(c.client, c.in.application_id, c.in.query, c.in.export_options, c.out,
                           c.err, c.words);
       }},
      {"import",
       "Create the users of a CSV or JSON Lines file; users that exist are skipped",
       {Format::kCsv, Format::kJsonl},
       define_import,
       [](Context& c) {
         return run_import(c.client, c.in.application_id, c.in.import_options, c.out, c.err,
                           c.words);
       }},
      {"groups",
       "Experience groups, read only: groups list, groups get GROUP_ID",
       {Format::kTable, Format::kJson, Format::kCsv},
       [](CLI::App& app, Invocation& in) { define_groups(app, in.groups); },
       [](Context& c) {
         return run_groups(c.client, c.in.application_id, c.in.groups, c.format, c.out, c.err,
                           c.words);
       }},
  };
  return kCommands;
}

std::string command_names() {
  std::string names;
  const auto& all = commands();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) names += i + 1 == all.size() ? " or " : ", ";
    names += all[i].name;
  }
  return names;
}

std::string man_page_pointer() {
  return "Full reference: man " + std::string(kProgram) + " (" + std::string(kProgram) + "(1)).";
}

std::string help_footer() {
  return "\nEnvironment:\n"
         "  LOSANT_API_URL, LOSANT_API_TOKEN, LOSANT_APPLICATION_ID and LOSANT_PROFILE are used\n"
         "  for --url, --token, --application and --profile when those are not given.\n\n"
         "Profiles:\n"
         "  $XDG_CONFIG_HOME/losant-experience-users/config (else ~/.config/), mode 0600:\n"
         "    [profile default]\n"
         "    url = https://api.losant.com\n"
         "    token = eyJhbGciOi...\n"
         "    application = 575ec8687ae143cd83dc4a97\n"
         "  Each setting comes from its option, else its environment variable, else the "
         "profile.\n\n"
         "Examples:\n"
         "  losant-experience-users list --sort-field lastLogin --sort-direction desc\n"
         "  printf '%s' \"$PASSWORD\" | losant-experience-users create --email a@example.com "
         "--password-stdin\n"
         "  losant-experience-users export --format csv --out users.csv\n"
         "  losant-experience-users import --in users.csv --report report.csv\n\n" +
         exit_code_help() + "\n" + man_page_pointer();
}

// CLI11 shows an option's value as TYPE:VALIDATOR=DEFAULT ..., which says little: show the
// type name alone (defaults are in the descriptions).
void tidy_help(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_type_size() == 0 || option->get_positional()) continue;
    option->option_text(option->get_type_name());
  }
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    tidy_help(*sub);
  }
}

void define_command_line(CLI::App& app, Invocation& in) {
  app.set_version_flag("--version", std::string(kProgram) + " " + eu::kVersion);
  app.require_subcommand(0, 1);  // none is reported by run_or_throw, after unknown words
  define_global_options(app, in, nullptr);
  for (const CommandSpec& spec : commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    sub->callback([&in, &spec] { in.command = &spec; });
    spec.define(*sub, in);
    // The command and its own subcommands (groups list|get) each show the global options.
    std::vector<CLI::App*> helped = sub->get_subcommands([](const CLI::App* command) {
      return dynamic_cast<const CLI::Option_group*>(command) == nullptr;
    });
    helped.insert(helped.begin(), sub);
    for (CLI::App* command : helped) {
      define_global_options(*command->add_option_group("Global options"), in, &spec);
      command->footer("\n" + man_page_pointer());
    }
  }
  app.footer(help_footer());
  tidy_help(app);
}

// ---- Settling the command line ---------------------------------------------------------------

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Options that cannot go together.
void check_conflicts(const Invocation& in) {
  if (in.clear_tags && in.fields.user_tags) {
    throw CLI::ValidationError("--clear-tags", "give --tag or --clear-tags, not both");
  }
  if (in.clear_groups && in.fields.experience_group_ids) {
    throw CLI::ValidationError("--clear-groups", "give --group or --clear-groups, not both");
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
    if (in.command != nullptr && std::string_view(in.command->name) == "import" &&
        in.import_options.in_path == "-") {
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

bool has_csv_extension(const std::string& path) {
  constexpr std::string_view kExtension = ".csv";
  if (path.size() < kExtension.size()) return false;
  return std::equal(kExtension.begin(), kExtension.end(), path.end() - kExtension.size(),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

// Settles the command's format: its default when --format is not given; a usage error when the
// command does not accept the one given.
void resolve_format(Invocation& in) {
  const std::vector<Format>& accepted = in.command->formats;
  if (!in.format) {
    in.format = accepted.front();
    // import reads what the file holds: CSV for a .csv file, else JSON Lines (export's default).
    if (std::string_view(in.command->name) == "import" &&
        !has_csv_extension(in.import_options.in_path)) {
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
}

// ---- Running the command ---------------------------------------------------------------------

std::string describe_attempt(const eu::LogRecord& record) {
  std::string line = "http: " + std::string(eu::to_string(record.method)) + " " + record.url;
  line += record.status != 0 ? " -> " + std::to_string(record.status) : " -> no response";
  line += " (" + std::to_string(record.duration.count()) + " ms";
  if (record.attempt > 1) line += ", attempt " + std::to_string(record.attempt);
  line += ")";
  if (!record.error.empty()) line += ": " + record.error;
  return printable(line);
}

eu::ClientOptions make_client_options(const Invocation& in, std::ostream& log) {
  eu::ClientOptions options;
  options.base_url = in.base_url;
  options.token = in.token;
  options.curl.ca_bundle_path = in.ca_bundle_path;
  options.curl.proxy = in.proxy;
  options.allow_insecure_http = in.allow_insecure_http;
  options.user_agent_suffix = std::string(kProgram) + "/" + eu::kVersion;
  if (in.timeout) {
    // One budget for the whole call: a single attempt may use all of it.
    options.deadline = *in.timeout;
    options.request_timeout = *in.timeout;
  }
  if (in.verbose) {
    options.logger = [&log](const eu::LogRecord& record) {
      log << describe_attempt(record) << '\n';
    };
  }
  return options;
}

bool starts_with_http(const std::string& url) {
  constexpr std::string_view kHttp = "http://";
  return url.size() >= kHttp.size() &&
         std::equal(kHttp.begin(), kHttp.end(), url.begin(),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

ExitCode execute(Invocation& in, std::ostream& out, std::ostream& err) {
  ErrorWords words{in.command->name, in.sources};
  if (std::string_view(in.command->name) == "update" && nothing_to_change(in)) {
    print_error(err,
                "update: nothing to change: give at least one of --email, --password, "
                "--password-stdin, --first-name, --last-name, --tag, --clear-tags, --group, "
                "--clear-groups, --token-cutoff; nothing was sent");
    return ExitCode::kInvalidArgument;
  }
  if (in.allow_insecure_http && starts_with_http(in.base_url)) {
    err << "warning: --allow-insecure-http: the token and all data travel unencrypted to "
        << printable(in.base_url) << "; anyone on the network path can read and reuse them\n";
  }
  if (in.password_on_command_line) {
    err << "warning: --password is visible to other users in the process list; prefer "
           "--password-stdin\n";
  }
  if (in.password_from_stdin) in.fields.password = read_password_from_stdin(err);

  const eu::ExperienceUsersClient client(make_client_options(in, err));
  Context context{in, client, *in.format, std::move(words), out, err};
  return in.command->run(context);
}

int run_or_throw(int argc, const char* const* argv) {
  Invocation in;
  CLI::App app("Manage the experience users of a Losant application.", kProgram);
  define_command_line(app, in);
  try {
    app.parse(argc, argv);
    if (in.command == nullptr) throw CLI::RequiredError("A command (" + command_names() + ")");
    resolve_format(in);
    check_conflicts(in);
    resolve_settings(in);
  } catch (const CLI::ParseError& e) {
    const ExitCode code = exit_code_for(e);
    if (code == ExitCode::kOk) {
      app.exit(e, std::cout, std::cerr);  // --help or --version
    } else {
      print_error(std::cerr, std::string(e.what()) + " (see --help)");
    }
    return static_cast<int>(code);
  }
  const ExitCode code = execute(in, std::cout, std::cerr);
  std::cout.flush();
  if (!std::cout) {
    print_error(std::cerr, "could not write the output");
    return static_cast<int>(ExitCode::kInternal);
  }
  return static_cast<int>(code);
}

}  // namespace

int run(int argc, const char* const* argv) noexcept {
  try {
    return run_or_throw(argc, argv);
  } catch (const std::exception& e) {
    print_error(std::cerr, std::string("unexpected: ") + e.what());
  } catch (...) {
    print_error(std::cerr, "unexpected failure");
  }
  return static_cast<int>(ExitCode::kInternal);
}

}  // namespace losant::cli
