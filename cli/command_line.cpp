// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "command_line.hpp"

#include <string>
#include <vector>

#include "arguments.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

std::string format_help(const CommandSpec* command) {
  if (command == nullptr) {
    return "Output format: table (for people), json, csv or jsonl (for programs); each command "
           "says which it takes. Default: table (export: jsonl; import and sync: from the file's "
           "name)";
  }
  const std::string name = command->name;
  if (name == "import" || name == "sync") {
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
         "  losant-experience-users import --in users.csv --report report.csv\n"
         "  losant-experience-users sync --in users.csv --prune --dry-run\n\n" +
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

}  // namespace

// Read from one named ClientOptions: reading it from a temporary ClientOptions makes g++ 12 -O3
// warn that the temporary's vectors "may be used uninitialized", which fails a Release build
// with -Werror.
const std::string& default_base_url() {
  static const eu::ClientOptions defaults;
  return defaults.base_url;
}

void add_user_id(CLI::App& command, Invocation& in) {
  command.add_option("USER_ID", in.user_id, "The experience user's id (24 hex characters)")
      ->type_name("")
      ->required();
}

// The filters of list, export and revoke-sessions (not the advanced query's: define_query_flags).
void define_list_filters(CLI::App& command, eu::ListQuery& q) {
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

// --report, --concurrency and --dry-run of the bulk edits (@p verb: what a request does),
// and --yes where they ask first. @p in_only: each marks Invocation::in_only_flag.
void define_bulk_options(CLI::App& command, Invocation& in, const std::string& verb,
                         bool confirming, bool in_only) {
  BulkEditOptions& o = in.bulk_edit;
  auto mark = [&in, in_only](const char* flag) {
    return [&in, in_only, flag] {
      if (in_only && in.in_only_flag.empty()) in.in_only_flag = flag;
    };
  };
  command
      .add_option("--report", o.report_path,
                  "Write row,user_id,email,outcome,error for every row to this file as each "
                  "settles")
      ->type_name("FILE")
      ->each([f = mark("--report")](const std::string&) { f(); });
  command
      .add_option("--concurrency", o.concurrency,
                  verb + " requests in flight at most, 1 to 64. Default: " +
                      std::to_string(BulkEditOptions{}.concurrency))
      ->type_name("N")
      ->check(CLI::Range(1, 64).description(""))
      ->each([f = mark("--concurrency")](const std::string&) { f(); });
  command.add_flag_callback(
      "--dry-run",
      [&o, f = mark("--dry-run")] {
        o.dry_run = true;
        f();
      },
      "Check and count everything; change nothing");
  if (confirming) {
    command.add_flag_callback(
        "--yes",
        [&o, f = mark("--yes")] {
          o.yes = true;
          f();
        },
        "Do not ask for confirmation on a terminal");
  }
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
  define_list_filters(command, q);
}

void define_user_id_or_file(CLI::App& command, Invocation& in, bool confirming) {
  command
      .add_option("USER_ID", in.user_id,
                  "The experience user's id (24 hex characters); or --in FILE for many")
      ->type_name("");
  const bool updating = !confirming;
  command
      .add_option("--in", in.bulk_edit.in_path,
                  updating ? "Update the users of this JSON Lines file (one {\"id\" or \"email\", "
                             "then the fields to change} a line) instead of USER_ID"
                           : "Delete the users this file names (ids or emails, one a line; or "
                             "CSV with an id or email column) instead of USER_ID")
      ->type_name("FILE")
      ->check(CLI::ExistingFile.description(""));
  define_bulk_options(command, in, updating ? "With --in: update" : "With --in: delete", confirming,
                      /*in_only=*/true);
}

void define_revoke_sessions(CLI::App& command, Invocation& in) {
  define_list_filters(command, in.query);
  define_query_flags(command, in.query_flags);
  command.add_flag("--all", in.bulk_edit.all,
                   "Every user of the application (required when no filter is given)");
  define_bulk_options(command, in, "Update", /*confirming=*/true, /*in_only=*/false);
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

void define_command_line(CLI::App& app, Invocation& in, const std::vector<CommandSpec>& commands) {
  app.set_version_flag("--version", std::string(kProgram) + " " + eu::kVersion);
  app.require_subcommand(0, 1);  // none is reported by run_or_throw, after unknown words
  define_global_options(app, in, nullptr);
  for (const CommandSpec& spec : commands) {
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

}  // namespace losant::cli
