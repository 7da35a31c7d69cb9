// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// `import`: read and check every record, create the valid ones with create_many(), give skipped
// rows the existing user's id and what differs, write the report. Just over 400 lines: the
// steps share the Row type and read best in that order.
#include "import.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "csv.hpp"
#include "files.hpp"
#include "import_input.hpp"
#include "losant/experience_users/validate.hpp"
#include "output.hpp"
#include "password_generator.hpp"
#include "progress.hpp"
#include "query_flags.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// One record of the input and what became of it.
struct Row {
  std::size_t number = 0;
  std::string email;
  eu::ExperienceUserPost post;  // moved to create_many() when sending
  bool generated_password = false;
  bool invalid = false;                        // broke a rule: never sent
  std::optional<eu::BulkOutcomeKind> outcome;  // once create_many() has settled it
  std::optional<std::string> user_id;
  std::optional<eu::Error> error;  // why it is invalid, failed (or was skipped)
  std::string detail;              // skipped: `exists`, `exists; differs: firstName`, ...
  bool differs = false;            // skipped, and the stored user is not what the record says
};

bool failed(const Row& row) {
  return row.outcome == eu::BulkOutcomeKind::kFailed;
}

// The report's outcome: `invalid`, `valid` (checked, not sent), or create_many()'s.
std::string outcome_name(const Row& row) {
  if (row.invalid) return "invalid";
  return row.outcome ? std::string(eu::to_string(*row.outcome)) : "valid";
}

// `row 7 (ada@example.com)`: how messages name a record.
std::string describe(const Row& row) {
  std::string text = "row " + std::to_string(row.number);
  if (!row.email.empty()) text += " (" + row.email + ")";
  return text;
}

// Turns the records into rows and checks each: readable, a password (given or generated),
// the SDK's rules, and an email no earlier row has (the API compares emails ignoring case).
std::vector<Row> check(std::vector<ImportRecord> records, bool generate_passwords) {
  std::vector<Row> rows;
  rows.reserve(records.size());
  std::map<std::string, std::size_t> row_by_email;
  for (ImportRecord& record : records) {
    Row row;
    row.number = record.row;
    row.email = record.post.email;
    row.post = std::move(record.post);
    row.error = std::move(record.error);
    if (!row.error && row.post.password.empty()) {
      if (generate_passwords) {
        row.post.password = generate_password();
        row.generated_password = true;
      } else {
        row.error = eu::invalid_argument("body.password",
                                         "required: the record has none (give one, or use "
                                         "--generate-passwords FILE)");
      }
    }
    if (!row.error) row.error = eu::validate(row.post);
    if (!row.error) {
      const auto [first, inserted] =
          row_by_email.emplace(eu::internal::ascii_lowered(row.post.email), row.number);
      if (!inserted) {
        row.error = eu::invalid_argument("body.email",
                                         "the same email as row " + std::to_string(first->second));
      }
    }
    row.invalid = row.error.has_value();
    rows.push_back(std::move(row));
  }
  return rows;
}

// Writes the report to @p file (opened before anything was sent) and closes it.
bool write_report(OutputFile& file, const std::vector<Row>& rows, const ErrorWords& words,
                  std::ostream& err) {
  CsvWriter csv(file.stream());
  csv.write_row({"row", "email", "outcome", "user_id", "error", "detail"});
  for (const Row& row : rows) {
    // A skipped record's error is only the API's AlreadyExists: the outcome says it all.
    const bool has_error = row.invalid || failed(row);
    csv.write_row(
        {std::to_string(row.number), row.email, outcome_name(row), row.user_id.value_or(""),
         has_error && row.error ? describe(*row.error, words, FieldStyle::kRecord) : std::string(),
         row.detail});
  }
  if (!file.commit()) {
    print_error(err, "--report: " + file.error());
    return false;
  }
  return true;
}

// Writes `row,email,password` for every generated password, and waits until it is on disk:
// a user may be created with it the next moment.
bool write_generated_passwords(const std::string& path, const std::vector<Row>& rows,
                               std::ostream& err) {
  OutputFile file(path, Existing::kRefuse);
  if (!file.is_open()) {
    print_error(err, "--generate-passwords: " + file.error() +
                         " (it must be a new file: it will hold new passwords)");
    return false;
  }
  CsvWriter csv(file.stream());
  csv.write_row({"row", "email", "password"});
  for (const Row& row : rows) {
    if (row.generated_password) {
      csv.write_row({std::to_string(row.number), row.email, row.post.password});
    }
  }
  if (!file.commit()) {
    print_error(err, "--generate-passwords: " + file.error() + " (no user was created)");
    return false;
  }
  return true;
}

