// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include "arguments.hpp"
#include "exit_code.hpp"
#include "export.hpp"
#include "format.hpp"
#include "import.hpp"
#include "losant/experience_users.hpp"
#include "output.hpp"
#include "password_input.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr const char* kProgram = "losant-experience-users";

enum class Command { kList, kGet, kCreate, kUpdate, kDelete, kExport, kImport };

// Everything the command line asked for, typed.
struct Invocation {
  std::string base_url = eu::ClientOptions{}.base_url;
  std::string token;
  std::string application_id;
  std::optional<Format> format;  // each command has its own default (resolve_format)
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<std::string> ca_bundle_path;
  bool verbose = false;

  std::optional<Command> command;
  std::string command_name;
  std::string user_id;             // get, update, delete
  eu::ListQuery query;             // list, export
  eu::ExperienceUserPatch fields;  // create and update: only what was given
  bool password_from_stdin = false;
  bool password_on_command_line = false;
  ExportOptions export_options;
  ImportOptions import_options;
};

// ---- The command line ------------------------------------------------------------------------

void define_global_options(CLI::App& app, Invocation& in) {
  app.add_option("--url", in.base_url, "The API's base URL")
      ->envname("LOSANT_API_URL")
      ->type_name("URL")
      ->capture_default_str();
  app.add_option("--token", in.token,
                 "The API access token (prefer the environment variable: arguments are visible "
                 "in the process list)")
      ->envname("LOSANT_API_TOKEN")
      ->type_name("TOKEN");
  app.add_option("--application", in.application_id, "The application's id (24 hex characters)")
      ->envname("LOSANT_APPLICATION_ID")
      ->type_name("ID")
      ->required();
  add_enum_option(app, "--format", in.format, parse_format, kAllFormats,
                  "Output: table (people), json, csv or jsonl (programs); export writes jsonl, "
                  "csv or json (default jsonl); for import, the input's format: csv or jsonl "
                  "(default: csv for a .csv file, else jsonl)")
      ->default_str(std::string(to_string(Format::kTable)));
  add_seconds_option(app, "--timeout", in.timeout,
                     "Give up on the request after this long, retries included");
  add_optional_option(app, "--ca-bundle", in.ca_bundle_path,
                      "A PEM file of CA certificates to verify the server with instead of the "
                      "system's")
      ->type_name("FILE")
      ->check(CLI::ExistingFile.description(""));
  app.add_flag("--verbose,-v", in.verbose,
               "Print one line per HTTP attempt to stderr: method, URL, status, time");
}

CLI::App* add_command(CLI::App& app, Invocation& in, Command command, const std::string& name,
                      const std::string& description) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->callback([&in, command, name] {
    in.command = command;
    in.command_name = name;
  });
  return sub;
}

void add_user_id(CLI::App& command, Invocation& in) {
  command.add_option("USER_ID", in.user_id, "The experience user's id (24 hex characters)")
      ->type_name("")
      ->required();
}

