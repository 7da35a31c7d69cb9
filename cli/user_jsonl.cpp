// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "user_jsonl.hpp"

#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "losant/experience_users/json.hpp"

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

}  // namespace

eu::Result<eu::ExperienceUserPost> parse_import_record(std::string_view line) {
  json record = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded() || !record.is_object()) {
    // The SDK's own message for what is wrong with the text; it never echoes a create body.
    auto direct = eu::parse_experience_user_post(line);
    if (!direct) return std::move(direct).error();
    return eu::invalid_argument("body", "is not a JSON object");
  }
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
  return eu::parse_experience_user_post(
      record.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace losant::cli
