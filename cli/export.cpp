// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "export.hpp"

#include <unistd.h>

#include <optional>
#include <ostream>
#include <string>

#include "csv.hpp"
#include "files.hpp"
#include "losant/experience_users/json.hpp"
#include "losant/experience_users/validate.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "terminal.hpp"
#include "user_csv.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// Writes users one at a time in the chosen format.
class UserStreamWriter {
 public:
  UserStreamWriter(std::ostream& out, const ExportOptions& options)
      : out_(out), format_(options.format), csv_(out), columns_(options.tag_columns) {
    if (format_ == Format::kCsv) csv_.write_row(columns_.header());
    if (format_ == Format::kJson) out_ << '[';
  }

  void write(const eu::ExperienceUser& user) {
    // Each record is written straight into one reused buffer: no string per user or cell.
    buffer_.clear();
    switch (format_) {
      case Format::kCsv: columns_.append_row(buffer_, user); break;
      case Format::kJson:
        buffer_ += written_ == 0 ? "\n" : ",\n";
        eu::append_json(buffer_, user);
        break;
      case Format::kJsonl:
      case Format::kTable:  // refused by the command line
        eu::append_json(buffer_, user);
        buffer_ += '\n';
        break;
    }
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    ++written_;
  }

  void finish() {
    if (format_ == Format::kJson) out_ << (written_ == 0 ? "]\n" : "\n]\n");
    out_.flush();
  }

  std::size_t written() const { return written_; }

 private:
  std::ostream& out_;
  Format format_;
  CsvWriter csv_;
  UserCsvColumns columns_;
  std::size_t written_ = 0;
  std::string buffer_;
};

// @p out_path: the file being written, whose previous content stays as it was; empty: stdout.
ExitCode fail(std::ostream& err, const eu::Error& error, const ErrorWords& words,
              std::size_t written, const std::string& out_path) {
  std::string message = describe(error, words);
  if (!out_path.empty()) {
    message += " (" + out_path + " is unchanged)";
  } else if (written > 0) {
    message += " (after " + std::to_string(written) + " users: the output is incomplete)";
  }
  print_error(err, message);
  return exit_code_for(error);
}

}  // namespace

ExitCode run_export(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    eu::ListQuery query, const ExportOptions& options, std::ostream& out,
                    std::ostream& err, const ErrorWords& words) {
  query.per_page = query.per_page.value_or(kExportPageSize);
  // Every option is checked before any file is touched.
  if (auto invalid = eu::validate(query)) {
    print_error(err, describe(*invalid, words));
    return exit_code_for(*invalid);
  }
  std::optional<OutputFile> file;
  std::ostream* sink = &out;
  const bool to_file = !options.out_path.empty() && options.out_path != "-";
  const std::string out_path = to_file ? options.out_path : std::string();
  if (to_file) {
    file.emplace(options.out_path, Existing::kReplace);
    if (!file->is_open()) {
      print_error(err, "--out: " + file->error());
      return ExitCode::kUsage;
    }
    sink = &file->stream();
  }

  UserStreamWriter writer(*sink, options);
  ProgressBar progress(err, is_terminal(STDERR_FILENO), "export");

  // One page in memory at a time; the first page's totalCount sizes the progress bar.
  eu::UserRange users = client.list_all(
      application_id, query, options.consistent ? eu::Paging::kKeyset : eu::Paging::kOffset);
  auto it = users.begin();
  if (users.total_count()) progress.set_total(static_cast<std::size_t>(*users.total_count()));
  for (; it != users.end(); ++it) {
    if (!*it) {
      progress.finish();
      return fail(err, it->error(), words, writer.written(), out_path);
    }
    writer.write(**it);
    progress.update(writer.written());
    if (!*sink) break;  // a full disk: stop fetching, reported below
  }
  writer.finish();
  progress.finish();
  if (file) {
    // A failed write also fails commit(), with the reason; the old file stays as it was.
    if (!file->commit()) {
      print_error(err, "--out: " + file->error() + " (" + out_path + " is unchanged)");
      return ExitCode::kInternal;
    }
  } else if (!*sink) {
    print_error(err, "could not write the output");
    return ExitCode::kInternal;
  }
  return ExitCode::kOk;
}

}  // namespace losant::cli