// The query options of list and export; only list shows one page of its choice.
void define_query(CLI::App& command, eu::ListQuery& q, bool one_page) {
  add_enum_option(command, "--sort-field", q.sort_field, eu::parse_sort_field, eu::kAllSortFields,
                  "Sort on this field (server default: email)");
  add_enum_option(command, "--sort-direction", q.sort_direction, eu::parse_sort_direction,
                  eu::kAllSortDirections, "Sort direction (server default: asc)");
  if (one_page) {
    add_optional_option(command, "--page", q.page, "The page to show, counting from 0")
        ->type_name("N");
    add_optional_option(command, "--per-page", q.per_page, "Users per page, 1 to 1000")
        ->type_name("N");
  } else {
    add_optional_option(command, "--per-page", q.per_page,
                        "Users fetched per request, 1 to 1000 (default 1000)")
        ->type_name("N");
  }
  add_enum_option(command, "--filter-field", q.filter_field, eu::parse_filter_field,
                  eu::kAllFilterFields, "The field --filter applies to");
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

void define_export(CLI::App& app, Invocation& in) {
  CLI::App& command =
      *add_command(app, in, Command::kExport, "export",
                   "Write every matching user to a file or stdout: JSON Lines (default), CSV or "
                   "a JSON array");
  define_query(command, in.query, /*one_page=*/false);
  ExportOptions& o = in.export_options;
  command.add_option("--out", o.out_path, "Write to this file (a new one gets mode 0600)")
      ->type_name("FILE");
  command
      .add_option("--tag-columns", o.tag_columns,
                  "CSV: give these tag keys a tag.KEY column of their own (the other tags stay "
                  "in the tags column)")
      ->type_name("KEY,...")
      ->delimiter(',')
      ->allow_extra_args(false);
}

void define_import(CLI::App& app, Invocation& in) {
  CLI::App& command =
      *add_command(app, in, Command::kImport, "import",
                   "Create the users of a CSV or JSON Lines file; users that exist are skipped");
  ImportOptions& o = in.import_options;
  const CLI::Validator readable(
      [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); }, "",
      "existing-file-or-stdin");
  command.add_option("--in", o.in_path, "The file to read; - for stdin")
      ->type_name("FILE")
      ->required()
      ->check(readable);
  command.add_option("--concurrency", o.concurrency, "Create requests in flight at most")
      ->type_name("N")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      .add_option("--report", o.report_path,
                  "Write row,email,outcome,user_id,error for every record to this file")
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
  add_tag_option(command, f.user_tags);
  add_repeated_option(command, "--group", f.experience_group_ids,
                      "A group id; repeat for several (replaces all groups on update)")
      ->type_name("ID");
  add_timestamp_option(command, "--token-cutoff", f.token_cutoff,
                       "Tokens issued before this date-time are no longer valid");
}

void define_commands(CLI::App& app, Invocation& in) {
  define_query(*add_command(app, in, Command::kList, "list", "List one page of users"), in.query,
               /*one_page=*/true);
  add_user_id(*add_command(app, in, Command::kGet, "get", "Show one user"), in);

  CLI::App& create = *add_command(app, in, Command::kCreate, "create", "Create a user");
  define_user_fields(create, in, /*creating=*/true);

  CLI::App& update = *add_command(app, in, Command::kUpdate, "update",
                                  "Change the fields given; the others stay as they are");
  add_user_id(update, in);
  define_user_fields(update, in, /*creating=*/false);

  add_user_id(*add_command(app, in, Command::kDelete, "delete", "Delete a user"), in);
  define_export(app, in);
  define_import(app, in);
}

std::string help_footer() {
  return "\nEnvironment:\n"
         "  LOSANT_API_URL, LOSANT_API_TOKEN, LOSANT_APPLICATION_ID are used for --url, --token\n"
         "  and --application when those are not given.\n\n"
         "Examples:\n"
         "  losant-experience-users list --sort-field lastLogin --sort-direction desc\n"
         "  printf '%s' \"$PASSWORD\" | losant-experience-users create --email a@example.com "
         "--password-stdin\n"
         "  losant-experience-users export --format csv --out users.csv\n"
         "  losant-experience-users import --in users.csv --report report.csv\n\n" +
         exit_code_help() + "\nSee docs/cli.md for the full reference.";
}

