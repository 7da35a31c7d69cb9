// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The tool's commands (one CommandSpec each, in commands()) and the run: parse, settle, build
// the client, run the command. The command line's definition is in command_line.cpp, its
// settling in settings.cpp.
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

#include "bulk_edit.hpp"
#include "command_line.hpp"
#include "invocation.hpp"
#include "output.hpp"
#include "password_input.hpp"
#include "revoke_sessions.hpp"
#include "settings.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

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
  if (!in.bulk_edit.in_path.empty()) {
    return run_edit_file(EditKind::kUpdate, c.client, in.application_id, in.bulk_edit, c.out, c.err,
                         c.words);
  }
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
         define_user_id_or_file(app, in, /*confirming=*/false);
         define_user_fields(app, in, /*creating=*/false);
       },
       run_update},
      {"delete",
       "Delete a user, or the users a file names (--in)",
       {Format::kTable, Format::kJson},
       [](CLI::App& app, Invocation& in) { define_user_id_or_file(app, in, /*confirming=*/true); },
       [](Context& c) {
         if (!c.in.bulk_edit.in_path.empty()) {
           return run_edit_file(EditKind::kDelete, c.client, c.in.application_id, c.in.bulk_edit,
                                c.out, c.err, c.words);
         }
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
      {"sync",
       "Make the application's users what a CSV or JSON Lines file says: create, update, and "
       "with --prune delete",
       {Format::kCsv, Format::kJsonl},
       [](CLI::App& app, Invocation& in) { define_sync(app, in.sync_options); },
       [](Context& c) {
         return run_sync(c.client, c.in.application_id, c.in.sync_options, c.out, c.err, c.words);
       }},
      {"revoke-sessions",
       "Invalidate the tokens of every matching user (tokenCutoff set to now)",
       {Format::kTable},
       define_revoke_sessions,
       [](Context& c) {
         if (auto code = resolve_query_flags(c)) return *code;
         return run_revoke_sessions(c.client, c.in.application_id, c.in.query, c.in.bulk_edit,
                                    c.out, c.err, c.words);
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
         eu::internal::ascii_iequals(std::string_view(url).substr(0, kHttp.size()), kHttp);
}

ExitCode execute(Invocation& in, std::ostream& out, std::ostream& err) {
  ErrorWords words{in.command->name, in.sources};
  const bool update_from_file =
      std::string_view(in.command->name) == "update" && !in.bulk_edit.in_path.empty();
  if (update_from_file && !nothing_to_change(in)) {
    print_error(err,
                "update: --in: the fields come from the file; not with --email, --password, "
                "--tag, --group or the other field options; nothing was sent");
    return ExitCode::kUsage;
  }
  if (std::string_view(in.command->name) == "update" && !update_from_file &&
      nothing_to_change(in)) {
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
  define_command_line(app, in, commands());
  try {
    app.parse(argc, argv);
    if (in.command == nullptr) throw CLI::RequiredError("A command (" + command_names() + ")");
    settle(in);
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
