// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Building the RecordedRequest that Emulator::requests() returns, from a received request.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "types.hpp"

namespace losant::emulator::detail {

/// What was received, before it is recorded.
struct Received {
  std::string method;
  std::string target;  ///< Path and raw query, as on the request line.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Ordered by name, no pseudo ones.
  std::string body;
  bool authorized = false;
};

/// Splits the target into path, query and decoded parameters; replaces the value of the
/// `Authorization` header by `[redacted]` unless @p keep_authorization.
RecordedRequest make_recorded(Received received, bool keep_authorization);

}  // namespace losant::emulator::detail
