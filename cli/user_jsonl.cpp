// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "user_jsonl.hpp"

#include <algorithm>
#include <array>
#include <istream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "losant/experience_users/json.hpp"
#include "losant/experience_users/validate.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;
using nlohmann::json;

constexpr std::array<const char*, 8> kServerFields{
    "id",          "experienceUserId",    "applicationId", "creationDate",
    "lastUpdated", "passwordLastUpdated", "lastLogin",     "avatarUrl"};

// The group ids of an exported user's `experienceGroups`, or nullopt if it has another shape.
std::optional<json> group_ids(const json& groups) {
  if (!groups.is_array()) return std::nullopt;
  json ids = json::array();
  for (const json& group : groups) {
    if (!group.is_object() || !group.contains("id") || !group["id"].is_string()) {
      return std::nullopt;
    }
    ids.push_back(group["id"]);
  }
  return ids;
}

// The deepest nesting of arrays and objects in @p text (strings skipped), counted without
// recursion: measured before parsing, so that no parser or printer ever recurses that deep.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Parses @p line, noting the first key repeated within one object (nlohmann keeps the last).
json parse_noting_duplicates(std::string_view line, std::optional<std::string>& duplicate) {
  std::vector<std::set<std::string>> keys_by_depth;
  const json::parser_callback_t note = [&](int depth, json::parse_event_t event, json& parsed) {
    const auto level = static_cast<std::size_t>(depth);
    if (event == json::parse_event_t::object_start) {
      if (keys_by_depth.size() <= level + 1) keys_by_depth.resize(level + 2);
      keys_by_depth[level + 1].clear();
    } else if (event == json::parse_event_t::key && parsed.is_string()) {
      if (keys_by_depth.size() <= level) keys_by_depth.resize(level + 1);
      if (!keys_by_depth[level].insert(parsed.get<std::string>()).second && !duplicate) {
        duplicate = parsed.get<std::string>();
      }
    }
    return true;
  };
  return json::parse(line, note, /*allow_exceptions=*/false);
}

// A key for an error message: short, printable ASCII, or nothing.
std::string shown_key(const std::string& key) {
  const bool printable = key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
                           return c >= 0x20 && c < 0x7F;
                         });
  return printable ? " \"" + key + "\"" : std::string();
}

// @p line as a JSON object, after the guards every record passes (size, depth, no key twice).
// The errors never quote the record (it may hold a password).
eu::Result<json> read_record_object(std::string_view line) {
  if (line.size() > kMaxImportRecordBytes) {
    return eu::invalid_argument("body", "the record is longer than " +
                                            std::to_string(kMaxImportRecordBytes) +
                                            " bytes (the limit)");
  }
  if (nesting_depth(line) > kMaxImportNestingDepth) {
    return eu::invalid_argument("body", "is nested more than " +
                                            std::to_string(kMaxImportNestingDepth) +
                                            " levels deep (a user needs at most 3)");
  }
  std::optional<std::string> duplicate;
  json record = parse_noting_duplicates(line, duplicate);
  if (!record.is_discarded() && duplicate) {
    return eu::invalid_argument(
        "body", "has the key" + shown_key(*duplicate) + " more than once in one object");
  }
  if (record.is_discarded() || !record.is_object()) {
    // The SDK's own message for what is wrong with the text; it never echoes a create body.
    auto direct = eu::parse_experience_user_post(line);
    if (!direct) return std::move(direct).error();
    return eu::invalid_argument("body", "is not a JSON object");
  }
  return record;
}

std::string dumped(const json& record) {
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Takes the string member @p key out of @p record into @p target; an error when it is there
// but not a string. Absent: @p target stays as it is.
std::optional<eu::Error> take_string(json& record, const char* key, std::string& target) {
  const auto found = record.find(key);
  if (found == record.end()) return std::nullopt;
  if (!found->is_string())
    return eu::invalid_argument(std::string("body.") + key, "must be a string");
  target = found->get<std::string>();
  record.erase(found);
  return std::nullopt;
}

std::optional<eu::Error> check_key(const UserKey& key) {
  if (!key.id.empty() && !eu::is_valid_id(key.id)) {
    return eu::invalid_argument("experienceUserId", "must be 24 hexadecimal characters");
  }
  return std::nullopt;
}

}  // namespace

eu::Result<eu::ExperienceUserPost> parse_import_record(std::string_view line) {
  eu::Result<json> parsed = read_record_object(line);
  if (!parsed) return std::move(parsed).error();
  json& record = *parsed;
  for (const char* field : kServerFields) record.erase(field);
  if (const auto groups = record.find("experienceGroups"); groups != record.end()) {
    if (record.contains("experienceGroupIds")) {
      return eu::invalid_argument("body", "has both experienceGroups and experienceGroupIds");
    }
    std::optional<json> ids = group_ids(*groups);
    if (!ids) {
      return eu::invalid_argument("body.experienceGroups",
                                  "must be an array of groups, each with a string id");
    }
    record.erase(groups);
    record["experienceGroupIds"] = std::move(*ids);
  }
  if (!record.contains("password"))
    record["password"] = "";  // a password is generated or asked for
  return eu::parse_experience_user_post(dumped(record));
}

eu::Result<UpdateRecord> parse_update_record(std::string_view line) {
  eu::Result<json> parsed = read_record_object(line);
  if (!parsed) return std::move(parsed).error();
  json& record = *parsed;
  UpdateRecord update;
  if (auto e = take_string(record, "id", update.key.id)) return *e;
  if (update.key.id.empty()) {
    // Keyed by email: the email names the user, newEmail changes it.
    if (auto e = take_string(record, "email", update.key.email)) return *e;
    if (update.key.email.empty()) {
      return eu::invalid_argument("body", "needs an id or an email: the user to change");
    }
    const auto new_email = record.find("newEmail");
    if (new_email != record.end()) {
      record["email"] = *new_email;
      record.erase("newEmail");
    }
  } else if (record.contains("newEmail")) {
    return eu::invalid_argument("body.newEmail",
                                "only with a user given by email (with an id, email is the new "
                                "email)");
  }
  if (auto e = check_key(update.key)) return *e;
  if (record.empty()) {
    return eu::invalid_argument("body", "nothing to change: give at least one field");
  }
  eu::Result<eu::ExperienceUserPatch> patch = eu::parse_experience_user_patch(dumped(record));
  if (!patch) return std::move(patch).error();
  update.patch = std::move(*patch);
  return update;
}

eu::Result<UserKey> parse_user_key_record(std::string_view line) {
  eu::Result<json> parsed = read_record_object(line);
  if (!parsed) return std::move(parsed).error();
  UserKey key;
  if (auto e = take_string(*parsed, "id", key.id)) return *e;
  if (key.id.empty()) {
    if (auto e = take_string(*parsed, "email", key.email)) return *e;
  }
  if (key.id.empty() && key.email.empty()) {
    return eu::invalid_argument("body", "needs an id or an email: the user to delete");
  }
  if (auto e = check_key(key)) return *e;
  return key;
}

bool read_capped_line(std::istream& in, std::string& line) {
  line.clear();
  std::streambuf& buffer = *in.rdbuf();
  bool any = false;
  for (;;) {
    const auto c = buffer.sbumpc();
    if (std::char_traits<char>::eq_int_type(c, std::char_traits<char>::eof())) return any;
    any = true;
    if (c == '\n') return true;
    if (line.size() <= kMaxImportRecordBytes) line.push_back(static_cast<char>(c));
  }
}

}  // namespace losant::cli
