// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The generic JSON reader's cold paths (error messages) and the per-thread parser.
#include "wire/json_reader.hpp"

#include <cstring>
#include <memory>

#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

constexpr std::size_t kRetainedCapacityLimit = std::size_t{16} * 1024 * 1024;

}  // namespace

// Per-thread parsing state, reused by every call on the thread: the parser's buffers
// (structural index, string buffer) and the padded copy are sized to the largest document
// seen, so decoding page after page allocates nothing here. A document far larger than usual
// would otherwise pin its memory for the life of the thread; after one the state is released.
struct ThreadParseState {
  od::parser parser;
  std::unique_ptr<char[]> padded;  // a copy of a body that came without room for padding
  std::size_t padded_capacity = 0;
};

namespace {

ThreadParseState& thread_state() {
  thread_local ThreadParseState state;
  return state;
}

}  // namespace

DocumentParser::DocumentParser() : state_(thread_state()) {}

DocumentParser::~DocumentParser() {
  if (state_.parser.capacity() > kRetainedCapacityLimit) state_.parser = od::parser();
  if (state_.padded_capacity > kRetainedCapacityLimit) {
    state_.padded.reset();
    state_.padded_capacity = 0;
  }
}

simdjson::simdjson_result<od::document> DocumentParser::iterate(std::string_view json,
                                                                std::size_t capacity) {
  ThreadParseState& state = state_;
  if (capacity >= json.size() && capacity - json.size() >= simdjson::SIMDJSON_PADDING) {
    return state.parser.iterate(json.data(), json.size(), capacity);
  }
  const std::size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  if (state.padded_capacity < needed) {
    state.padded.reset();  // free the old buffer before allocating the new one
    state.padded_capacity = 0;
    state.padded = std::make_unique<char[]>(needed);
    state.padded_capacity = needed;
  }
  if (!json.empty()) std::memcpy(state.padded.get(), json.data(), json.size());
  std::memset(state.padded.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  return state.parser.iterate(state.padded.get(), json.size(), state.padded_capacity);
}

std::string_view describe(od::json_type type) noexcept {
  switch (type) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "an unknown value";
}

void JsonPath::append_to(std::string& out) const {
  if (is_root()) return;
  parent_->append_to(out);
  if (is_index_) {
    out += '[';
    out += std::to_string(index_);
    out += ']';
  } else {
    if (!out.empty()) out += '.';
    out += excerpt(key_, kValueExcerptLength);  // tag keys come from the data
  }
}

bool JsonReader::fail(const JsonPath& path, std::string_view problem) {
  error_ = Error{};
  error_.kind = kind_;
  if (kind_ == ErrorKind::kInvalidArgument) {
    error_.message = std::string(problem);
    error_.field = "body";
    if (!path.is_root()) error_.field += "." + path.str();
  } else {
    error_.message =
        path.is_root() ? std::string(problem) : path.str() + ": " + std::string(problem);
  }
  return false;
}

bool JsonReader::fail_read(od::value& value, const JsonPath& path, simdjson::error_code error,
                           std::string_view expected) {
  if (error == simdjson::INCORRECT_TYPE) {
    od::json_type actual{};
    std::string problem = "expected " + std::string(expected);
    if (value.type().get(actual) == simdjson::SUCCESS) {
      problem += ", got ";
      problem += describe(actual);
    }
    return fail(path, problem);
  }
  if (error == simdjson::NUMBER_OUT_OF_RANGE) {
    return fail(path, "expected " + std::string(expected) + ", got a number out of range");
  }
  return fail_json(path, error);
}

bool JsonReader::fail_json(const JsonPath& path, simdjson::error_code error) {
  return fail(path, std::string("invalid JSON: ") + simdjson::error_message(error));
}

bool JsonReader::fail_not_json(std::string_view text, std::string_view reason) {
  std::string problem = std::string(subject()) + " is not valid JSON (" + std::string(reason) + ")";
  const auto first = text.find_first_not_of(kJsonWhitespace);
  if (kind_ == ErrorKind::kMalformedResponse && first != std::string_view::npos &&
      text[first] != '{' && text[first] != '[') {
    problem += "; it begins with \"" + excerpt(text.substr(first)) + "\"";
  }
  return fail(JsonPath(), problem);
}

bool JsonReader::fail_empty() {
  return fail(JsonPath(), std::string(subject()) + " is empty");
}

bool JsonReader::fail_not_an_object(od::json_type actual) {
  return fail(JsonPath(), std::string(subject()) + " is not a JSON object (got " +
                              std::string(describe(actual)) + ")");
}

}  // namespace losant::experience_users::internal
