// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// `import`, streamed: the input is read once to check every record (keeping 16 bytes per row
// to find repeated emails), again to write generated passwords if any, and again while
// create_many() takes the records as it has room for them; each outcome goes to the report the
// moment it is known. Memory does not grow with the file (but for those 16 bytes a row).
#include "import.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "csv.hpp"
#include "files.hpp"
#include "import_input.hpp"
#include "losant/experience_users/validate.hpp"
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

// `row 7 (ada@example.com)`: how messages name a record.
std::string describe_row(std::size_t number, const std::string& email) {
  std::string text = "row " + std::to_string(number);
  if (!email.empty()) text += " (" + email + ")";
  return text;
}

// The report's header: one line per record, in the order outcomes became known.
const std::vector<std::string> kReportHeader{"row",     "email", "outcome",
                                             "user_id", "error", "detail"};

// Rows whose email an earlier row already has (ignoring ASCII case, as the API does), and that
// row. Found within a bounded budget: the checking pass keeps a 64-bit hash of each email with
// its row (16 bytes a row); only rows whose hashes collide are read again and compared whole.
class RepeatedEmails {
 public:
  void add(const std::string& email, std::size_t row) {
    hashes_.push_back({std::hash<std::string>()(eu::internal::ascii_lowered(email)), row});
  }
  // Rows that share a hash with another, to be compared whole (sorted).
  std::set<std::size_t> candidates() {
    std::sort(hashes_.begin(), hashes_.end());
    std::set<std::size_t> rows;
    for (std::size_t i = 1; i < hashes_.size(); ++i) {
      if (hashes_[i].first != hashes_[i - 1].first) continue;
      rows.insert(hashes_[i - 1].second);
      rows.insert(hashes_[i].second);
    }
    return rows;
  }
  // With the (lower-case) emails of the candidates: each repeated row and its first row.
  static std::map<std::size_t, std::size_t> confirm(
      const std::map<std::size_t, std::string>& emails) {
    std::map<std::size_t, std::size_t> repeated;
    std::unordered_map<std::string, std::size_t> first;
    for (const auto& [row, email] : emails) {  // in row order
      const auto [it, inserted] = first.emplace(email, row);
      if (!inserted) repeated.emplace(row, it->second);
    }
    return repeated;
  }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> hashes_;  // (hash, row)
};

// Everything a pass over the input needs to check a record the same way each time.
struct Checker {
  const eu::ExperienceUsersClient& client;
  const std::string& application_id;
  bool generate_passwords;
  std::optional<GroupDirectory> groups;         // loaded at the first groupNames cell
  std::map<std::size_t, std::size_t> repeated;  // row -> the earlier row with its email

  // Why @p record cannot be sent (its groupNames resolved into it), or nullopt. A record
  // without a password is fine when passwords are generated.
  std::optional<eu::Error> check(ImportRecord& record) {
    if (record.error) return record.error;
    if (!record.group_names.empty()) {
      if (!groups) {
        auto loaded = GroupDirectory::load(client, application_id);
        if (!loaded) return loaded.error();
        groups = std::move(*loaded);
      }
      std::vector<std::string> ids =
          record.post.experience_group_ids.value_or(std::vector<std::string>{});
      if (auto e = groups->resolve(record.group_names, "groupNames", ids)) return e;
      record.post.experience_group_ids = std::move(ids);
      record.group_names.clear();
    }
    if (!record.post.password.empty()) {
      if (auto e = eu::validate(record.post)) return e;
    } else if (!generate_passwords) {
      return eu::invalid_argument("body.password",
                                  "required: the record has none (give one, or use "
                                  "--generate-passwords FILE)");
    } else {
      // Checked with a stand-in: the password to be generated obeys the same rules.
      eu::ExperienceUserPost with_password = record.post;
      with_password.password = "a-generated-password";
      if (auto e = eu::validate(with_password)) return e;
    }
    if (auto first = repeated.find(record.row); first != repeated.end()) {
      return eu::invalid_argument("body.email",
                                  "the same email as row " + std::to_string(first->second));
    }
    return std::nullopt;
  }
};

// Calls @p each for every record of a fresh reading of @p input (stopping when it returns
// false); the error of the input as a whole, if any.
std::optional<eu::Error> for_each_record(const ImportInput& input, Format format,
                                         const std::function<bool(ImportRecord&)>& each) {
  auto stream = input.read();
  if (!stream) return stream.error();
  ImportReader reader(**stream, format);
  for (ImportRecord record; reader.next(record);) {
    if (!each(record)) return std::nullopt;
  }
  return reader.error();
}

