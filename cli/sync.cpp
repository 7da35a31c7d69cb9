// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// `sync`: list the application's users, read and check the file while deciding what each
// record needs, then (unless a dry run) create, update and delete with the bulk calls, every
// outcome reported as it happens. Over 400 lines: the banners (plan, report, printing,
// applying, the command) are where it would split, sharing the Plan; the reading of records and
// the comparison are in sync_plan.cpp already.
#include "sync.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "files.hpp"
#include "output.hpp"
#include "password_generator.hpp"
#include "progress.hpp"
#include "query_flags.hpp"
#include "report.hpp"
#include "sync_plan.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// ---- The plan --------------------------------------------------------------------------------

struct Create {
  std::size_t row = 0;
  eu::ExperienceUserPost desired;  // the record, with its password (given or generated)
  bool generated_password = false;
};

struct Update {
  std::size_t row = 0;
  std::string email;  // the stored user's
  eu::BulkUpdate update;
  const char* action = "update";  // `create`: a create found the user created meanwhile
};

struct Invalid {
  std::size_t row = 0;
  std::string email;
  eu::Error error;
};

struct Plan {
  StoredUsers stored;
  std::size_t records = 0;
  std::vector<Create> creates;
  std::vector<Update> updates;
  std::vector<const StoredUser*> unchanged;  // named by the file, nothing differs
  std::vector<const StoredUser*> deletes;    // not named by the file, with --prune
  std::vector<const StoredUser*> kept;       // not named by the file, without --prune
  std::vector<Invalid> invalid;
};

// `row 7 (ada@example.com)`, or `ada@example.com` for a user no record names.
std::string describe_user(std::size_t row, std::string_view email) {
  if (row == 0) return std::string(email);
  std::string text = "row " + std::to_string(row);
  if (!email.empty()) text += " (" + std::string(email) + ")";
  return text;
}

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : std::string(separator)) + name;
  return text;
}

// Checks one readable record and decides what it needs; adds it to @p plan.
void plan_record(ImportRecord& record, const SyncOptions& options,
                 std::map<std::string, std::size_t>& new_rows, Plan& plan) {
  const auto invalid = [&](eu::Error error) {
    plan.invalid.push_back({record.row, record.post.email, std::move(error)});
  };
  const auto same_email_as = [](std::size_t row) {
    return eu::invalid_argument("body.email", "the same email as row " + std::to_string(row));
  };
  StoredUser* stored = plan.stored.find(record.post.email);
  if (stored != nullptr) {
    if (auto error = eu::validate(managed_fields(record.post))) return invalid(*std::move(error));
    if (stored->row != 0) return invalid(same_email_as(stored->row));
    stored->row = record.row;
    eu::ExperienceUserPatch patch = difference(record.post, *stored);
    if (is_empty(patch)) {
      plan.unchanged.push_back(stored);
    } else {
      plan.updates.push_back({record.row, stored->email, {stored->id, std::move(patch)}});
    }
    return;
  }
  Create create;
  create.row = record.row;
  if (record.post.password.empty()) {
    if (options.passwords_path.empty()) {
      return invalid(eu::invalid_argument(
          "body.password",
          "required: no user has this email, and the record has no password to create it with "
          "(give one, or use --generate-passwords FILE)"));
    }
    record.post.password = generate_password();  // in a dry run too, so that it is checked
    create.generated_password = true;
  }
  if (auto error = eu::validate(creation_body(record.post))) return invalid(*std::move(error));
  const auto [first, inserted] =
      new_rows.emplace(eu::internal::ascii_lowered(record.post.email), record.row);
  if (!inserted) return invalid(same_email_as(first->second));
  create.desired = std::move(record.post);
  plan.creates.push_back(std::move(create));
}