// The files the import reads and writes must be distinct: a report written over the input
// (or over the passwords it generated) would destroy it.
std::optional<std::string> clashing_paths(const ImportOptions& options) {
  struct Named {
    const char* flag;
    const std::string& path;
  };
  const std::vector<Named> files{{"--in", options.in_path},
                                 {"--report", options.report_path},
                                 {"--generate-passwords", options.passwords_path}};
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t k = i + 1; k < files.size(); ++k) {
      const Named& a = files[i];
      const Named& b = files[k];
      if (a.path.empty() || b.path.empty() || a.path == "-" || b.path == "-") continue;
      if (same_file(a.path, b.path)) {
        return std::string(a.flag) + " and " + b.flag + " name the same file (" + b.path +
               "): give " + b.flag + " another file; nothing was read or sent";
      }
    }
  }
  return std::nullopt;
}

eu::Result<std::vector<ImportRecord>> read_all(std::istream& in, Format format) {
  ImportReader reader(in, format);
  std::vector<ImportRecord> records;
  for (ImportRecord record; reader.next(record);) records.push_back(std::move(record));
  if (reader.error()) return *reader.error();
  return records;
}

eu::Result<std::vector<ImportRecord>> read_input(const ImportOptions& options) {
  if (options.in_path == "-") return read_all(std::cin, options.format);
  std::ifstream file(options.in_path, std::ios::binary);
  if (!file) {
    return eu::invalid_argument("--in", options.in_path + ": " + std::strerror(errno));
  }
  return read_all(file, options.format);
}

// kOk if every row was created or skipped; if none was and every failure has the same exit
// code (a wrong token: 4), that code; otherwise kPartial.
ExitCode exit_code_of(const std::vector<Row>& rows) {
  std::set<ExitCode> failures;
  bool any_succeeded = false;
  for (const Row& row : rows) {
    if (failed(row)) {
      failures.insert(row.error ? exit_code_for(*row.error) : ExitCode::kInternal);
    } else {
      any_succeeded = true;
    }
  }
  if (failures.empty()) return ExitCode::kOk;
  if (!any_succeeded && failures.size() == 1) return *failures.begin();
  return ExitCode::kPartial;
}

// The stored users whose emails (lower case) are @p emails, by lower-case email: one filtered
// list per email when there are few, else one pass over every user. An error when a lookup
// failed.
eu::Result<std::map<std::string, eu::ExperienceUser>> stored_users(
    const eu::ExperienceUsersClient& client, const std::string& application_id,
    const std::set<std::string>& emails) {
  constexpr std::size_t kMaxFilteredLookups = 20;
  std::map<std::string, eu::ExperienceUser> found;
  auto scan = [&](const eu::ListQuery& query) -> std::optional<eu::Error> {
    for (auto& user : client.list_all(application_id, query)) {
      if (!user) return std::move(user).error();
      std::string email = eu::internal::ascii_lowered(user->email);
      if (emails.count(email) != 0) found.emplace(std::move(email), std::move(*user));
      if (found.size() == emails.size()) break;
    }
    return std::nullopt;
  };
  eu::ListQuery query;
  query.per_page = 1000;
  if (emails.size() > kMaxFilteredLookups) {
    if (auto error = scan(query)) return *error;
    return found;
  }
  query.filter_field = eu::FilterField::kEmail;
  for (const std::string& email : emails) {
    query.filter = email;  // `*` in an email matches more; scan() keeps the exact one
    if (auto error = scan(query)) return *error;
  }
  return found;
}

// The fields a record gives that the stored user has otherwise, by their CSV names.
std::vector<std::string> differences(const eu::ExperienceUserPost& record,
                                     const eu::ExperienceUser& stored) {
  std::vector<std::string> names;
  if (record.email != stored.email) names.push_back("email");  // the same but for case
  if (record.first_name && *record.first_name != stored.first_name.value_or("")) {
    names.push_back("firstName");
  }
  if (record.last_name && *record.last_name != stored.last_name.value_or("")) {
    names.push_back("lastName");
  }
  if (record.token_cutoff && record.token_cutoff != stored.token_cutoff) {
    names.push_back("tokenCutoff");
  }
  if (record.user_tags && *record.user_tags != stored.user_tags.value_or(eu::Tags{})) {
    names.push_back("tags");
  }
  if (record.experience_group_ids) {
    const std::set<std::string> given(record.experience_group_ids->begin(),
                                      record.experience_group_ids->end());
    std::set<std::string> held;
    for (const auto& group :
         stored.experience_groups.value_or(std::vector<eu::ExperienceGroup>{})) {
      if (group.id) held.insert(*group.id);
    }
    if (given != held) names.push_back("groups");
  }
  return names;
}

