// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Small text helpers of the emulator: ids, case folding, globs, UTF-8 lengths, timestamps.
///
/// Case folding and UTF-8 counting come from the SDK's text module (src/text/text.hpp): the
/// emulator shares text utilities with the SDK, nothing else; its handling of the API is an
/// independent implementation, so that the tests compare two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace losant::emulator::detail {

/// Milliseconds since the Unix epoch, UTC: the emulator's only representation of a date-time.
using Millis = std::int64_t;

/// True for the 24 hexadecimal characters of a Losant (MongoDB ObjectId) id, either case.
bool is_object_id(std::string_view text);

/// ASCII lower-casing (ids, emails, enum values); other bytes are left alone.
std::string to_lower(std::string_view text);

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

/// Number of Unicode code points in valid UTF-8 (what JSON Schema's min/maxLength count).
std::size_t utf8_length(std::string_view text);

/**
 * Losant's list filter: @p pattern matches the whole of @p text, `*` matches any run of
 * characters (also none), every other character matches itself, ASCII case-insensitively.
 */
bool glob_match(std::string_view pattern, std::string_view text);

/// Appends @p time as `2016-06-13T04:00:00.000Z` (years 0000 to 9999).
void append_timestamp(std::string& out, Millis time);

/// @p time as `2016-06-13T04:00:00.000Z`.
std::string format_timestamp(Millis time);

/**
 * Parses an RFC 3339 `date-time` (JSON Schema's format): `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`,
 * `T` and `Z` in either case. Fractions beyond milliseconds are truncated. Empty when the text
 * is not such a date-time or its UTC value falls outside years 0000 to 9999.
 */
std::optional<Millis> parse_timestamp(std::string_view text);

/// The current UTC time, millisecond precision.
Millis now_millis();

/// One step of the SplitMix64 generator: a fast, portable, well-mixed 64-bit PRNG (unlike the
/// <random> distributions, its output is the same with every standard library).
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace losant::emulator::detail
