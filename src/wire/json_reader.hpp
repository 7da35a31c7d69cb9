// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The generic reader of untrusted JSON, on simdjson On-Demand: typed reads of scalars and
// containers at a JSON path, the first problem recorded as an Error, and whole documents
// parsed from the calling thread's reusable buffers. The models' schemas that drive it are in
// codec_decode.cpp (field tables: wire/schema.hpp).
//
// On-Demand reads the text once, straight into the model structs, with no DOM in between:
// about 560 MB/s on a 600 KB page of 1000 users, 6-7x faster than merely parsing it into a
// nlohmann DOM (bench/codec_bench.cpp). Each object's fields are visited once in document
// order; fields that are not read are skipped by the iterator. On-Demand validates what it
// reads, and the UTF-8 of the whole text in its first stage; the inside of a skipped unknown
// field is not fully validated (`"x":[1,]` passes), which is harmless because nothing of it is
// used. Skipping is iterative, so even a very deeply nested unknown field costs no stack.
//
// Only simdjson's error-code API is used, and read_document() also catches whatever could
// still be thrown (std::bad_alloc from a string): no exception leaves the reader.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "text/text.hpp"

namespace losant::experience_users::internal {

namespace od = simdjson::ondemand;

inline constexpr std::string_view kJsonWhitespace = " \t\r\n";
// How much of a bad value or a key from the data an error message quotes.
inline constexpr std::size_t kValueExcerptLength = 40;

// "an array", "a string", ...: a JSON type in an error message.
std::string_view describe(od::json_type type) noexcept;

// The location of a value, rendered as `items[3].experienceGroups[0].id`. Each nesting level
// keeps its frame on the stack and points at its parent, so nothing is allocated unless an
// error message is actually built.
class JsonPath {
 public:
  JsonPath() = default;  // the document root

  JsonPath key(std::string_view name) const noexcept { return JsonPath(this, name, 0, false); }
  JsonPath index(std::size_t i) const noexcept { return JsonPath(this, {}, i, true); }

  bool is_root() const noexcept { return parent_ == nullptr; }

  std::string str() const {
    std::string out;
    append_to(out);
    return out;
  }

 private:
  JsonPath(const JsonPath* parent, std::string_view name, std::size_t i, bool is_index) noexcept
      : parent_(parent), key_(name), index_(i), is_index_(is_index) {}

  void append_to(std::string& out) const;

  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// The parsing state of the calling thread, reused by every document it reads (json_reader.cpp).
struct ThreadParseState;

// One document's use of the thread's parser; releases the buffers afterwards if the document
// made them unusually large.
class DocumentParser {
 public:
  DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;
  ~DocumentParser();

  // simdjson reads up to SIMDJSON_PADDING bytes past the end of the text (whole SIMD blocks).
  // A caller whose buffer has that much room (`capacity`) is parsed in place; otherwise the
  // text is copied once into the thread's padded buffer. May throw std::bad_alloc.
  simdjson::simdjson_result<od::document> iterate(std::string_view json, std::size_t capacity);

 private:
  ThreadParseState& state_;
};

// Reads values at JSON paths and records the first problem. Every reader returns false once a
// problem is recorded, and callers return at once, so a failure unwinds without exceptions.
//
// One reader serves two purposes with different error shapes: response bodies (an untrusted
// server: kMalformedResponse, the path in the message) and create bodies given by the
// application (kInvalidArgument, the path in Error::field under `body`).
class JsonReader {
 public:
  explicit JsonReader(ErrorKind kind) noexcept : kind_(kind) {}

  Error take_error() { return std::move(error_); }

  // --- scalars

  // The string at `value`: a view into the parser's buffer, valid until the next document.
  bool get_string(od::value& value, const JsonPath& path, std::string_view& text,
                  std::string_view expected = "a string") {
    if (const auto error = value.get_string().get(text))
      return fail_read(value, path, error, expected);
    return true;
  }

  bool read_string(od::value& value, const JsonPath& path, std::string& out) {
    std::string_view text;
    if (!get_string(value, path, text)) return false;
    out.assign(text);
    return true;
  }

  // Constructed from the view at once (an emplace() then an assign would write it twice).
  bool read_optional_string(od::value& value, const JsonPath& path,
                            std::optional<std::string>& out) {
    std::string_view text;
    if (!get_string(value, path, text)) return false;
    out.emplace(text);
    return true;
  }

  // A string or null (null leaves `out` empty). Only `experienceGroups[].parentId` is
  // documented to be null; elsewhere the API leaves a field out instead.
  bool read_nullable_string(od::value& value, const JsonPath& path,
                            std::optional<std::string>& out) {
    constexpr std::string_view kExpected = "a string or null";
    bool is_null = false;
    if (const auto error = value.is_null().get(is_null))
      return fail_read(value, path, error, kExpected);
    std::string_view text;
    if (is_null) {
      out.reset();
    } else if (get_string(value, path, text, kExpected)) {
      out.emplace(text);
    } else {
      return false;
    }
    return true;
  }

  bool read_int(od::value& value, const JsonPath& path, std::optional<std::int64_t>& out) {
    std::int64_t number = 0;
    if (const auto error = value.get_int64().get(number))
      return fail_read(value, path, error, "an integer");
    out = number;
    return true;
  }

  bool read_bool(od::value& value, const JsonPath& path, bool& out) {
    if (const auto error = value.get_bool().get(out))
      return fail_read(value, path, error, "a boolean");
    return true;
  }

