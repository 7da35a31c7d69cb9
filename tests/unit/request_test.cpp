// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "wire/request.hpp"

#include <gtest/gtest.h>

namespace losant::experience_users::internal {
namespace {

TEST(PercentEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(PercentEncode, EncodesEverythingElseUpperCase) {
  EXPECT_EQ(percent_encode("my*user"), "my%2Auser");
  EXPECT_EQ(percent_encode("a b"), "a%20b");
  EXPECT_EQ(percent_encode("a+b&c=d/e?f#g%"), "a%2Bb%26c%3Dd%2Fe%3Ff%23g%25");
  EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");  // é in UTF-8
  EXPECT_EQ(percent_encode(std::string_view("\0\n", 2)), "%00%0A");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(UsersPath, BuildsCollectionAndItemPaths) {
  EXPECT_EQ(users_path("575ec8687ae143cd83dc4a97"),
            "/applications/575ec8687ae143cd83dc4a97/experience/users");
  EXPECT_EQ(users_path("575ec8687ae143cd83dc4a97", "575ec8687ae143cd83dc4a98"),
            "/applications/575ec8687ae143cd83dc4a97/experience/users/575ec8687ae143cd83dc4a98");
}

TEST(ListQueryString, DefaultsOnlyWhenNothingIsSet) {
  EXPECT_EQ(list_query_string({}), "_actions=false&_links=true&_embedded=true");
}

TEST(ListQueryString, EveryParameterInFixedOrder) {
  ListQuery q;
  q.sort_field = SortField::kLastLogin;
  q.sort_direction = SortDirection::kDesc;
  q.page = 3;
  q.per_page = 50;
  q.filter_field = FilterField::kEmail;
  q.filter = "my* user@x";
  q.experience_group = GroupFilter::group("575ec8687ae143cd83dc4a97");
  q.include_ancestor_groups = true;
  EXPECT_EQ(list_query_string(q),
            "_actions=false&_links=true&_embedded=true&sortField=lastLogin&sortDirection=desc"
            "&page=3&perPage=50&filterField=email&filter=my%2A%20user%40x"
            "&experienceGroupId=575ec8687ae143cd83dc4a97&includeAncestorGroups=true");
}

TEST(ListQueryString, EnumWireNames) {
  const std::pair<SortField, const char*> fields[] = {{SortField::kFirstName, "firstName"},
                                                      {SortField::kLastName, "lastName"},
                                                      {SortField::kEmail, "email"},
                                                      {SortField::kId, "id"},
                                                      {SortField::kCreationDate, "creationDate"},
                                                      {SortField::kLastLogin, "lastLogin"},
                                                      {SortField::kLastUpdated, "lastUpdated"}};
  for (const auto& [field, name] : fields) {
    ListQuery q;
    q.sort_field = field;
    EXPECT_EQ(list_query_string(q),
              std::string("_actions=false&_links=true&_embedded=true&sortField=") + name);
    EXPECT_EQ(parse_sort_field(name), field);
  }
  EXPECT_EQ(parse_sort_field("EMAIL"), std::nullopt);
  EXPECT_EQ(parse_sort_direction("asc"), SortDirection::kAsc);
  EXPECT_EQ(parse_sort_direction("desc"), SortDirection::kDesc);
  EXPECT_EQ(parse_sort_direction("up"), std::nullopt);
  EXPECT_EQ(parse_filter_field("lastName"), FilterField::kLastName);
  EXPECT_EQ(parse_filter_field("id"), std::nullopt);
}

TEST(ListQueryString, GroupSpecialValuesAndFalseBoolean) {
  ListQuery q;
  q.experience_group = GroupFilter::any();
  q.include_ancestor_groups = false;
  EXPECT_EQ(list_query_string(q),
            "_actions=false&_links=true&_embedded=true&experienceGroupId=any&includeAncestorGroups="
            "false");
  q.experience_group = GroupFilter::none();
  q.include_ancestor_groups.reset();
  EXPECT_EQ(list_query_string(q),
            "_actions=false&_links=true&_embedded=true&experienceGroupId=none");
}

}  // namespace
}  // namespace losant::experience_users::internal
