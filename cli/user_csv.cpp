// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "user_csv.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "csv.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr std::array<std::string_view, 10> kColumns{
    "id",          "email",     "firstName",   "lastName", "creationDate",
    "lastUpdated", "lastLogin", "tokenCutoff", "groups",   "tags"};
// Written by export, ignored by import: the server sets them.
constexpr std::array<std::string_view, 4> kReadOnlyColumns{"id", "creationDate", "lastUpdated",
                                                           "lastLogin"};
constexpr std::string_view kTagPrefix = "tag.";
constexpr char kListSeparator = ';';
constexpr char kEscape = '\\';
constexpr char kKeyValueSeparator = '=';

std::string_view cell(const std::optional<std::string>& text) {
  return text ? std::string_view(*text) : std::string_view();
}

std::string cell(const std::optional<eu::Timestamp>& time) {
  return time ? eu::format_timestamp(*time) : "";
}

// Appends the group ids to @p ids (empty). A group without an id adds nothing, not even a
// separator while nothing has been written.
void group_ids(std::string& ids, const eu::ExperienceUser& user) {
  if (!user.experience_groups) return;
  for (const auto& group : *user.experience_groups) {
    if (!ids.empty()) ids += kListSeparator;
    if (group.id) ids += *group.id;
  }
}

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == kEscape || c == kListSeparator || c == kKeyValueSeparator) out += kEscape;
    out += c;
  }
}

// Appends `key=value;key=value` of the tags not in @p skip to @p out (empty).
void encode_tags(std::string& out, const std::optional<eu::Tags>& tags,
                 const std::vector<std::string>& skip) {
  if (!tags) return;
  for (const auto& [key, value] : *tags) {
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    if (!out.empty()) out += kListSeparator;
    append_escaped(out, key);
    out += kKeyValueSeparator;
    append_escaped(out, value);
  }
}

constexpr const char* kTagsRule =
    "must be KEY=VALUE pairs separated by ';' (a '\\' before a literal '\\', ';' or '=')";

eu::Error tag_given_twice(const std::string& column, std::string_view key) {
  return eu::invalid_argument(column, "tag key '" + std::string(key) + "' is given more than once");
}

// Adds the pairs of a `tags` cell to @p tags. Empty items (`a=1;`) are skipped; a value may
// hold an unescaped `=` (split at the first one), as `--tag` allows.
std::optional<eu::Error> decode_tags(std::string_view text, eu::Tags& tags) {
  std::string key;
  std::string value;
  bool in_value = false;
  const auto finish_item = [&]() -> std::optional<eu::Error> {
    if (!in_value) {
      if (key.empty()) return std::nullopt;
      return eu::invalid_argument("tags", kTagsRule);
    }
    if (tags.count(key) != 0) return tag_given_twice("tags", key);
    tags.emplace(std::move(key), std::move(value));
    key.clear();
    value.clear();
    in_value = false;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == kEscape) {
      if (++i == text.size()) return eu::invalid_argument("tags", kTagsRule);
      c = text[i];
    } else if (c == kListSeparator) {
      if (auto error = finish_item()) return error;
      continue;
    } else if (c == kKeyValueSeparator && !in_value) {
      in_value = true;
      continue;
    }
    (in_value ? value : key) += c;
  }
  return finish_item();
}

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> ids;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(kListSeparator, start);
    ids.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return ids;
    start = end + 1;
  }
}