// Reads every record of @p in into @p plan (whose stored users are loaded). An exit code when
// the run must stop before the records are judged: a broken file, a group listing that failed.
std::optional<ExitCode> plan_records(std::istream& in, const eu::ExperienceUsersClient& client,
                                     const std::string& application_id, const SyncOptions& options,
                                     Plan& plan, std::ostream& err, const ErrorWords& words) {
  SyncReader reader(in, options.format);
  std::optional<GroupDirectory> directory;      // loaded for the first groupNames cell
  std::map<std::string, std::size_t> new_rows;  // lower-case emails to create -> row
  for (ImportRecord record; reader.next(record);) {
    ++plan.records;
    if (!record.error && !record.group_names.empty()) {
      if (!directory) {
        auto loaded = GroupDirectory::load(client, application_id);
        if (!loaded) {
          print_error(err, describe(loaded.error(), words) + " (nothing was sent)");
          return exit_code_for(loaded.error());
        }
        directory = std::move(*loaded);
      }
      std::vector<std::string> ids =
          record.post.experience_group_ids.value_or(std::vector<std::string>{});
      if (auto e = directory->resolve(record.group_names, "groupNames", ids)) {
        record.error = std::move(e);
      } else {
        record.post.experience_group_ids = std::move(ids);
      }
    }
    if (record.error) {
      plan.invalid.push_back({record.row, record.post.email, *std::move(record.error)});
      continue;
    }
    plan_record(record, options, new_rows, plan);
  }
  if (reader.error()) {
    print_error(err, describe(*reader.error(), words, FieldStyle::kRecord) + " (nothing was sent)");
    return exit_code_for(*reader.error());
  }
  for (const StoredUser& user : plan.stored.all()) {
    if (user.row == 0) (options.prune ? plan.deletes : plan.kept).push_back(&user);
  }
  return std::nullopt;
}

// ---- The report ------------------------------------------------------------------------------

const std::vector<std::string> kReportHeader{"row",     "email",   "action", "outcome",
                                             "user_id", "changes", "error"};

// The report, if one was asked for; remembers whether every row could be written.
class Report {
 public:
  bool open(const std::string& path, std::ostream& err) {
    if (path.empty()) return true;
    file_.emplace(path, kReportHeader);
    if (file_->is_open()) return true;
    print_error(err, "--report: " + file_->error() + " (nothing was sent)");
    return false;
  }
  void add(std::size_t row, std::string_view email, std::string_view action,
           std::string_view outcome, std::string_view user_id, std::string changes = {},
           std::string error = {}) {
    if (!file_) return;
    ok_ = file_->add({row == 0 ? std::string() : std::to_string(row), std::string(email),
                      std::string(action), std::string(outcome), std::string(user_id),
                      std::move(changes), std::move(error)}) &&
          ok_;
  }
  // Syncs and closes it; false (said on @p err) if any row could not be written.
  bool finish(std::ostream& err) {
    if (!file_) return true;
    const bool finished = file_->finish() && ok_;
    if (!finished) print_error(err, "--report: " + file_->error());
    return finished;
  }

 private:
  std::optional<LiveReport> file_;
  bool ok_ = true;
};

// Every row of the plan with an empty outcome (a dry run, or stopped before sending), and the
// invalid records.
void report_plan(Report& report, const Plan& plan, const ErrorWords& words) {
  for (const Invalid& i : plan.invalid) {
    report.add(i.row, i.email, "", "invalid", "", "",
               describe(i.error, words, FieldStyle::kRecord));
  }
  for (const Create& c : plan.creates) report.add(c.row, c.desired.email, "create", "", "");
  for (const Update& u : plan.updates) {
    report.add(u.row, u.email, "update", "", u.update.user_id,
               joined(field_names(u.update.patch), ";"));
  }
  for (const StoredUser* user : plan.unchanged) {
    report.add(user->row, user->email, "unchanged", "", user->id);
  }
  for (const StoredUser* user : plan.kept) report.add(0, user->email, "unchanged", "", user->id);
  for (const StoredUser* user : plan.deletes) report.add(0, user->email, "delete", "", user->id);
}

// ---- Printing the plan and the outcome -------------------------------------------------------

