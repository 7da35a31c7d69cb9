// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// A one-line progress bar for long commands (export, import), drawn only for a person.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace losant::cli {

/**
 * `export  [#########-----------]  1200/2500  48%  950/s  ETA 0:01`, redrawn in place.
 *
 * Drawn only when enabled (the callers pass whether stderr is a terminal: a log file or a pipe
 * gets no carriage-return noise), at most ten times a second, and fitted to the terminal's
 * width. Without a total it shows the count and the rate. It prints counts only, never data.
 *
 * @par Thread Safety
 * One call at a time (create_many serializes its progress callbacks).
 */
class ProgressBar {
 public:
  /// A bar labelled @p label on @p out, which must outlive it; draws nothing unless @p enabled.
  ProgressBar(std::ostream& out, bool enabled, std::string label);

  /// The number of items expected, when it becomes known.
  void set_total(std::size_t total) { total_ = total; }
  /// Records @p done items so far and redraws if the last drawing is old enough. @p detail is
  /// shown after the numbers (for example `created 10  skipped 2  failed 0`).
  void update(std::size_t done, std::string_view detail = {});
  /// Draws the final state and ends the line (nothing if nothing was drawn and disabled).
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  void draw(bool final);

  std::ostream& out_;
  bool enabled_;
  std::string label_;
  std::size_t width_;
  std::optional<std::size_t> total_;
  std::size_t done_ = 0;
  std::string detail_;
  Clock::time_point start_ = Clock::now();
  std::optional<Clock::time_point> drawn_at_;
};

}  // namespace losant::cli
