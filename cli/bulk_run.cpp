// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "bulk_run.hpp"

#include <unistd.h>

#include <iostream>
#include <utility>
#include <vector>

#include "output.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "text/text.hpp"

namespace losant::cli {

namespace eu = losant::experience_users;

std::string_view to_string(RowOutcome outcome) noexcept {
  switch (outcome) {
    case RowOutcome::kUpdated: return "updated";
    case RowOutcome::kDeleted: return "deleted";
    case RowOutcome::kNotFound: return "not-found";
    case RowOutcome::kFailed: return "failed";
    case RowOutcome::kInvalid: return "invalid";
    case RowOutcome::kValid: return "valid";
  }
  return "unknown";
}

BulkRun::BulkRun(std::string command, std::ostream& err, const ErrorWords& words)
    : command_(std::move(command)), err_(err), words_(words) {}

bool BulkRun::open_report(const std::string& path) {
  report_.emplace(path, std::vector<std::string>{"row", "user_id", "email", "outcome", "error"});
  if (report_->is_open()) return true;
  print_error(err_, "--report: " + report_->error());
  report_.reset();
  return false;
}

std::string BulkRun::describe_row(std::size_t row, const std::string& user_id,
                                  const std::string& email) {
  std::string text = "row " + std::to_string(row);
  if (!email.empty() || !user_id.empty()) text += " (" + (email.empty() ? user_id : email) + ")";
  return text;
}

void BulkRun::record(std::size_t row, const std::string& user_id, const std::string& email,
                     RowOutcome outcome, const std::optional<eu::Error>& error, bool print) {
  const bool has_error =
      error && (outcome == RowOutcome::kFailed || outcome == RowOutcome::kInvalid);
  const std::string error_text =
      has_error ? describe(*error, words_, FieldStyle::kRecord) : std::string();
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_[static_cast<int>(outcome)];
  if (outcome == RowOutcome::kFailed) {
    failures_.insert(error ? exit_code_for(*error) : ExitCode::kInternal);
  }
  if (print && has_error) {
    print_error(err_, describe_row(row, user_id, email) + ": " + error_text);
  } else if (print && outcome == RowOutcome::kNotFound) {
    err_ << "note: " << printable(describe_row(row, user_id, email)) << ": not found\n";
  }
  if (report_ && !report_failed_ &&
      !report_->add(
          {std::to_string(row), user_id, email, std::string(to_string(outcome)), error_text})) {
    report_failed_ = true;
  }
}

bool BulkRun::finish_report() {
  if (!report_) return true;
  const bool ok = !report_failed_ && report_->finish();
  if (!ok) print_error(err_, "--report: " + report_->error());
  report_.reset();
  report_failed_ = report_failed_ || !ok;
  return ok;
}

std::size_t BulkRun::count(RowOutcome outcome) const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_[static_cast<int>(outcome)];
}

ExitCode BulkRun::exit_code() const {
  std::lock_guard<std::mutex> lock(mu_);
  const std::size_t succeeded = counts_[static_cast<int>(RowOutcome::kUpdated)] +
                                counts_[static_cast<int>(RowOutcome::kDeleted)] +
                                counts_[static_cast<int>(RowOutcome::kNotFound)];
  if (!failures_.empty()) {
    return succeeded == 0 && failures_.size() == 1 ? *failures_.begin() : ExitCode::kPartial;
  }
  return report_failed_ ? ExitCode::kInternal : ExitCode::kOk;
}

eu::BulkOptions BulkRun::bulk_options(int concurrency, std::optional<std::size_t> total) {
  progress_.emplace(err_, is_terminal(STDERR_FILENO), command_);
  if (total) progress_->set_total(*total);
  eu::BulkOptions options;
  options.concurrency = concurrency;
  options.on_progress = [this](const eu::BulkProgress& p) {
    std::string detail = command_ == "delete" ? "deleted " + std::to_string(p.deleted)
                                              : "updated " + std::to_string(p.updated);
    progress_->update(p.done, detail + "  failed " + std::to_string(p.failed));
  };
  return options;
}

void BulkRun::finish_progress() {
  if (progress_) progress_->finish();
}

bool confirmed(const std::string& question, bool yes, std::ostream& err) {
  if (yes || !is_terminal(STDIN_FILENO) || !is_terminal(STDERR_FILENO)) return true;
  err << printable(question) << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    err << '\n';
    return false;
  }
  answer = eu::internal::ascii_lowered(eu::internal::trim(answer));
  return answer == "y" || answer == "yes";
}

}  // namespace losant::cli
