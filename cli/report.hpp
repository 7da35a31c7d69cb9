// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// A CSV report written as the work goes, so that a killed run leaves every row it reported.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "files.hpp"

namespace losant::cli {

/**
 * A CSV report (a header, then one row per item) that is under its final name from the start:
 * every row reaches the file (write(2)) as soon as it is added, so a run killed at any moment
 * leaves a report of every row it added; the file is fsync'd at least once a second while rows
 * come, and when finished. It replaces what was at its path (atomically, when opened: the old
 * report stays whole until the new one exists with its header). Mode 0600, as OutputFile.
 */
class LiveReport {
 public:
  /// Creates the report at @p path with @p header; check is_open().
  LiveReport(const std::string& path, const std::vector<std::string>& header);

  /// Whether the report is open (and no write has failed).
  bool is_open() const noexcept { return file_.is_open(); }
  /// `PATH: what failed: strerror(errno)` for the last failure.
  const std::string& error() const noexcept { return file_.error(); }

  /// Appends one row and writes it to the file; false when writing failed.
  bool add(const std::vector<std::string>& cells);
  /// Syncs and closes the report; false when it or any earlier write failed.
  bool finish();

 private:
  OutputFile file_;
  std::chrono::steady_clock::time_point synced_;
};

}  // namespace losant::cli
