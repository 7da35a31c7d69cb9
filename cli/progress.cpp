// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "terminal.hpp"

namespace losant::cli {
namespace {

constexpr std::chrono::milliseconds kRedrawInterval{100};
constexpr std::size_t kDefaultWidth = 80;
constexpr std::size_t kMaxBarWidth = 30;
constexpr std::size_t kMinBarWidth = 10;
constexpr std::string_view kEraseToEndOfLine = "\x1b[K";

std::string duration_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

std::string bar(std::size_t done, std::size_t total, std::size_t width) {
  const std::size_t filled = total == 0 ? width : std::min(width, done * width / total);
  return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "]";
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::string label)
    : out_(out),
      enabled_(enabled),
      label_(std::move(label)),
      width_(enabled ? output_width(STDERR_FILENO).value_or(kDefaultWidth) : kDefaultWidth) {}

void ProgressBar::update(std::size_t done, std::string_view detail) {
  done_ = done;
  detail_ = detail;
  if (!enabled_) return;
  // The first drawing waits a moment too: a rate measured over one item means nothing.
  if (Clock::now() - drawn_at_.value_or(start_) < kRedrawInterval) return;
  draw(false);
}

void ProgressBar::finish() {
  if (!enabled_) return;
  draw(true);
  out_ << '\n' << std::flush;
}

void ProgressBar::draw(bool final) {
  drawn_at_ = Clock::now();
  const double elapsed = std::chrono::duration<double>(*drawn_at_ - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;

  std::string numbers = std::to_string(done_);
  if (total_) {
    numbers += "/" + std::to_string(*total_);
    const std::size_t percent =
        *total_ == 0 ? 100 : std::min<std::size_t>(100, done_ * 100 / *total_);
    numbers += "  " + std::to_string(percent) + "%";
  }
  numbers += "  " + std::to_string(static_cast<long long>(rate + 0.5)) + "/s";
  if (final) {
    numbers += "  in " + duration_text(elapsed);
  } else if (total_ && rate > 0 && *total_ >= done_) {
    numbers += "  ETA " + duration_text(static_cast<double>(*total_ - done_) / rate);
  }
  if (!detail_.empty()) numbers += "  " + detail_;

  std::string line = label_ + "  ";
  // The bar's brackets, the gap after it and one column spare (the cursor's).
  const std::size_t used = line.size() + numbers.size() + 5;
  const std::size_t room = width_ > used ? width_ - used : 0;
  if (total_ && room >= kMinBarWidth)
    line += bar(done_, *total_, std::min(room, kMaxBarWidth)) + "  ";
  line += numbers;
  if (width_ > 0 && line.size() >= width_)
    line.resize(width_ - 1);  // never wrap: \r would not reach back
  out_ << '\r' << line << kEraseToEndOfLine << std::flush;
}

}  // namespace losant::cli
