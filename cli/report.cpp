// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "report.hpp"

#include "csv.hpp"

namespace losant::cli {
namespace {

constexpr std::chrono::seconds kSyncEvery{1};

}  // namespace

LiveReport::LiveReport(const std::string& path, const std::vector<std::string>& header)
    : file_(path, Existing::kReplace), synced_(std::chrono::steady_clock::now()) {
  if (file_.is_open() && add(header)) file_.publish();
}

bool LiveReport::add(const std::vector<std::string>& cells) {
  if (!file_.is_open()) return false;
  CsvWriter(file_.stream()).write_row(cells);
  const auto now = std::chrono::steady_clock::now();
  if (now - synced_ < kSyncEvery) return file_.flush();
  synced_ = now;
  return file_.sync();
}

bool LiveReport::finish() {
  return file_.commit();
}

}  // namespace losant::cli