void print_plan(std::ostream& out, const Plan& plan) {
  out << "sync: dry run: " << plan.records << " records: " << plan.creates.size() << " to create, "
      << plan.updates.size() << " to update, " << plan.unchanged.size() << " unchanged, "
      << plan.deletes.size() << " to delete";
  if (!plan.kept.empty()) out << ", " << plan.kept.size() << " not in the file (kept)";
  out << "; nothing was sent\n";
  for (const Create& c : plan.creates) {
    out << "create " << printable(describe_user(c.row, c.desired.email)) << '\n';
  }
  for (const Update& u : plan.updates) {
    out << "update " << printable(describe_user(u.row, u.email)) << ": "
        << joined(field_names(u.update.patch), ", ") << '\n';
  }
  for (const StoredUser* user : plan.deletes) {
    out << "delete " << printable(user->email) << " (" << user->id << ")\n";
  }
}

// What the writes came to.
struct Tally {
  std::size_t created = 0, updated = 0, deleted = 0, unchanged = 0, failed = 0;
  std::set<ExitCode> failures;

  std::size_t done() const { return created + updated + deleted + failed; }
  std::string counts() const {
    return "created " + std::to_string(created) + "  updated " + std::to_string(updated) +
           "  deleted " + std::to_string(deleted) + "  failed " + std::to_string(failed);
  }
  // kOk; or, when some failed, the code of their common error if nothing else succeeded,
  // else kPartial.
  ExitCode exit_code() const {
    if (failures.empty()) return ExitCode::kOk;
    if (created + updated + deleted + unchanged == 0 && failures.size() == 1) {
      return *failures.begin();
    }
    return ExitCode::kPartial;
  }
};

// ---- Applying the plan -----------------------------------------------------------------------

// Writes `row,email,password` for every generated password and syncs it: a user may be created
// with it the next moment.
bool write_generated_passwords(const std::string& path, const std::vector<Create>& creates,
                               std::ostream& err) {
  OutputFile file(path, Existing::kRefuse);
  if (!file.is_open()) {
    print_error(err, "--generate-passwords: " + file.error() +
                         " (it must be a new file: it will hold new passwords; nothing was sent)");
    return false;
  }
  CsvWriter csv(file.stream());
  csv.write_row({"row", "email", "password"});
  for (const Create& c : creates) {
    if (c.generated_password) {
      csv.write_row({std::to_string(c.row), c.desired.email, c.desired.password});
    }
  }
  if (!file.commit()) {
    print_error(err, "--generate-passwords: " + file.error() + " (nothing was sent)");
    return false;
  }
  return true;
}

// Runs the plan's writes: creates, then updates (with those of users a create found created
// meanwhile), then deletes.
class Applier {
 public:
  Applier(const eu::ExperienceUsersClient& client, const std::string& application_id,
          const SyncOptions& options, Plan& plan, Report& report, std::ostream& err,
          const ErrorWords& words)
      : client_(client),
        application_id_(application_id),
        plan_(plan),
        report_(report),
        err_(err),
        words_(words),
        progress_(err, is_terminal(STDERR_FILENO), "sync") {
    bulk_.concurrency = options.concurrency;
    bulk_.look_up_existing = true;
  }

  Tally run() {
    for (const StoredUser* user : plan_.unchanged) {
      report_.add(user->row, user->email, "unchanged", "unchanged", user->id);
    }
    for (const StoredUser* user : plan_.kept) {
      report_.add(0, user->email, "unchanged", "unchanged", user->id);
    }
    tally_.unchanged = plan_.unchanged.size();
    total_ = plan_.creates.size() + plan_.updates.size() + plan_.deletes.size();
    progress_.set_total(total_);
    create_all();
    update_all();
    delete_all();
    progress_.finish();
    return tally_;
  }

 private:
  void progressed() { progress_.update(tally_.done(), tally_.counts()); }

  void fail(std::size_t row, std::string_view email, std::string_view action,
            std::string_view user_id, const std::optional<eu::Error>& error) {
    const std::string why =
        error ? describe(*error, words_, FieldStyle::kRecord) : std::string("failed");
    print_error(err_, describe_user(row, email) + ": " + why);
    report_.add(row, email, action, "failed", user_id, "", why);
    ++tally_.failed;
    tally_.failures.insert(error ? exit_code_for(*error) : ExitCode::kInternal);
  }

