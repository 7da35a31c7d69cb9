// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "export.hpp"

#include <unistd.h>

#include <optional>
#include <ostream>

#include "csv.hpp"
#include "files.hpp"
#include "losant/experience_users/json.hpp"
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
    switch (format_) {
      case Format::kCsv: csv_.write_row(columns_.row(user)); break;
      case Format::kJson: out_ << (written_ == 0 ? "\n" : ",\n") << eu::to_json(user); break;
      case Format::kJsonl:
      case Format::kTable:  // refused by the command line
        out_ << eu::to_json(user) << '\n';
        break;
    }
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
};

ExitCode fail(std::ostream& err, const eu::Error& error, std::size_t written) {
  std::string message = error.to_string();
  if (written > 0) {
    message += " (after " + std::to_string(written) + " users: the output is incomplete)";
  }
  print_error(err, message);
  return exit_code_for(error);
}

}  // namespace

ExitCode run_export(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    eu::ListQuery query, const ExportOptions& options, std::ostream& out,
                    std::ostream& err) {
  std::optional<OutputFile> file;
  std::ostream* sink = &out;
  if (!options.out_path.empty() && options.out_path != "-") {
    file.emplace(options.out_path, Existing::kReplace);
    if (!file->is_open()) {
      print_error(err, "--out: " + file->error());
      return ExitCode::kUsage;
    }
    sink = &file->stream();
  }

  UserStreamWriter writer(*sink, options);
  ProgressBar progress(err, is_terminal(STDERR_FILENO), "export");

  // The first page is fetched on its own for its totalCount (UserRange does not expose it);
  // list_all() streams the rest, one page in memory at a time.
  const std::int64_t per_page = query.per_page.value_or(kExportPageSize);
  query.per_page = per_page;
  query.page = 0;
  bool more = false;
  {
    eu::Result<eu::ExperienceUsers> first = client.list(application_id, query);
    if (!first) return fail(err, first.error(), 0);
    const auto count = static_cast<std::int64_t>(first->items.size());
    if (first->total_count) progress.set_total(static_cast<std::size_t>(*first->total_count));
    for (const eu::ExperienceUser& user : first->items) {
      writer.write(user);
      progress.update(writer.written());
    }
    more = count == per_page && (!first->total_count || per_page < *first->total_count);
  }
  if (more) {
    query.page = 1;
    for (const eu::Result<eu::ExperienceUser>& user : client.list_all(application_id, query)) {
      if (!user) {
        progress.finish();
        return fail(err, user.error(), writer.written());
      }
      writer.write(*user);
      progress.update(writer.written());
      if (!*sink) break;  // a full disk: stop fetching, reported below
    }
  }
  writer.finish();
  progress.finish();
  if (!*sink || (file && !file->close())) {
    print_error(err, "could not write the output" + (file ? ": " + file->error() : std::string()));
    return ExitCode::kInternal;
  }
  return ExitCode::kOk;
}

}  // namespace losant::cli