// What the checking pass found.
struct Census {
  std::size_t rows = 0;
  std::size_t invalid = 0;
  std::size_t readable = 0;       // records that could be read
  std::size_t with_password = 0;  // readable, with a password
  std::size_t to_generate = 0;    // valid, without a password
};

// The checking pass: every record checked, repeated emails found (a second, partial pass
// only when two emails' hashes collide).
eu::Result<Census> check_all(const ImportInput& input, Format format, Checker& checker) {
  Census census;
  RepeatedEmails emails;
  auto error = for_each_record(input, format, [&](ImportRecord& record) {
    ++census.rows;
    if (!record.error) {
      ++census.readable;
      if (!record.post.password.empty()) ++census.with_password;
    }
    if (checker.check(record)) {
      ++census.invalid;
    } else {
      emails.add(record.post.email, record.row);
      if (record.post.password.empty()) ++census.to_generate;
    }
    return true;
  });
  if (error) return *error;
  const std::set<std::size_t> candidates = emails.candidates();
  if (candidates.empty()) return census;
  std::map<std::size_t, std::string> candidate_emails;
  error = for_each_record(input, format, [&](ImportRecord& record) {
    if (candidates.count(record.row) != 0) {
      candidate_emails.emplace(record.row, eu::internal::ascii_lowered(record.post.email));
    }
    return true;
  });
  if (error) return *error;
  checker.repeated = RepeatedEmails::confirm(candidate_emails);
  census.invalid += checker.repeated.size();
  return census;
}

// The pass that stops before sending (invalid rows, or a dry run): every problem printed in
// row order, and each row reported `invalid` or `valid`.
std::optional<eu::Error> report_unsent(const ImportInput& input, Format format, Checker& checker,
                                       LiveReport* report, std::ostream& err,
                                       const ErrorWords& words) {
  return for_each_record(input, format, [&](ImportRecord& record) {
    const std::optional<eu::Error> problem = checker.check(record);
    const std::string& email = record.post.email;
    if (problem) {
      print_error(err, describe_row(record.row, email) + ": " +
                           describe(*problem, words, FieldStyle::kRecord));
    }
    if (report) {
      report->add({std::to_string(record.row), email, problem ? "invalid" : "valid", "",
                   problem ? describe(*problem, words, FieldStyle::kRecord) : "", ""});
    }
    return true;
  });
}

// Writes `row,email,password` for each valid record without a password, in row order, and
// waits until the file is on disk: a user may be created with it the next moment.
bool write_generated_passwords(const ImportInput& input, Format format, Checker& checker,
                               const std::string& path, std::ostream& err) {
  OutputFile file(path, Existing::kRefuse);
  if (!file.is_open()) {
    print_error(err, "--generate-passwords: " + file.error() +
                         " (it must be a new file: it will hold new passwords)");
    return false;
  }
  CsvWriter csv(file.stream());
  csv.write_row({"row", "email", "password"});
  const auto error = for_each_record(input, format, [&](ImportRecord& record) {
    if (!checker.check(record) && record.post.password.empty()) {
      csv.write_row({std::to_string(record.row), record.post.email, generate_password()});
    }
    return true;
  });
  if (error) {
    print_error(err, "--in: " + error->message + " (no user was created)");
    return false;
  }
  if (!file.commit()) {
    print_error(err, "--generate-passwords: " + file.error() + " (no user was created)");
    return false;
  }
  return true;
}

// The fields a record gives that the stored user has otherwise, by their CSV names: sync's
// comparison, and the email when it differs in case.
std::vector<std::string> differences(const eu::ExperienceUserPost& record,
                                     const eu::ExperienceUser& stored) {
  std::vector<std::string> names;
  if (record.email != stored.email) names.push_back("email");  // the same but for case
  for (std::string& name : field_names(difference(record, StoredUser::of(stored)))) {
    names.push_back(std::move(name));
  }
  return names;
}

// A record handed to create_many and not settled yet (its password cleared).
struct InFlight {
  std::size_t row = 0;
  eu::ExperienceUserPost post;
};

// The sending pass: create_many() pulls checked records from a fresh reading of the input
// (generated passwords from their file, in step), and each outcome is reported as it comes.
class Sender {
 public:
  Sender(const eu::ExperienceUsersClient& client, const std::string& application_id,
         const ImportOptions& options, Checker& checker, LiveReport* report, std::ostream& err,
         const ErrorWords& words)
      : client_(client),
        application_id_(application_id),
        options_(options),
        checker_(checker),
        report_(report),
        err_(err),
        words_(words) {}