// Gives each skipped row the existing user's id, and says whether that user differs from the
// record (import never changes an existing user).
void describe_skipped(const eu::ExperienceUsersClient& client, const std::string& application_id,
                      const std::vector<eu::ExperienceUserPost>& posts, std::vector<Row>& rows,
                      const ErrorWords& words) {
  std::set<std::string> emails;
  for (const Row& row : rows) {
    if (row.outcome == eu::BulkOutcomeKind::kSkipped)
      emails.insert(eu::internal::ascii_lowered(row.email));
  }
  if (emails.empty()) return;
  const auto stored = stored_users(client, application_id, emails);
  for (std::size_t i = 0; i < rows.size() && i < posts.size(); ++i) {
    Row& row = rows[i];
    if (row.outcome != eu::BulkOutcomeKind::kSkipped) continue;
    if (!stored) {
      row.detail = "exists; could not be looked up: " + describe(stored.error(), words);
      continue;
    }
    const auto user = stored->find(eu::internal::ascii_lowered(row.email));
    if (user == stored->end()) {
      row.detail = "exists; not found by email afterwards";
      continue;
    }
    row.user_id = user->second.id;
    row.detail = "exists";
    const std::vector<std::string> names = differences(posts[i], user->second);
    if (names.empty()) continue;
    row.differs = true;
    row.detail += "; differs: ";
    for (std::size_t n = 0; n < names.size(); ++n) row.detail += (n > 0 ? ", " : "") + names[n];
  }
}

ExitCode create_all(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    const ImportOptions& options, std::vector<Row>& rows,
                    std::optional<OutputFile>& report, std::ostream& out, std::ostream& err,
                    const ErrorWords& words) {
  std::vector<eu::ExperienceUserPost> posts;
  posts.reserve(rows.size());
  for (Row& row : rows) posts.push_back(std::move(row.post));

  ProgressBar progress(err, is_terminal(STDERR_FILENO), "import");
  progress.set_total(posts.size());
  eu::BulkCreateOptions bulk;
  bulk.concurrency = options.concurrency;
  bulk.on_progress = [&progress](const eu::BulkProgress& p) {
    progress.update(p.done, "created " + std::to_string(p.created) + "  skipped " +
                                std::to_string(p.skipped) + "  failed " + std::to_string(p.failed));
  };
  std::vector<eu::BulkOutcome> outcomes = client.create_many(application_id, posts, bulk);
  progress.finish();

  std::size_t created = 0, skipped = 0, failures = 0, differing = 0;
  for (std::size_t i = 0; i < rows.size() && i < outcomes.size(); ++i) {
    Row& row = rows[i];
    row.outcome = outcomes[i].kind;
    row.user_id = std::move(outcomes[i].user_id);
    row.error = std::move(outcomes[i].error);
    switch (outcomes[i].kind) {
      case eu::BulkOutcomeKind::kCreated: ++created; break;
      case eu::BulkOutcomeKind::kSkipped: ++skipped; break;
      case eu::BulkOutcomeKind::kUpdated:
      case eu::BulkOutcomeKind::kDeleted: break;  // not outcomes of a create
      case eu::BulkOutcomeKind::kFailed:
        ++failures;
        print_error(err, describe(row) + ": " +
                             (row.error ? describe(*row.error, words, FieldStyle::kRecord)
                                        : std::string("failed")));
        break;
    }
  }
  describe_skipped(client, application_id, posts, rows, words);
  posts.clear();
  for (const Row& row : rows) {
    if (!row.differs) continue;
    ++differing;
    err << "note: " << printable(describe(row)) << ": skipped (" << printable(row.detail) << ")\n";
  }
  if (differing > 0) {
    err << "note: " << differing
        << (differing == 1 ? " existing user differs" : " existing users differ")
        << " from the file: not reconciled (import only creates users; change them with "
           "update)\n";
  }
  const bool reported = !report || write_report(*report, rows, words, err);
  out << "import: " << rows.size() << " rows: " << created << " created, " << skipped << " skipped";
  if (differing > 0) out << " (" << differing << " differ)";
  out << ", " << failures << " failed\n";
  const ExitCode code = exit_code_of(rows);
  return code == ExitCode::kOk && !reported ? ExitCode::kInternal : code;
}

}  // namespace

