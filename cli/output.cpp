// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "output.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "csv.hpp"
#include "losant/experience_users/json.hpp"
#include "table.hpp"
#include "text.hpp"
#include "user_csv.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// Shown for a field the API left out.
constexpr const char* kAbsent = "-";
// Shown for a tag map or group list that is present but empty.
constexpr const char* kNone = "(none)";

std::string or_absent(const std::optional<std::string>& text) {
  return text ? *text : kAbsent;
}

std::string or_absent(const std::optional<eu::Timestamp>& time) {
  return time ? eu::format_timestamp(*time) : kAbsent;
}

std::string group_names(const eu::ExperienceUser& user) {
  if (!user.experience_groups || user.experience_groups->empty()) return kAbsent;
  std::string names;
  for (const auto& group : *user.experience_groups) {
    if (!names.empty()) names += ", ";
    names += group.name.value_or("");
  }
  return names;
}

// One line per element; kAbsent when the field is absent, kNone when it is empty.
template <typename Container, typename FormatOne>
std::vector<std::string> lines_of(const std::optional<Container>& field, FormatOne format_one) {
  if (!field) return {kAbsent};
  if (field->empty()) return {kNone};
  std::vector<std::string> lines;
  for (const auto& element : *field) lines.push_back(format_one(element));
  return lines;
}

// `page 0 of 50 (showing 25 of 1234 users)`: the page index is 0-based, as `--page` is.
std::string footer(const eu::ExperienceUsers& page) {
  const auto shown = static_cast<std::int64_t>(page.items.size());
  const std::int64_t total = page.total_count.value_or(shown);
  const std::int64_t per_page = page.per_page.value_or(shown);
  const std::int64_t pages = per_page > 0 ? (total + per_page - 1) / per_page : 0;
  return "page " + std::to_string(page.page.value_or(0)) + " of " + std::to_string(pages) +
         " (showing " + std::to_string(shown) + " of " + std::to_string(total) + " users)";
}

}  // namespace

void print(std::ostream& out, Format format, const eu::ExperienceUsers& page,
           std::optional<std::size_t> max_width) {
  switch (format) {
    case Format::kTable: break;
    case Format::kJson: out << eu::to_json(page) << '\n'; return;
    case Format::kJsonl:
      for (const auto& user : page.items) out << eu::to_json(user) << '\n';
      return;
    case Format::kCsv: {
      const UserCsvColumns columns;
      CsvWriter csv(out);
      csv.write_row(columns.header());
      std::string records;
      for (const auto& user : page.items) columns.append_row(records, user);
      csv.write_records(records);
      return;
    }
  }
  Table table({"ID", "EMAIL", "FIRST NAME", "LAST NAME", "LAST LOGIN", "GROUPS"});
  for (const auto& user : page.items) {
    table.add_row({user.id, user.email, or_absent(user.first_name), or_absent(user.last_name),
                   or_absent(user.last_login), group_names(user)});
  }
  table.keep_whole(0);  // an id or an email cut short cannot be used
  table.keep_whole(1);
  const TableFit fit = table.print(out, max_width);
  out << footer(page) << '\n';
  if (!fit.hidden.empty()) {
    std::string names;
    for (const std::string& name : fit.hidden) names += (names.empty() ? "" : ", ") + name;
    out << "(hidden to fit " << *max_width << " columns: " << names << ")\n";
  }
  if (fit.too_narrow) {
    out << "(" << *max_width << " columns are too narrow for whole ids and emails, which need "
        << fit.needed << ": lines wrap)\n";
  }
}

void print(std::ostream& out, Format format, const eu::ExperienceUser& user) {
  switch (format) {
    case Format::kTable: break;
    case Format::kJson:
    case Format::kJsonl: out << eu::to_json(user) << '\n'; return;
    case Format::kCsv: {
      const UserCsvColumns columns;
      CsvWriter csv(out);
      csv.write_row(columns.header());
      std::string record;
      columns.append_row(record, user);
      csv.write_records(record);
      return;
    }
  }
  KeyValueBlock block;
  block.add("ID", user.id);
  block.add("Email", user.email);
  block.add("First name", or_absent(user.first_name));
  block.add("Last name", or_absent(user.last_name));
  block.add("Application", or_absent(user.application_id));
  block.add("Created", or_absent(user.creation_date));
  block.add("Last updated", or_absent(user.last_updated));
  block.add("Last login", or_absent(user.last_login));
  block.add("Password updated", or_absent(user.password_last_updated));
  block.add("Token cutoff", or_absent(user.token_cutoff));
  block.add("Avatar URL", or_absent(user.avatar_url));
  block.add("Tags",
            lines_of(user.user_tags, [](const auto& tag) { return tag.first + "=" + tag.second; }));
  block.add("Groups", lines_of(user.experience_groups, [](const eu::ExperienceGroup& group) {
              return group.name.value_or("") + " (" + group.id.value_or("") + ")";
            }));
  block.print(out);
}

void print_deleted(std::ostream& out, Format format, std::string_view user_id,
                   const eu::DeleteResult& result) {
  if (format != Format::kTable) {
    out << eu::to_json(result) << '\n';
    return;
  }
  out << "deleted " << user_id << '\n';
}

void print_error(std::ostream& err, std::string_view message) {
  err << "error: " << printable(message) << '\n';
}

}  // namespace losant::cli