void define_command_line(CLI::App& app, Invocation& in) {
  app.set_version_flag("--version", std::string(kProgram) + " " + eu::kVersion);
  app.require_subcommand(0, 1);  // none is reported by run_or_throw, after unknown words
  app.fallthrough();             // global options may also follow the command: `list --format json`
  define_global_options(app, in);
  // Each command inherits the footer set when it is added: a pointer to the global options.
  app.footer("\nGlobal options (--format, --url, ...) may also follow the command; see " +
             std::string(kProgram) + " --help.");
  define_commands(app, in);
  app.footer(help_footer());
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
  options.ca_bundle_path = in.ca_bundle_path;
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

// Prints the value with @p print, or the error; returns the exit code either way.
template <typename T, typename Print>
ExitCode finish(const eu::Result<T>& result, std::ostream& err, Print print) {
  if (!result) {
    print_error(err, result.error().to_string());
    return exit_code_for(result.error());
  }
  print(*result);
  return ExitCode::kOk;
}

// A delete the server answered with `{"success": false}` did not happen.
eu::Result<eu::DeleteResult> confirmed(eu::Result<eu::DeleteResult> result) {
  if (!result || result->success) return result;
  eu::Error error;
  error.kind = eu::ErrorKind::kMalformedResponse;
  error.message = "the server answered the delete with success=false";
  return error;
}

// The formats a command accepts, its default first (import's default also depends on --in).
std::vector<Format> accepted_formats(Command command) {
  switch (command) {
    case Command::kList:
    case Command::kGet:
    case Command::kCreate:
    case Command::kUpdate: return {Format::kTable, Format::kJson, Format::kCsv, Format::kJsonl};
    case Command::kDelete: return {Format::kTable, Format::kJson};
    case Command::kExport: return {Format::kJsonl, Format::kCsv, Format::kJson};
    case Command::kImport: return {Format::kCsv, Format::kJsonl};
  }
  return {};
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
  const std::vector<Format> accepted = accepted_formats(*in.command);
  if (!in.format) {
    in.format = accepted.front();
    // import reads what the file holds: CSV for a .csv file, else JSON Lines (export's default).
    if (*in.command == Command::kImport && !has_csv_extension(in.import_options.in_path)) {
      in.format = Format::kJsonl;
    }
  } else if (std::find(accepted.begin(), accepted.end(), *in.format) == accepted.end()) {
    std::string names;
    for (Format format : accepted) {
      if (!names.empty()) names += '|';
      names += to_string(format);
    }
    throw CLI::ValidationError("--format", std::string(to_string(*in.format)) +
                                               " is not a format of " + in.command_name +
                                               " (it takes " + names + ")");
  }
  in.export_options.format = *in.format;
  in.import_options.format = *in.format;
}

ExitCode execute(Invocation& in, std::ostream& out, std::ostream& err) {
  if (in.password_on_command_line) {
    err << "warning: --password is visible to other users in the process list; prefer "
           "--password-stdin\n";
  }
  if (in.password_from_stdin) in.fields.password = read_password_from_stdin(err);

  const eu::ExperienceUsersClient client(make_client_options(in, err));
  const std::string& app = in.application_id;
  const Format format = *in.format;
  auto print_user = [&](const eu::ExperienceUser& user) { print(out, format, user); };
  switch (*in.command) {
    case Command::kList:
      return finish(client.list(app, in.query), err, [&](const eu::ExperienceUsers& page) {
        print(out, format, page,
              format == Format::kTable ? output_width(STDOUT_FILENO) : std::nullopt);
      });
    case Command::kGet: return finish(client.get(app, in.user_id), err, print_user);
    case Command::kCreate:
      return finish(client.create(app, to_post(std::move(in.fields))), err, print_user);
    case Command::kUpdate:
      return finish(client.update(app, in.user_id, in.fields), err, print_user);
    case Command::kDelete:
      return finish(
          confirmed(client.remove(app, in.user_id)), err,
          [&](const eu::DeleteResult& result) { print_deleted(out, format, in.user_id, result); });
    case Command::kExport: return run_export(client, app, in.query, in.export_options, out, err);
    case Command::kImport: return run_import(client, app, in.import_options, out, err);
  }
  return ExitCode::kInternal;
}

int run_or_throw(int argc, const char* const* argv) {
  Invocation in;
  CLI::App app("Manage the experience users of a Losant application.", kProgram);
  define_command_line(app, in);
  try {
    app.parse(argc, argv);
    if (!in.command) {
      throw CLI::RequiredError("A command (list, get, create, update, delete, export or import)");
    }
    resolve_format(in);
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