ExitCode run_import(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    const ImportOptions& options, std::ostream& out, std::ostream& err,
                    const ErrorWords& words) {
  if (auto clash = clashing_paths(options)) {
    print_error(err, *clash);
    return ExitCode::kUsage;
  }
  eu::Result<std::vector<ImportRecord>> records = read_input(options);
  if (!records) {
    print_error(err, describe(records.error(), words, FieldStyle::kRecord));
    return exit_code_for(records.error());
  }
  // groupNames cells: resolved by exact name with one group listing, before anything is sent.
  if (std::any_of(records->begin(), records->end(),
                  [](const ImportRecord& r) { return !r.group_names.empty(); })) {
    auto directory = GroupDirectory::load(client, application_id);
    if (!directory) {
      print_error(err, directory.error().to_string());
      return exit_code_for(directory.error());
    }
    for (ImportRecord& r : *records) {
      if (r.error || r.group_names.empty()) continue;
      std::vector<std::string> ids =
          r.post.experience_group_ids.value_or(std::vector<std::string>{});
      if (auto e = directory->resolve(r.group_names, "groupNames", ids)) {
        r.error = std::move(e);
        continue;
      }
      r.post.experience_group_ids = std::move(ids);
    }
  }
  const bool generate = !options.passwords_path.empty();
  const auto readable = std::count_if(records->begin(), records->end(),
                                      [](const ImportRecord& r) { return !r.error; });
  const auto with_password =
      std::count_if(records->begin(), records->end(),
                    [](const ImportRecord& r) { return !r.error && !r.post.password.empty(); });
  if (!generate && readable > 0 && with_password == 0) {
    // A file without passwords (an export, say) is one problem, not one per record.
    print_error(err,
                "no record has a password: add them, or give --generate-passwords FILE; nothing "
                "was sent");
    return ExitCode::kInvalidArgument;
  }
  std::vector<Row> rows = check(std::move(*records), generate);
  std::optional<OutputFile> report;
  if (!options.report_path.empty()) {
    report.emplace(options.report_path, Existing::kReplace);
    if (!report->is_open()) {
      print_error(err, "--report: " + report->error());
      return ExitCode::kUsage;
    }
  }

  // Until create_many runs nothing has been sent: when stopping before, the report shows each
  // row `invalid` or `valid` (not sent).
  const auto stop = [&](ExitCode code) {
    if (report && !write_report(*report, rows, words, err) && code == ExitCode::kOk) {
      return ExitCode::kInternal;
    }
    return code;
  };

  std::size_t invalid = 0;
  for (const Row& row : rows) {
    if (!row.invalid) continue;
    ++invalid;
    print_error(err, describe(row) + ": " + describe(*row.error, words, FieldStyle::kRecord));
  }
  if (invalid > 0) {
    print_error(err, std::to_string(invalid) + " of " + std::to_string(rows.size()) +
                         " rows are invalid; nothing was sent");
    return stop(ExitCode::kInvalidArgument);
  }
  if (options.dry_run) {
    out << "import: dry run: " << rows.size() << " rows are valid; nothing was sent\n";
    return stop(ExitCode::kOk);
  }
  if (rows.empty()) {
    out << "import: 0 rows: nothing to do\n";
    return stop(ExitCode::kOk);
  }

  // One cheap request first: a wrong token or application fails here, once, not per row.
  eu::ListQuery probe;
  probe.per_page = 1;
  if (auto reachable = client.list(application_id, probe); !reachable) {
    print_error(err, describe(reachable.error(), words) + " (nothing was imported)");
    return stop(exit_code_for(reachable.error()));
  }
  const bool any_generated =
      std::any_of(rows.begin(), rows.end(), [](const Row& row) { return row.generated_password; });
  if (any_generated && !write_generated_passwords(options.passwords_path, rows, err)) {
    return stop(ExitCode::kUsage);
  }
  return create_all(client, application_id, options, rows, report, out, err, words);
}

}  // namespace losant::cli
