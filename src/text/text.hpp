// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The one text module: UTF-8 decoding, validation and counting; ASCII case folding and
// trimming; and the one sanitiser that turns untrusted text into a single printable line.
//
// Built as its own internal object library (losant_eu_text, src/CMakeLists.txt) that the SDK,
// the CLI and the emulator all compile in; it is never installed and, with hidden visibility,
// never exported from the shared library. The emulator shares these text utilities only: its
// handling of the API stays an implementation independent of the SDK's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace losant::experience_users::internal {

// --- UTF-8

// The length in bytes of the valid UTF-8 sequence that starts at text[pos], with its code point
// in `code_point`; 0 (code_point untouched) when the bytes there are not one: a stray
// continuation byte, an overlong form, a surrogate, a value past U+10FFFF or a truncated
// sequence. Precondition: pos < text.size().
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& code_point) noexcept;

// True when the whole of `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

// The number of code points of `text` (what JSON Schema's minLength and maxLength count);
// nullopt when it is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text) noexcept;

// The number of code points of text already known to be valid UTF-8 (a JSON parser's output,
// one_line()'s result), counted without validating: every code point has exactly one byte that
// is not a continuation byte.
std::size_t count_code_points(std::string_view valid_utf8) noexcept;

// --- ASCII

// ASCII lower-casing of one character; other bytes are returned unchanged. Never the C locale.
char ascii_lower(char c) noexcept;
// `text` with every ASCII letter lower-cased (emails as the API compares them).
std::string ascii_lowered(std::string_view text);

// ASCII case-insensitive equality: how HTTP header names compare (RFC 9110 section 5.1), and
// how the API compares emails.
bool ascii_iequals(std::string_view a, std::string_view b) noexcept;

// True when `text` holds an ASCII control character (U+0000..U+001F or DEL): what may not
// appear in a header value (CR and LF would inject headers) or a URL.
bool has_ascii_control(std::string_view text) noexcept;

// `text` without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view trim(std::string_view text) noexcept;

// --- Text for humans (error messages, logs, a terminal)

// How many characters of untrusted text an excerpt() quotes by default.
inline constexpr std::size_t kExcerptLength = 80;

// `text` made safe to print on one line, for every human-facing path (Error messages, log
// lines, the CLI's output). What a server or a file sends must not be able to forge a log line,
// drive a terminal or reorder what is displayed:
//  - a run of whitespace that holds a line break or a tab (CR, LF, TAB, VT, FF, U+0085,
//    U+2028, U+2029) becomes one space;
//  - every other control character (C0, DEL, C1), every bidirectional embedding, override or
//    isolate (U+202A..U+202E, U+2066..U+2069) and every byte that is not valid UTF-8 becomes
//    U+FFFD, a visible mark of what was removed.
// Everything else, printable non-ASCII text included, is kept. The result is valid UTF-8.
std::string one_line(std::string_view text);

// one_line(text) cut to at most `limit` characters (code points, never splitting one), with
// "..." appended when something was cut. Stops reading once the limit is reached, so a huge
// input costs no more than its start.
std::string excerpt(std::string_view text, std::size_t limit = kExcerptLength);

}  // namespace losant::experience_users::internal
