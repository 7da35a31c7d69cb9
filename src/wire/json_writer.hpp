// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// A direct JSON writer: appends compact JSON text to a std::string, with no document model in
// between. It writes exactly what nlohmann::json::dump(-1, ' ', false, replace) wrote before it
// (the SDK's output is byte-identical to earlier releases; tests/unit/json_encode_test.cpp and
// tests/fuzz/fuzz_encode.cpp compare the two):
//
//  - strings: `"` and `\` escaped, \b \f \n \r \t, the other control characters as \u00xx
//    (lower-case hex); '/', DEL and non-ASCII UTF-8 copied as they are;
//  - invalid UTF-8 replaced by U+FFFD: a byte that cannot start a sequence is one U+FFFD; a
//    sequence cut short (by a byte that cannot continue it, or by the end of the string)
//    is one U+FFFD for the bytes read so far, and the byte that broke it is read again as a
//    new start. That is nlohmann's rule (it keeps the output valid JSON and marks the damage
//    visibly instead of silently dropping bytes);
//  - integers in decimal; doubles as nlohmann formats them (see number()).
//
// Commas are placed by the writer: begin/end containers, key() before each member's value.
// No checks that the calls make well-formed JSON; the callers are the SDK's own encoders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losant/experience_users/models.hpp"

namespace losant::experience_users::internal {

// Appends `text` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) noexcept : out_(out) {}

  void begin_object() {
    separate();
    out_ += '{';
    first_ = true;
  }
  void end_object() {
    out_ += '}';
    first_ = false;
  }
  void begin_array() {
    separate();
    out_ += '[';
    first_ = true;
  }
  void end_array() {
    out_ += ']';
    first_ = false;
  }

  // The key of the next member (any text, escaped); its value follows with a value writer.
  void key(std::string_view name) {
    if (!first_) out_ += ',';
    append_json_string(out_, name);
    out_ += ':';
    first_ = false;
    after_key_ = true;
  }

  // --- values

  void value(std::string_view text) {
    separate();
    append_json_string(out_, text);
  }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::int64_t number);
  void value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
  }
  void value(Timestamp time);  // as format_timestamp() writes it, a JSON string
  void value(const Tags& tags);
  void value(const std::vector<std::string>& strings);
  // A double as nlohmann's dump() writes it, where that form is known exactly: a non-finite
  // value as null, an integral one below 1e15 in magnitude with ".0" (`3.0`, `-0.0`). False,
  // writing nothing, for any other value (nlohmann picks its digits with Grisu2, which is not
  // always the shortest form std::to_chars gives); the caller then writes it with raw().
  bool number(double number);
  // Text that is already JSON, written as the next value.
  void raw(std::string_view json) {
    separate();
    out_ += json;
  }

  // The key of a member whose name is the SDK's own (a field table's name, ASCII letters):
  // written without looking for anything to escape.
  void field_key(std::string_view name) {
    if (!first_) out_ += ',';
    out_ += '"';
    out_ += name;
    out_ += '"';  // characters one by one: cheaper than appending the two-byte "\":"
    out_ += ':';
    first_ = false;
    after_key_ = true;
  }

  // A member under the SDK's field name `name` (see field_key): always for a plain value, only
  // when set for an optional one.
  template <typename T>
  void member(std::string_view name, const T& v) {
    field_key(name);
    value(v);
  }
  template <typename T>
  void member(std::string_view name, const std::optional<T>& v) {
    if (v) member(name, *v);
  }

 private:
  // The comma before a value, unless it is the first in its container or a member's value.
  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_ += ',';
    }
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace losant::experience_users::internal