// Whether the lower-case column name @p lower is @p canonical (`firstName`) in any case.
bool is_named(std::string_view lower, std::string_view canonical) {
  return std::equal(canonical.begin(), canonical.end(), lower.begin(), lower.end(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
}

}  // namespace

UserCsvColumns::UserCsvColumns(std::vector<std::string> tag_columns)
    : tag_columns_(std::move(tag_columns)) {}

std::vector<std::string> UserCsvColumns::header() const {
  std::vector<std::string> header(kColumns.begin(), kColumns.end());
  for (const auto& key : tag_columns_) header.push_back(std::string(kTagPrefix) + key);
  return header;
}

void UserCsvColumns::append_row(std::string& out, const eu::ExperienceUser& user) const {
  const auto add = [&out](std::string_view value, bool last = false) {
    append_csv_cell(out, value);
    out += last ? '\n' : ',';
  };
  add(user.id);
  add(user.email);
  add(cell(user.first_name));
  add(cell(user.last_name));
  add(cell(user.creation_date));
  add(cell(user.last_updated));
  add(cell(user.last_login));
  add(cell(user.token_cutoff));
  scratch_.clear();
  group_ids(scratch_, user);
  add(scratch_);
  scratch_.clear();
  encode_tags(scratch_, user.user_tags, tag_columns_);
  add(scratch_, tag_columns_.empty());
  for (std::size_t i = 0; i < tag_columns_.size(); ++i) {
    std::string_view value;
    if (user.user_tags) {
      const auto found = user.user_tags->find(tag_columns_[i]);
      if (found != user.user_tags->end()) value = found->second;
    }
    add(value, i + 1 == tag_columns_.size());
  }
}

eu::Result<CsvPostMapping> CsvPostMapping::from_header(const std::vector<std::string>& header) {
  static constexpr std::array<std::pair<std::string_view, Column>, 8> kWritable{{
      {"email", Column::kEmail},
      {"password", Column::kPassword},
      {"firstName", Column::kFirstName},
      {"lastName", Column::kLastName},
      {"tokenCutoff", Column::kTokenCutoff},
      {"groups", Column::kGroups},
      {"groupNames", Column::kGroupNames},
      {"tags", Column::kTags},
  }};
  CsvPostMapping mapping;
  std::set<std::string> seen;  // column names as compared: any case, but a tag key's own
  for (const std::string& name : header) {
    const std::string lower = eu::internal::ascii_lowered(name);
    const bool is_tag =
        lower.size() > kTagPrefix.size() && lower.compare(0, kTagPrefix.size(), kTagPrefix) == 0;
    const std::string key =
        is_tag ? std::string(kTagPrefix) + name.substr(kTagPrefix.size()) : lower;
    if (!seen.insert(key).second) {
      return eu::invalid_argument("header", "column '" + name + "' appears more than once");
    }
    Mapped mapped;
    const auto writable = std::find_if(kWritable.begin(), kWritable.end(), [&](const auto& entry) {
      return is_named(lower, entry.first);
    });
    const auto read_only =
        std::find_if(kReadOnlyColumns.begin(), kReadOnlyColumns.end(),
                     [&](std::string_view column) { return is_named(lower, column); });
    if (writable != kWritable.end()) {
      mapped.column = writable->second;
    } else if (is_tag) {
      mapped.column = Column::kTag;
      mapped.tag_key = name.substr(kTagPrefix.size());
    } else if (read_only == kReadOnlyColumns.end()) {
      return eu::invalid_argument(
          "header", "unknown column '" + name +
                        "' (expected email, password, firstName, lastName, tokenCutoff, groups, "
                        "groupNames, tags, tag.KEY, or the ignored id, creationDate, lastUpdated, "
                        "lastLogin; in any case)");
    }
    mapping.columns_.push_back(std::move(mapped));
  }
  if (seen.count("email") == 0) return eu::invalid_argument("header", "no email column");
  return mapping;
}

eu::Result<eu::ExperienceUserPost> CsvPostMapping::parse(
    const std::vector<std::string>& fields) const {
  return parse(fields, nullptr);
}

eu::Result<eu::ExperienceUserPost> CsvPostMapping::parse(
    const std::vector<std::string>& fields, std::vector<std::string>* group_names) const {
  eu::ExperienceUserPost post;
  eu::Tags tags;
  for (std::size_t i = 0; i < columns_.size() && i < fields.size(); ++i) {
    // The password column is taken as is: export never writes one, so it carries no guard.
    if (columns_[i].column == Column::kPassword) {
      post.password = fields[i];
      continue;
    }
    const std::string value(unguard_cell(fields[i]));
    switch (columns_[i].column) {
      case Column::kIgnored:
      case Column::kPassword:  // handled above
        break;
      case Column::kEmail: post.email = value; break;
      case Column::kFirstName:
        if (!value.empty()) post.first_name = value;
        break;
      case Column::kLastName:
        if (!value.empty()) post.last_name = value;
        break;
      case Column::kTokenCutoff:
        if (value.empty()) break;
        post.token_cutoff = eu::parse_timestamp(value);
        if (!post.token_cutoff) {
          return eu::invalid_argument("tokenCutoff",
                                      "must be an ISO 8601 date-time such as 2024-05-01T12:00:00Z");
        }
        break;
      case Column::kGroups:
        if (!value.empty()) post.experience_group_ids = split_ids(value);
        break;
      case Column::kGroupNames:
        if (!value.empty() && group_names != nullptr) *group_names = split_ids(value);
        break;
      case Column::kTags:
        if (auto error = decode_tags(value, tags)) return *std::move(error);
        break;
      case Column::kTag:
        if (value.empty()) break;
        if (!tags.emplace(columns_[i].tag_key, value).second) {
          return tag_given_twice("tag." + columns_[i].tag_key, columns_[i].tag_key);
        }
        break;
    }
  }
  if (!tags.empty()) post.user_tags = std::move(tags);
  return post;
}

}  // namespace losant::cli