  void create_all() {
    if (plan_.creates.empty()) return;
    std::size_t next = 0;
    client_.create_many(
        application_id_,
        [&]() -> std::optional<eu::ExperienceUserPost> {
          if (next == plan_.creates.size()) return std::nullopt;
          return creation_body(plan_.creates[next++].desired);
        },
        [&](eu::BulkOutcome&& outcome) {
          const Create& c = plan_.creates[outcome.index];
          if (outcome.kind == eu::BulkOutcomeKind::kCreated) {
            report_.add(c.row, c.desired.email, "create", "created", outcome.user_id.value_or(""));
            ++tally_.created;
          } else if (outcome.kind == eu::BulkOutcomeKind::kSkipped && outcome.existing) {
            created_meanwhile(c, StoredUser::of(std::move(*outcome.existing)));
          } else {
            fail(c.row, c.desired.email, "create", outcome.user_id.value_or(""), outcome.error);
          }
          progressed();
        },
        bulk_);
  }

  // A user with the email appeared after the listing (another writer): it is treated as a
  // stored user, updated if it differs.
  void created_meanwhile(const Create& c, const StoredUser& existing) {
    eu::ExperienceUserPatch patch = difference(c.desired, existing);
    if (is_empty(patch)) {
      report_.add(c.row, c.desired.email, "create", "unchanged", existing.id);
      ++tally_.unchanged;
      return;
    }
    plan_.updates.push_back({c.row, existing.email, {existing.id, std::move(patch)}, "create"});
    progress_.set_total(++total_);
  }

  void update_all() {
    if (plan_.updates.empty()) return;
    std::size_t next = 0;
    client_.update_many(
        application_id_,
        [&]() -> std::optional<eu::BulkUpdate> {
          if (next == plan_.updates.size()) return std::nullopt;
          return plan_.updates[next++].update;
        },
        [&](eu::BulkOutcome&& outcome) {
          const Update& u = plan_.updates[outcome.index];
          const std::string changes = joined(field_names(u.update.patch), ";");
          if (outcome.kind == eu::BulkOutcomeKind::kUpdated) {
            report_.add(u.row, u.email, u.action, "updated", u.update.user_id, changes);
            ++tally_.updated;
          } else {
            fail(u.row, u.email, u.action, u.update.user_id, outcome.error);
          }
          progressed();
        },
        bulk_);
  }

  void delete_all() {
    if (plan_.deletes.empty()) return;
    std::size_t next = 0;
    client_.remove_many(
        application_id_,
        [&]() -> std::optional<std::string> {
          if (next == plan_.deletes.size()) return std::nullopt;
          return plan_.deletes[next++]->id;
        },
        [&](eu::BulkOutcome&& outcome) {
          const StoredUser& user = *plan_.deletes[outcome.index];
          // A 404: someone else deleted the user since the listing; gone is what was wanted.
          const bool gone = outcome.kind == eu::BulkOutcomeKind::kDeleted ||
                            (outcome.error && outcome.error->kind == eu::ErrorKind::kHttp &&
                             outcome.error->http_status == 404);
          if (gone) {
            report_.add(0, user.email, "delete", "deleted", user.id);
            ++tally_.deleted;
          } else {
            fail(0, user.email, "delete", user.id, outcome.error);
          }
          progressed();
        },
        bulk_);
  }

  const eu::ExperienceUsersClient& client_;
  const std::string& application_id_;
  Plan& plan_;
  Report& report_;
  std::ostream& err_;
  const ErrorWords& words_;
  ProgressBar progress_;
  eu::BulkOptions bulk_;
  Tally tally_;
  std::size_t total_ = 0;
};

// ---- The command -----------------------------------------------------------------------------

}  // namespace

