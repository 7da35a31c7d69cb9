// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The text form of a fault, as the losant-emulator program takes it: `--fault SPEC`.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "types.hpp"

namespace losant::emulator {

/// A fault and the route it targets.
struct FaultSpec {
  Route route = Route::kAny;
  Fault fault;
};

/**
 * Parses `ROUTE:KIND[:KEY=VALUE,...]`.
 *
 * - ROUTE: `any`, `list`, `create`, `get`, `update`, `delete`, `list_groups`, `get_group`.
 * - KIND: `status`, `close_before_response`, `close_mid_body`, `truncated_body`, `html_body`,
 *   `wrong_types`, `empty_200`, `delay`, `drip`, `oversized_body`, `apply_then_drop` (`-` may
 *   replace `_`).
 * - KEYs: `status` (100..599), `retry_after` (any text without `,`), `delay` (milliseconds, or
 *   with a unit: `250ms`, `2s`), `bytes`, `count` (at least 1).
 *
 * Example: `create:status:status=429,retry_after=1,count=3`. Returns nothing and sets @p error
 * (if given) when the text is not such a spec.
 */
std::optional<FaultSpec> parse_fault_spec(std::string_view text, std::string* error = nullptr);

/// `250` or `250ms` (milliseconds), `2s` (seconds); nothing for anything else or a negative.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace losant::emulator
