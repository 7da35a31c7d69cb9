// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "groups.hpp"

#include <unistd.h>

#include <utility>

#include "arguments.hpp"
#include "csv.hpp"
#include "output.hpp"
#include "table.hpp"
#include "terminal.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr const char* kAbsent = "-";

std::string joined(const std::optional<std::vector<std::string>>& ids) {
  std::string out;
  for (const auto& id : ids.value_or(std::vector<std::string>{})) {
    if (!out.empty()) out += ';';
    out += id;
  }
  return out;
}

std::vector<std::string> cells(const eu::ExperienceGroup& g, const char* absent) {
  const std::string ancestors = joined(g.ancestor_ids);
  return {g.id.value_or(absent), g.name.value_or(absent), g.parent_id.value_or(absent),
          ancestors.empty() ? absent : ancestors};
}

// CSV columns are the API's field names; the table's headers are for people, as users' are.
const std::vector<std::string> kCsvHeaders{"id", "name", "parentId", "ancestorIds"};
const std::vector<std::string> kTableHeaders{"ID", "NAME", "PARENT", "ANCESTORS"};

void print_groups(std::ostream& out, Format format, const std::vector<eu::ExperienceGroup>& groups,
                  const std::string& json) {
  switch (format) {
    case Format::kJson: out << json << '\n'; return;
    case Format::kCsv: {
      CsvWriter csv(out);
      csv.write_row(kCsvHeaders);
      for (const auto& g : groups) csv.write_row(cells(g, ""));
      return;
    }
    default: {
      Table table(kTableHeaders);
      for (const auto& g : groups) table.add_row(cells(g, kAbsent));
      table.print(out, output_width(STDOUT_FILENO));
    }
  }
}

}  // namespace

void define_groups(CLI::App& groups, GroupsInvocation& in) {
  groups.require_subcommand(1);
  CLI::App* list = groups.add_subcommand("list", "List one page of groups");
  list->fallthrough();  // the global options (--format, ...) may follow
  list->callback([&in] { in.action = GroupsInvocation::Action::kList; });
  eu::GroupListQuery& q = in.query;
  add_enum_option(*list, "--sort-field", q.sort_field, eu::parse_group_sort_field,
                  eu::kAllGroupSortFields,
                  "Sort on this field: name, id, creationDate or lastUpdated. Default (the "
                  "server's): name")
      ->type_name("FIELD");
  add_enum_option(*list, "--sort-direction", q.sort_direction, eu::parse_sort_direction,
                  eu::kAllSortDirections, "Sort direction. Default (the server's): asc");
  add_optional_option(*list, "--page", q.page, "The page to show, counting from 0. Default: 0")
      ->type_name("N");
  add_optional_option(*list, "--per-page", q.per_page,
                      "Groups per page, 1 to 1000. Default (the server's): 100")
      ->type_name("N");
  add_optional_option(*list, "--filter", q.filter, "Keep groups whose name matches this glob")
      ->type_name("GLOB");
  add_optional_option(*list, "--query", q.query,
                      "An advanced group query (advancedExperienceGroupQuery) as JSON")
      ->type_name("JSON");
  CLI::App* get = groups.add_subcommand("get", "Show one group");
  get->fallthrough();
  get->add_option("GROUP_ID", in.group_id, "The group's id (24 hex characters)")
      ->type_name("")
      ->required();
  get->callback([&in] { in.action = GroupsInvocation::Action::kGet; });
}

ExitCode run_groups(const eu::ExperienceUsersClient& client, const std::string& application_id,
                    const GroupsInvocation& in, Format format, std::ostream& out, std::ostream& err,
                    const ErrorWords& words) {
  if (in.action == GroupsInvocation::Action::kGet) {
    auto group = client.get_group(application_id, in.group_id);
    if (!group) {
      print_error(err, describe(group.error(), words));
      return exit_code_for(group.error());
    }
    print_groups(out, format, {*group}, eu::to_json(*group));
    return ExitCode::kOk;
  }
  auto page = client.list_groups(application_id, in.query);
  if (!page) {
    print_error(err, describe(page.error(), words));
    return exit_code_for(page.error());
  }
  print_groups(out, format, page->items, eu::to_json(*page));
  return ExitCode::kOk;
}

}  // namespace losant::cli