  // Sends the @p rows records of @p input; with @p generated, the passwords of those without
  // one are in options.passwords_path.
  ExitCode run(const ImportInput& input, std::size_t rows, bool generated, std::ostream& out) {
    auto stream = input.read();
    if (!stream) {
      print_error(err_, describe(stream.error(), words_) + " (nothing was imported)");
      return exit_code_for(stream.error());
    }
    ImportReader reader(**stream, options_.format);
    std::unique_ptr<std::istream> password_stream;
    if (generated) {
      password_stream = std::make_unique<std::ifstream>(options_.passwords_path, std::ios::binary);
      passwords_ = std::make_unique<CsvReader>(*password_stream);
      CsvRecord header;
      passwords_->next(header);
    }

    ProgressBar progress(err_, is_terminal(STDERR_FILENO), "import");
    progress.set_total(rows);
    eu::BulkOptions bulk;
    bulk.concurrency = options_.concurrency;
    bulk.look_up_existing = true;  // a skipped row's report names the user that has the email
    bulk.on_progress = [&progress](const eu::BulkProgress& p) {
      progress.update(p.done, "created " + std::to_string(p.created) + "  skipped " +
                                  std::to_string(p.skipped) + "  failed " +
                                  std::to_string(p.failed));
    };
    const eu::BulkProgress counts = client_.create_many(
        application_id_, [&] { return take(reader); },
        [&](eu::BulkOutcome&& outcome) { settle(std::move(outcome)); }, bulk);
    progress.finish();
    if (!stopped_ && reader.error()) stopped_ = describe(*reader.error(), words_);
    if (stopped_) print_error(err_, *stopped_ + " (the rows after it were not sent)");

    if (differing_ > 0) {
      err_ << "note: " << differing_
           << (differing_ == 1 ? " existing user differs" : " existing users differ")
           << " from the file: not reconciled (import only creates users; make them match it "
              "with sync)\n";
    }
    const bool reported = !report_ || report_->finish();
    if (!reported) print_error(err_, "--report: " + report_->error());
    out << "import: " << counts.done << " rows: " << counts.created << " created, "
        << counts.skipped << " skipped";
    if (differing_ > 0) out << " (" << differing_ << " differ)";
    out << ", " << counts.failed << " failed";
    if (counts.done < rows) out << ", " << rows - counts.done << " not sent";
    out << "\n";
    if (stopped_) failures_.insert(ExitCode::kInvalidArgument);
    ExitCode code = ExitCode::kOk;
    if (!failures_.empty()) {
      code = counts.created + counts.skipped == 0 && failures_.size() == 1 ? *failures_.begin()
                                                                           : ExitCode::kPartial;
    }
    return code == ExitCode::kOk && !reported ? ExitCode::kInternal : code;
  }

 private:
  // The next record to create, or nullopt at the end (or when the input changed under us).
  std::optional<eu::ExperienceUserPost> take(ImportReader& reader) {
    if (stopped_) return std::nullopt;
    ImportRecord record;
    if (!reader.next(record)) return std::nullopt;
    if (auto problem = checker_.check(record)) {
      stopped_ = describe_row(record.row, record.post.email) +
                 ": was valid when checked, not now: the input changed";
      return std::nullopt;
    }
    if (record.post.password.empty() && !next_generated_password(record)) return std::nullopt;
    InFlight pending{record.row, record.post};
    pending.post.password.clear();
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_.emplace(taken_++, std::move(pending));
    }
    return std::move(record.post);
  }

  bool next_generated_password(ImportRecord& record) {
    CsvRecord line;
    if (!passwords_ || !passwords_->next(line) || line.fields.size() != 3 ||
        line.fields[0] != std::to_string(record.row)) {
      stopped_ = describe_row(record.row, record.post.email) +
                 ": its generated password is not in " + options_.passwords_path;
      return false;
    }
    record.post.password = std::move(line.fields[2]);
    return true;
  }

  // Called by create_many one outcome at a time.
  void settle(eu::BulkOutcome&& outcome) {
    InFlight pending;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto taken = in_flight_.extract(outcome.index);
      if (taken.empty()) return;  // every outcome is of a record take() gave
      pending = std::move(taken.mapped());
    }
    std::string detail;
    std::string error;
    const std::string who = describe_row(pending.row, pending.post.email);
    switch (outcome.kind) {
      case eu::BulkOutcomeKind::kSkipped: detail = skipped_detail(pending, outcome); break;
      case eu::BulkOutcomeKind::kFailed:
        error = outcome.error ? describe(*outcome.error, words_, FieldStyle::kRecord) : "failed";
        print_error(err_, who + ": " + error);
        failures_.insert(outcome.error ? exit_code_for(*outcome.error) : ExitCode::kInternal);
        break;
      default: break;
    }
    if (report_) {
      report_->add({std::to_string(pending.row), pending.post.email,
                    std::string(eu::to_string(outcome.kind)), outcome.user_id.value_or(""), error,
                    detail});
    }
  }

  // `exists`, `exists; differs: firstName, tags`, or why the user could not be looked up.
  std::string skipped_detail(const InFlight& pending, const eu::BulkOutcome& outcome) {
    if (!outcome.existing) {
      return "exists; could not be looked up: " +
             (outcome.error ? describe(*outcome.error, words_) : std::string("no answer"));
    }
    const std::vector<std::string> names = differences(pending.post, *outcome.existing);
    if (names.empty()) return "exists";
    std::string detail = "exists; differs: ";
    for (std::size_t n = 0; n < names.size(); ++n) detail += (n > 0 ? ", " : "") + names[n];
    ++differing_;
    err_ << "note: " << printable(describe_row(pending.row, pending.post.email)) << ": skipped ("
         << printable(detail) << ")\n";
    return detail;
  }

  const eu::ExperienceUsersClient& client_;
  const std::string& application_id_;
  const ImportOptions& options_;
  Checker& checker_;
  LiveReport* report_;
  std::ostream& err_;
  const ErrorWords& words_;
  std::unique_ptr<CsvReader> passwords_;  // the generated passwords, read in step
  std::optional<std::string> stopped_;    // why the sending stopped before the end

  std::mutex mu_;  // guards in_flight_ and taken_: take() and settle() run on different threads
  std::unordered_map<std::size_t, InFlight> in_flight_;  // by create_many's index
  std::size_t taken_ = 0;
  // Only settle() (one call at a time) touches these.
  std::set<ExitCode> failures_;
  std::size_t differing_ = 0;
};

}  // namespace

