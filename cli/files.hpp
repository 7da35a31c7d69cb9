// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Files the tool writes: created readable by their owner only, since they hold personal data
/// (exports, reports) or secrets (generated passwords).
#pragma once

#include <memory>
#include <ostream>
#include <string>

namespace losant::cli {

/// How OutputFile treats a file that already exists.
enum class Existing {
  kReplace,  ///< Truncate it (its permissions stay as they are).
  kRefuse,   ///< Fail: the file must be new (O_EXCL, so no symlink is followed either).
};

/**
 * A file opened for writing through a std::ostream. A new file gets mode 0600.
 *
 * @par Example
 * @code
 * OutputFile report("report.csv", Existing::kReplace);
 * if (!report.is_open()) { std::cerr << report.error(); return; }
 * report.stream() << "row,email\n";
 * if (!report.close()) std::cerr << report.error();
 * @endcode
 */
class OutputFile {
 public:
  /// Opens @p path; check is_open().
  OutputFile(const std::string& path, Existing existing);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Whether the file was opened.
  bool is_open() const noexcept;
  /// The stream writing to the file (valid while the file is open).
  std::ostream& stream() noexcept;
  /// Flushes, optionally waits until the data is on disk (@p sync), and closes. False, with
  /// error() set, when any write failed.
  bool close(bool sync = false);
  /// `PATH: reason` for the last failure.
  const std::string& error() const noexcept { return error_; }

 private:
  class Buffer;
  std::string path_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  std::string error_;
};

}  // namespace losant::cli
