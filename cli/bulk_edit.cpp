// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// `update --in` and `delete --in`: check every record (reading the file one record at a time),
// look the emails up, settle each record against them, then read the file once more and stream
// it through update_many() / remove_many().
#include "bulk_edit.hpp"

#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "files.hpp"
#include "output.hpp"
#include "text/text.hpp"
#include "user_lookup.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// A user id as its 12 bytes: the duplicate check holds one per row, so half the size counts.
using PackedId = std::array<unsigned char, 12>;

struct PackedIdHash {
  std::size_t operator()(const PackedId& id) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
  }
};

// The first row that names each user.
using RowsById = std::unordered_map<PackedId, std::size_t, PackedIdHash>;

// @p hex must be a valid id (24 hexadecimal characters, any case).
PackedId pack(std::string_view hex) {
  auto nibble = [](char c) {
    const char lower = eu::internal::ascii_lower(c);
    return static_cast<unsigned>(lower <= '9' ? lower - '0' : lower - 'a' + 10);
  };
  PackedId id{};
  for (std::size_t i = 0; i < id.size() && 2 * i + 1 < hex.size(); ++i) {
    id[i] = static_cast<unsigned char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return id;
}

bool is_not_found(const std::optional<eu::Error>& error) {
  return error && error->kind == eu::ErrorKind::kHttp && error->http_status == 404;
}

// What a record comes to once checked against the emails looked up.
enum class Verdict { kSend, kNotFound, kInvalid };

// A record sent and not yet settled: what its outcome's row in the report needs.
struct Pending {
  std::size_t row = 0;
  std::string email;  // the email the record names the user by, if it does
};

class FileEdit {
 public:
  FileEdit(EditKind kind, const eu::ExperienceUsersClient& client,
           const std::string& application_id, const BulkEditOptions& options, std::ostream& out,
           std::ostream& err, const ErrorWords& words)
      : kind_(kind),
        client_(client),
        application_id_(application_id),
        options_(options),
        out_(out),
        err_(err),
        words_(words) {}

  ExitCode run();

 private:
  const char* command() const { return kind_ == EditKind::kUpdate ? "update" : "delete"; }

  // The user @p record names (into @p user_id), or why it cannot be sent. With @p seen, a user
  // an earlier row named already makes the record invalid.
  Verdict settle(EditRecord& record, std::string& user_id, RowsById* seen) const {
    user_id.clear();
    if (record.error) return Verdict::kInvalid;
    if (!record.key.id.empty()) {
      user_id = record.key.id;
    } else {
      const auto found = ids_.find(eu::internal::ascii_lowered(record.key.email));
      if (found == ids_.end()) {
        if (kind_ == EditKind::kDelete) return Verdict::kNotFound;  // gone already: the goal
        record.error = eu::invalid_argument("body.email", "no user has this email");
        return Verdict::kInvalid;
      }
      user_id = found->second;
    }
    if (seen != nullptr) {
      const auto [first, inserted] = seen->emplace(pack(user_id), record.row);
      if (!inserted) {
        record.error =
            eu::invalid_argument("", "names the same user as row " + std::to_string(first->second) +
                                         " (rows are sent concurrently: give each user one row)");
        return Verdict::kInvalid;
      }
    }
    return Verdict::kSend;
  }

  // A broken file: reported, with its exit code.
  ExitCode broken(const eu::Error& error) const {
    print_error(err_, describe(error, words_, FieldStyle::kRecord) + "; nothing was sent");
    return exit_code_for(error);
  }

  // Pass 1: reads every record and collects the emails that name users.
  std::optional<ExitCode> collect_emails(std::unordered_set<std::string>& emails) {
    EditReader reader(options_.in_path, kind_);
    for (EditRecord record; reader.next(record);) {
      if (!record.error && record.key.id.empty()) {
        emails.insert(eu::internal::ascii_lowered(record.key.email));
      }
    }
    if (reader.error()) return broken(*reader.error());
    return std::nullopt;
  }

  struct Counts {
    std::size_t rows = 0, send = 0, not_found = 0, invalid = 0;
  };

  // A pass that settles every record: with @p report, each row is recorded there (not sent:
  // `invalid`, `valid` or `not-found`); without, each invalid row is reported on stderr.
  std::optional<ExitCode> check_all(Counts& counts, BulkRun* report) {
    EditReader reader(options_.in_path, kind_);
    RowsById seen;
    std::string user_id;
    for (EditRecord record; reader.next(record);) {
      ++counts.rows;
      const Verdict verdict = settle(record, user_id, &seen);
      if (verdict == Verdict::kInvalid) {
        ++counts.invalid;
      } else {
        ++(verdict == Verdict::kSend ? counts.send : counts.not_found);
      }
      const RowOutcome outcome = verdict == Verdict::kInvalid    ? RowOutcome::kInvalid
                                 : verdict == Verdict::kNotFound ? RowOutcome::kNotFound
                                                                 : RowOutcome::kValid;
      if (report != nullptr) {
        report->record(record.row, user_id, record.key.email, outcome, record.error,
                       /*print=*/false);
      } else if (record.error) {
        print_error(err_, BulkRun::describe_row(record.row, record.key.id, record.key.email) +
                              ": " + describe(*record.error, words_, FieldStyle::kRecord));
      }
    }
    if (reader.error()) return broken(*reader.error());
    return std::nullopt;
  }

  // Stopping before anything is sent: the report (if asked for) shows each row as checked.
  ExitCode stop(ExitCode code) {
    if (options_.report_path.empty()) return code;
    BulkRun report(command(), err_, words_);
    if (!report.open_report(options_.report_path)) return ExitCode::kUsage;
    Counts ignored;
    if (auto failed = check_all(ignored, &report)) return *failed;
    if (!report.finish_report() && code == ExitCode::kOk) return ExitCode::kInternal;
    return code;
  }

  template <typename Input>
  ExitCode send(BulkRun& run, std::size_t total);

  EditKind kind_;
  const eu::ExperienceUsersClient& client_;
  const std::string& application_id_;
  const BulkEditOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  const ErrorWords& words_;
  IdsByEmail ids_;  // the users the file names by email, by lower-case email
};

// The last pass: the records read once more and streamed through the bulk call, each outcome
// recorded as it settles. A record that no longer passes the checks (the file changed) stops
// the reading there.
template <typename Input>
ExitCode FileEdit::send(BulkRun& run, std::size_t total) {
  EditReader reader(options_.in_path, kind_);
  std::mutex mu;  // guards pending and next_index (the source and the sink run on any worker)
  std::unordered_map<std::size_t, Pending> pending;  // by BulkOutcome::index; concurrency at most
  std::size_t next_index = 0;
  std::optional<eu::Error> stopped;
  eu::BulkSource<Input> source = [&]() -> std::optional<Input> {
    EditRecord record;
    std::string user_id;
    while (reader.next(record)) {
      const Verdict verdict = settle(record, user_id, nullptr);
      if (verdict == Verdict::kNotFound) {
        run.record(record.row, "", record.key.email, RowOutcome::kNotFound, std::nullopt);
        continue;
      }
      if (verdict == Verdict::kInvalid) {
        stopped = eu::invalid_argument(
            "--in", "row " + std::to_string(record.row) +
                        " no longer passes the checks (the file changed while it was read): it "
                        "and the rows after it were not sent");
        return std::nullopt;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        pending.emplace(next_index++, Pending{record.row, record.key.email});
      }
      if constexpr (std::is_same_v<Input, eu::BulkUpdate>) {
        return eu::BulkUpdate{std::move(user_id), std::move(record.patch)};
      } else {
        return user_id;
      }
    }
    if (reader.error()) stopped = *reader.error();
    return std::nullopt;
  };
  eu::BulkSink sink = [&](eu::BulkOutcome&& outcome) {
    Pending row;
    {
      std::lock_guard<std::mutex> lock(mu);
      const auto found = pending.find(outcome.index);
      if (found != pending.end()) {
        row = std::move(found->second);
        pending.erase(found);
      }
    }
    RowOutcome kind = RowOutcome::kFailed;
    if (outcome.kind == eu::BulkOutcomeKind::kUpdated) kind = RowOutcome::kUpdated;
    if (outcome.kind == eu::BulkOutcomeKind::kDeleted) kind = RowOutcome::kDeleted;
    // A user already gone is what a delete wants: not a failure.
    if (kind_ == EditKind::kDelete && kind == RowOutcome::kFailed && is_not_found(outcome.error)) {
      kind = RowOutcome::kNotFound;
    }
    run.record(row.row, outcome.user_id.value_or(""),
               outcome.email.empty() ? row.email : outcome.email, kind, outcome.error);
  };
  const eu::BulkOptions bulk = run.bulk_options(options_.concurrency, total);
  if constexpr (std::is_same_v<Input, eu::BulkUpdate>) {
    client_.update_many(application_id_, source, sink, bulk);
  } else {
    client_.remove_many(application_id_, source, sink, bulk);
  }
  run.finish_progress();
  if (stopped) {
    print_error(err_, describe(*stopped, words_, FieldStyle::kRecord));
    return exit_code_for(*stopped);
  }
  return ExitCode::kOk;
}

ExitCode FileEdit::run() {
  if (auto clash =
          same_file_clash({{"--in", options_.in_path}, {"--report", options_.report_path}})) {
    print_error(err_, *clash);
    return ExitCode::kUsage;
  }
  std::unordered_set<std::string> emails;
  if (auto failed = collect_emails(emails)) return *failed;
  if (!emails.empty()) {
    // Read only: nothing is changed before every record has been checked.
    auto found = find_ids_by_email(client_, application_id_, emails);
    if (!found) {
      print_error(err_, describe(found.error(), words_) +
                            " (while looking the file's emails up; nothing was changed)");
      return exit_code_for(found.error());
    }
    ids_ = std::move(*found);
  }
  emails.clear();

  Counts counts;
  if (auto failed = check_all(counts, nullptr)) return *failed;
  const std::string name = command();
  if (counts.invalid > 0) {
    print_error(err_, std::to_string(counts.invalid) + " of " + std::to_string(counts.rows) +
                          " rows are invalid; nothing was sent");
    return stop(ExitCode::kInvalidArgument);
  }
  const std::string not_found =
      kind_ == EditKind::kDelete ? ", " + std::to_string(counts.not_found) + " not found" : "";
  if (options_.dry_run) {
    out_ << name << ": dry run: " << counts.rows << " rows are valid (" << counts.send
         << " users to " << (kind_ == EditKind::kUpdate ? "update" : "delete") << not_found
         << "); nothing was sent\n";
    return stop(ExitCode::kOk);
  }
  if (counts.rows == 0) {
    out_ << name << ": 0 rows: nothing to do\n";
    return stop(ExitCode::kOk);
  }
  if (kind_ == EditKind::kDelete && counts.send > 0 &&
      !confirmed("delete: delete " + std::to_string(counts.send) + " users (" +
                     std::to_string(counts.rows) + " rows" + not_found + ")?",
                 options_.yes, err_)) {
    out_ << "delete: not confirmed; nothing was deleted\n";
    return stop(ExitCode::kOk);
  }
  // One cheap request first: a wrong token or application fails here, once, not per row.
  eu::ListQuery probe;
  probe.per_page = 1;
  if (auto reachable = client_.list(application_id_, probe); !reachable) {
    print_error(err_, describe(reachable.error(), words_) + " (nothing was sent)");
    return stop(exit_code_for(reachable.error()));
  }

  BulkRun run(name, err_, words_);
  if (!options_.report_path.empty() && !run.open_report(options_.report_path)) {
    return ExitCode::kUsage;
  }
  const ExitCode sent = kind_ == EditKind::kUpdate ? send<eu::BulkUpdate>(run, counts.send)
                                                   : send<std::string>(run, counts.send);
  run.finish_report();
  out_ << name << ": " << counts.rows << " rows: ";
  if (kind_ == EditKind::kUpdate) {
    out_ << run.count(RowOutcome::kUpdated) << " updated";
  } else {
    out_ << run.count(RowOutcome::kDeleted) << " deleted, " << run.count(RowOutcome::kNotFound)
         << " not found";
  }
  out_ << ", " << run.count(RowOutcome::kFailed) << " failed\n";
  const ExitCode code = run.exit_code();
  return sent != ExitCode::kOk && code == ExitCode::kOk ? ExitCode::kPartial : code;
}

}  // namespace

ExitCode run_edit_file(EditKind kind, const eu::ExperienceUsersClient& client,
                       const std::string& application_id, const BulkEditOptions& options,
                       std::ostream& out, std::ostream& err, const ErrorWords& words) {
  return FileEdit(kind, client, application_id, options, out, err, words).run();
}

}  // namespace losant::cli