  bool read_timestamp(od::value& value, const JsonPath& path, std::optional<Timestamp>& out) {
    std::string_view text;
    if (!get_string(value, path, text, "a date-time string")) return false;
    out = parse_timestamp(text);
    if (!out) {
      return fail(path, "not a valid date-time (expected e.g. 2016-06-13T04:00:00.000Z): \"" +
                            excerpt(text, kValueExcerptLength) + "\"");
    }
    return true;
  }

  // --- containers

  // Calls `on_field(key, value)` for every field of the object at `value`, in document order.
  template <typename OnField>
  bool for_each_field(od::value& value, const JsonPath& path, OnField&& on_field) {
    od::object object;
    if (const auto error = value.get_object().get(object))
      return fail_read(value, path, error, "an object");
    return for_each_field(object, path, on_field);
  }

  template <typename OnField>
  bool for_each_field(od::object& object, const JsonPath& path, OnField&& on_field) {
    for (auto result : object) {
      od::field field;
      if (const auto error = std::move(result).get(field)) return fail_json(path, error);
      std::string_view key;
      if (const auto error = field.unescaped_key().get(key)) return fail_json(path, error);
      if (!on_field(key, field.value())) return false;
    }
    return true;
  }

  // Calls `on_element(index, value)` for every element of the array at `value`.
  // `on_start(count)` runs first with the number of elements, for reserving storage, unless
  // `count_first` is false (then it is not called).
  template <typename OnStart, typename OnElement>
  bool for_each_element(od::value& value, const JsonPath& path, OnStart&& on_start,
                        OnElement&& on_element, bool count_first = true) {
    od::array array;
    if (const auto error = value.get_array().get(array))
      return fail_read(value, path, error, "an array");
    // Counting walks the array's structure once more (values are not parsed): cheap for the
    // short arrays inside a user, and an exact reservation saves a heap block in each.
    if (count_first) {
      std::size_t count = 0;
      if (const auto error = array.count_elements().get(count)) return fail_json(path, error);
      on_start(count);
    }
    std::size_t index = 0;
    for (auto result : array) {
      od::value element;
      if (const auto error = std::move(result).get(element))
        return fail_json(path.index(index), error);
      if (!on_element(index, element)) return false;
      ++index;
    }
    return true;
  }

  bool read_tags(od::value& value, const JsonPath& path, std::optional<Tags>& out) {
    Tags& tags = out.emplace();
    return for_each_field(value, path, [&](std::string_view key, od::value& tag) {
      std::string_view text;
      if (!get_string(tag, path.key(key), text)) return false;
      // The key and the value are built in the map's node; a repeated key keeps its last value.
      const auto [it, inserted] = tags.try_emplace(std::string(key), text);
      if (!inserted) it->second.assign(text);
      return true;
    });
  }

  bool read_string_array(od::value& value, const JsonPath& path,
                         std::optional<std::vector<std::string>>& out) {
    std::vector<std::string>& strings = out.emplace();
    return for_each_element(
        value, path, [&](std::size_t count) { strings.reserve(count); },
        [&](std::size_t index, od::value& element) {
          std::string_view text;
          if (!get_string(element, path.index(index), text)) return false;
          strings.emplace_back(text);
          return true;
        });
  }

  // --- documents

  // Parses `json` as exactly one JSON object and passes the root to `read_root(od::object&)`.
  // False with the problem recorded. Catches everything.
  template <typename ReadRoot>
  bool read_document(std::string_view json, std::size_t capacity, ReadRoot&& read_root) {
    try {
      if (json.find_first_not_of(kJsonWhitespace) == std::string_view::npos) return fail_empty();
      DocumentParser parser;
      od::document doc;
      if (const auto error = parser.iterate(json, capacity).get(doc)) {
        return fail_not_json(json, simdjson::error_message(error));
      }
      od::object root;
      if (const auto error = doc.get_object().get(root)) {
        od::json_type actual{};
        if (error == simdjson::INCORRECT_TYPE && doc.type().get(actual) == simdjson::SUCCESS) {
          return fail_not_an_object(actual);
        }
        return fail_not_json(json, simdjson::error_message(error));
      }
      if (!read_root(root)) return false;
      // The root object has been read to its end; anything left over (a stray bracket, a second
      // document) means the text is not one JSON value.
      const char* rest = nullptr;
      if (doc.current_location().get(rest) == simdjson::SUCCESS) {
        return fail_not_json(json, "unexpected content after the top-level object");
      }
      return true;
    } catch (const std::bad_alloc&) {
      return fail(JsonPath(), "out of memory");
    } catch (...) {
      return fail(JsonPath(), "unexpected failure while decoding JSON");
    }
  }

  // --- failures (json_reader.cpp)

  // Records a problem at `path`. Always returns false, so callers can `return fail(...)`.
  bool fail(const JsonPath& path, std::string_view problem);

  // A read of `expected` at `path` failed with `error`: a type mismatch, or text that is not
  // valid JSON at that point.
  bool fail_read(od::value& value, const JsonPath& path, simdjson::error_code error,
                 std::string_view expected);

  bool fail_json(const JsonPath& path, simdjson::error_code error);

  // The whole text is not a JSON object. An excerpt is shown only when the text does not even
  // start like JSON (an HTML error page from a proxy, plain text): that is when it helps, and a
  // create body (which holds a password) is never echoed.
  bool fail_not_json(std::string_view text, std::string_view reason);

  bool fail_empty();
  bool fail_not_an_object(od::json_type actual);

 private:
  std::string_view subject() const noexcept {
    return kind_ == ErrorKind::kInvalidArgument ? "the body" : "the response body";
  }

  ErrorKind kind_;
  Error error_;
};

}  // namespace losant::experience_users::internal