ExitCode run_import(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    const ImportOptions& options, std::ostream& out, std::ostream& err,
                    const ErrorWords& words) {
  if (auto clash = same_file_clash({{"--in", options.in_path},
                                    {"--report", options.report_path},
                                    {"--generate-passwords", options.passwords_path}})) {
    print_error(err, *clash);
    return ExitCode::kUsage;
  }
  auto input = ImportInput::open(options.in_path);
  if (!input) {
    print_error(err, describe(input.error(), words, FieldStyle::kRecord));
    return exit_code_for(input.error());
  }
  Checker checker{client, application_id, !options.passwords_path.empty(), std::nullopt, {}};
  const eu::Result<Census> census = check_all(*input, options.format, checker);
  if (!census) {
    print_error(err, describe(census.error(), words, FieldStyle::kRecord));
    return exit_code_for(census.error());
  }
  if (!checker.generate_passwords && census->readable > 0 && census->with_password == 0) {
    // A file without passwords (an export, say) is one problem, not one per record.
    print_error(err,
                "no record has a password: add them, or give --generate-passwords FILE; nothing "
                "was sent");
    return ExitCode::kInvalidArgument;
  }
  std::optional<LiveReport> report;
  if (!options.report_path.empty()) {
    report.emplace(options.report_path, kReportHeader);
    if (!report->is_open()) {
      print_error(err, "--report: " + report->error());
      return ExitCode::kUsage;
    }
  }
  LiveReport* const report_file = report ? &*report : nullptr;
  // Stopping before anything is sent: each row reported `invalid` or `valid` (not sent).
  const auto stop = [&](ExitCode code) {
    if (report && !report->finish()) {
      print_error(err, "--report: " + report->error());
      if (code == ExitCode::kOk) return ExitCode::kInternal;
    }
    return code;
  };
  if (census->invalid > 0 || options.dry_run) {
    if (auto e = report_unsent(*input, options.format, checker, report_file, err, words)) {
      print_error(err, describe(*e, words, FieldStyle::kRecord));
      return stop(exit_code_for(*e));
    }
    if (census->invalid > 0) {
      print_error(err, std::to_string(census->invalid) + " of " + std::to_string(census->rows) +
                           " rows are invalid; nothing was sent");
      return stop(ExitCode::kInvalidArgument);
    }
    out << "import: dry run: " << census->rows << " rows are valid; nothing was sent\n";
    return stop(ExitCode::kOk);
  }
  if (census->rows == 0) {
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
  if (census->to_generate > 0 &&
      !write_generated_passwords(*input, options.format, checker, options.passwords_path, err)) {
    return stop(ExitCode::kUsage);
  }
  return Sender(client, application_id, options, checker, report_file, err, words)
      .run(*input, census->rows, census->to_generate > 0, out);
}

}  // namespace losant::cli