void define_sync(CLI::App& command, SyncOptions& o) {
  const CLI::Validator readable(
      [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); }, "",
      "existing-file-or-stdin");
  command
      .add_option("--in", o.in_path, "The file of users as they should be; - for stdin. Required")
      ->type_name("FILE")
      ->required()
      ->check(readable);
  command.add_flag("--prune", o.prune, "Also delete the users the file does not name");
  command.add_flag("--dry-run", o.dry_run,
                   "Check every record and print what would change; send nothing that writes");
  command
      .add_option("--report", o.report_path,
                  "Write row,email,action,outcome,user_id,changes,error for every user of the "
                  "file or the application to this file, as it happens")
      ->type_name("FILE");
  command
      .add_option("--concurrency", o.concurrency,
                  "Write requests in flight at most, 1 to 64. Default: " +
                      std::to_string(SyncOptions{}.concurrency))
      ->type_name("N")
      ->check(CLI::Range(1, 64).description(""));
  command
      .add_option("--generate-passwords", o.passwords_path,
                  "Give each new user whose record has no password a random one, written to this "
                  "new file (mode 0600) before any user is created")
      ->type_name("FILE")
      ->check(CLI::NonexistentPath.description(""));
}

ExitCode run_sync(const eu::ExperienceUsersClient& client, const std::string& application_id,
                  const SyncOptions& options, std::ostream& out, std::ostream& err,
                  const ErrorWords& words) {
  if (auto clash = same_file_clash({{"--in", options.in_path},
                                    {"--report", options.report_path},
                                    {"--generate-passwords", options.passwords_path}})) {
    print_error(err, *clash);
    return ExitCode::kUsage;
  }
  std::ifstream file;
  if (options.in_path != "-") {
    file.open(options.in_path, std::ios::binary);
    if (!file) {
      print_error(err, "--in: " + options.in_path + ": " + std::strerror(errno));
      return ExitCode::kUsage;
    }
  }
  std::istream& in = options.in_path == "-" ? std::cin : file;

  // The listing comes first: it checks the token and the application, and a record can only be
  // judged against the user of its email.
  Plan plan;
  auto stored = StoredUsers::load(client, application_id);
  if (!stored) {
    print_error(err, describe(stored.error(), words) + " (nothing was sent)");
    return exit_code_for(stored.error());
  }
  plan.stored = std::move(*stored);
  if (auto stop = plan_records(in, client, application_id, options, plan, err, words)) {
    return *stop;
  }

  Report report;
  if (!report.open(options.report_path, err)) return ExitCode::kUsage;
  const auto stop = [&](ExitCode code) {
    report_plan(report, plan, words);
    return report.finish(err) || code != ExitCode::kOk ? code : ExitCode::kInternal;
  };
  for (const Invalid& i : plan.invalid) {
    print_error(
        err, describe_user(i.row, i.email) + ": " + describe(i.error, words, FieldStyle::kRecord));
  }
  if (!plan.invalid.empty()) {
    print_error(err, std::to_string(plan.invalid.size()) + " of " + std::to_string(plan.records) +
                         " records are invalid; nothing was sent");
    return stop(ExitCode::kInvalidArgument);
  }
  if (options.prune && plan.records == 0 && !plan.deletes.empty()) {
    // Most likely a failed export or the wrong file, rather than a wish to delete everyone.
    print_error(err, "the file has no records: --prune would delete every user (" +
                         std::to_string(plan.deletes.size()) + "); nothing was sent");
    return stop(ExitCode::kInvalidArgument);
  }
  if (options.dry_run) {
    print_plan(out, plan);
    return stop(ExitCode::kOk);
  }
  const bool any_generated = std::any_of(plan.creates.begin(), plan.creates.end(),
                                         [](const Create& c) { return c.generated_password; });
  if (any_generated && !write_generated_passwords(options.passwords_path, plan.creates, err)) {
    return stop(ExitCode::kUsage);
  }

  const Tally tally = Applier(client, application_id, options, plan, report, err, words).run();
  const bool reported = report.finish(err);
  out << "sync: " << plan.records << " records: " << tally.created << " created, " << tally.updated
      << " updated, " << tally.unchanged << " unchanged, " << tally.deleted << " deleted";
  if (!plan.kept.empty()) out << ", " << plan.kept.size() << " not in the file (kept)";
  out << ", " << tally.failed << " failed\n";
  const ExitCode code = tally.exit_code();
  return code == ExitCode::kOk && !reported ? ExitCode::kInternal : code;
}

}  // namespace losant::cli
