// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The ExperienceGroup model: decoding experienceGroup.json, absent fields staying absent
// (embedded in users too), the group list query string and its rules.
#include <gtest/gtest.h>

#include "losant/experience_users/groups.hpp"
#include "losant/experience_users/json.hpp"
#include "losant/experience_users/validate.hpp"
#include "wire/group_wire.hpp"

namespace losant::experience_users {
namespace {

const std::string kId = "575ec8687ae143cd83dc4a97";

TEST(GroupCodec, DecodesTheFullSchemaAndEncodesItBack) {
  const std::string json =
      R"({"id":")" + kId + R"(","experienceGroupId":")" + kId + R"(","applicationId":")" + kId +
      R"(","creationDate":"2016-06-13T04:00:00.000Z","lastUpdated":"2016-06-13T04:00:00.000Z",)"
      R"("name":"Ops","description":"d","parentId":")" +
      kId + R"(","ancestorIds":[")" + kId +
      R"("],"experienceUserIds":[],"experienceEndpointIds":[],)"
      R"("deviceIds":[],"groupTags":{"a":"b"},"deviceTags":[{"key":"k","value":"v"}],)"
      R"("deviceQueryJson":null,"directDeviceCount":3,"totalDeviceCount":4})";
  auto g = parse_experience_group(json);
  ASSERT_TRUE(g.ok()) << g.error().to_string();
  EXPECT_EQ(g->name, "Ops");
  EXPECT_EQ(g->parent_id, kId);
  EXPECT_EQ(g->ancestor_ids, std::vector<std::string>{kId});
  EXPECT_EQ(g->group_tags, (Tags{{"a", "b"}}));
  ASSERT_TRUE(g->device_tags);
  EXPECT_EQ(g->device_tags->front(), std::make_pair(std::string("k"), std::string("v")));
  EXPECT_FALSE(g->device_query_json.has_value());
  EXPECT_EQ(g->total_device_count, 4.0);
  auto again = parse_experience_group(to_json(*g));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *g);
}

TEST(GroupCodec, AbsentFieldsStayAbsent) {
  auto g = parse_experience_group(R"({"name":"NoId","parentId":null})");
  ASSERT_TRUE(g.ok());
  EXPECT_FALSE(g->id.has_value());
  EXPECT_FALSE(g->parent_id.has_value());
  EXPECT_EQ(to_json(*g), R"({"name":"NoId"})");
  // The same for a group embedded in a user: no `"id": ""`.
  auto user = parse_experience_user(R"({"id":")" + kId +
                                    R"(","email":"a@b.co","experienceGroups":[{"name":"NoId"}]})");
  ASSERT_TRUE(user.ok()) << user.error().to_string();
  ASSERT_TRUE(user->experience_groups);
  EXPECT_FALSE(user->experience_groups->front().id.has_value());
  const std::string out = to_json(*user);
  EXPECT_EQ(out.find(R"("id":"")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("experienceGroups":[{"name":"NoId"}])"), std::string::npos) << out;
}

TEST(GroupCodec, MalformedBodiesNameThePath) {
  auto bad = parse_experience_groups(R"({"items":[{"name":5}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kMalformedResponse);
  EXPECT_NE(bad.error().message.find("items[0].name"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(parse_experience_groups("<html>").ok());
  EXPECT_FALSE(parse_experience_groups(R"({"count":1})").ok());
}

TEST(GroupQuery, QueryStringAndRules) {
  GroupListQuery q;
  EXPECT_EQ(internal::group_list_query_string(q), "_actions=false&_links=true&_embedded=true");
  q.sort_field = GroupSortField::kLastUpdated;
  q.sort_direction = SortDirection::kDesc;
  q.page = 1;
  q.per_page = 5;
  q.filter = "Ops *";
  EXPECT_EQ(internal::group_list_query_string(q),
            "_actions=false&_links=true&_embedded=true&sortField=lastUpdated&sortDirection=desc&"
            "page=1&perPage=5&filterField=name&filter=Ops%20%2A");
  EXPECT_FALSE(validate(q));
  q.per_page = 0;
  EXPECT_EQ(validate(q)->field, "query.perPage");
  q.per_page = 5;
  q.query = R"({"name":{"$startsWith":"O"}})";
  EXPECT_EQ(validate(q)->field, "query.filter");
  q.filter.reset();
  EXPECT_FALSE(validate(q));
  EXPECT_NE(internal::group_list_query_string(q).find(
                "&query=%7B%22name%22%3A%7B%22%24startsWith%22%3A%22O%22%7D%7D"),
            std::string::npos);
  q.query = "not json";
  EXPECT_EQ(validate(q)->field, "query.query");
  EXPECT_EQ(parse_group_sort_field("creationDate"), GroupSortField::kCreationDate);
  EXPECT_FALSE(parse_group_sort_field("email"));
}

}  // namespace
}  // namespace losant::experience_users
