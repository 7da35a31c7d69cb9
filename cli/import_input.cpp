// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "import_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>

#include "csv.hpp"
#include "user_csv.hpp"
#include "user_jsonl.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

ImportRecord record_of(std::size_t row, eu::Result<eu::ExperienceUserPost> parsed) {
  ImportRecord record;
  record.row = row;
  if (parsed) {
    record.post = std::move(*parsed);
  } else {
    record.error = std::move(parsed).error();
  }
  return record;
}

}  // namespace

ImportReader::ImportReader(std::istream& in, Format format) : in_(in), format_(format) {
  if (format_ == Format::kCsv) csv_ = std::make_unique<CsvReader>(in_);
}

ImportReader::~ImportReader() = default;

bool ImportReader::next(ImportRecord& record) {
  if (error_) return false;
  return format_ == Format::kCsv ? next_csv(record) : next_jsonl(record);
}

bool ImportReader::next_csv(ImportRecord& record) {
  CsvRecord csv;
  const bool read = csv_->next(csv);
  if (!mapping_ && read) {
    auto mapping = CsvPostMapping::from_header(csv.fields);
    if (!mapping) {
      error_ = std::move(mapping).error();
      return false;
    }
    mapping_ = std::move(*mapping);
    header_ = std::move(csv.fields);
    return next_csv(record);
  }
  if (!read) {
    if (csv_->error()) {
      error_ = eu::invalid_argument("input", *csv_->error());
    } else if (!mapping_) {
      error_ = eu::invalid_argument("input", "the file is empty: a CSV file needs a header");
    }
    return false;
  }
  const std::size_t row = csv.number - 1;
  ++rows_;
  if (csv.fields.size() != mapping_->columns()) {
    record = record_of(row, eu::invalid_argument("row", "has " + std::to_string(csv.fields.size()) +
                                                            " fields; the header has " +
                                                            std::to_string(mapping_->columns())));
    return true;
  }
  std::vector<std::string> group_names;
  record = record_of(row, mapping_->parse(csv.fields, &group_names));
  record.group_names = std::move(group_names);
  return true;
}

bool ImportReader::next_jsonl(ImportRecord& record) {
  while (read_capped_line(in_, line_)) {
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    record = record_of(++rows_, parse_import_record(line_));
    return true;
  }
  if (in_.bad()) error_ = eu::invalid_argument("input", "could not read the input");
  return false;
}

namespace {

eu::Error input_error(const std::string& path, const std::string& what) {
  return eu::invalid_argument("--in", path + ": " + what);
}

// Copies stdin to a new temporary file that has no name (unlinked at once, mode 0600: it may
// hold passwords); its descriptor, or -1 with errno set.
int spool_stdin() {
  const char* dir = std::getenv("TMPDIR");
  std::string name =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/losant-import-XXXXXX";
  const int fd = ::mkstemp(name.data());  // mode 0600
  if (fd < 0) return -1;
  ::unlink(name.c_str());
  char buffer[64 * 1024];
  for (;;) {
    std::cin.read(buffer, sizeof buffer);
    const auto got = static_cast<std::size_t>(std::cin.gcount());
    for (std::size_t at = 0; at < got;) {
      const ssize_t written = ::write(fd, buffer + at, got - at);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        const int saved = written < 0 ? errno : ENOSPC;
        ::close(fd);
        errno = saved;
        return -1;
      }
      at += static_cast<std::size_t>(written);
    }
    if (!std::cin) break;
  }
  if (std::cin.bad()) {
    ::close(fd);
    errno = EIO;
    return -1;
  }
  return fd;
}

}  // namespace

std::optional<ImportInput::Stamp> ImportInput::stamp_of(const std::string& name) {
  struct stat s {};
  if (::stat(name.c_str(), &s) != 0) return std::nullopt;
  return Stamp{s.st_dev, s.st_ino, s.st_size,
               static_cast<std::int64_t>(s.st_mtim.tv_sec) * 1000000000 + s.st_mtim.tv_nsec};
}

std::string ImportInput::name() const {
  return spool_fd_ >= 0 ? "/proc/self/fd/" + std::to_string(spool_fd_) : path_;
}

eu::Result<ImportInput> ImportInput::open(const std::string& path) {
  int spool = -1;
  if (path == "-") {
    spool = spool_stdin();
    if (spool < 0) {
      return input_error("stdin", std::string("could not keep a copy: ") + std::strerror(errno));
    }
  }
  ImportInput input(path, spool);
  const auto stamp = stamp_of(input.name());
  if (!stamp) return input_error(path, std::strerror(errno));
  input.stamp_ = *stamp;
  return input;
}

ImportInput::ImportInput(ImportInput&& other) noexcept
    : path_(std::move(other.path_)), spool_fd_(other.spool_fd_), stamp_(other.stamp_) {
  other.spool_fd_ = -1;
}

ImportInput::~ImportInput() {
  if (spool_fd_ >= 0) ::close(spool_fd_);
}

eu::Result<std::unique_ptr<std::istream>> ImportInput::read() const {
  auto in = std::make_unique<std::ifstream>(name(), std::ios::binary);
  if (!*in) return input_error(path_, std::strerror(errno));
  // The file now open must be the one first checked, unchanged.
  if (stamp_of(name()) != stamp_) {
    return input_error(path_, "changed while it was being imported; nothing more was sent");
  }
  return std::unique_ptr<std::istream>(std::move(in));
}

}  // namespace losant::cli
