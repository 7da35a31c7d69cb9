// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// URL and query-string building: the one place that decides what goes into a request line.
#pragma once

#include <string>
#include <string_view>

#include "losant/experience_users/query.hpp"

namespace losant::experience_users::internal {

// RFC 3986 percent-encoding: unreserved characters (ALPHA, DIGIT, `-._~`) stay, every other
// byte becomes %XX with upper-case hex (so a space is %20 and `*` is %2A).
std::string percent_encode(std::string_view value);

// The query parameters every call carries, as Losant's SDKs send them.
inline constexpr std::string_view kDefaultQuery = "_actions=false&_links=true&_embedded=true";

// `/applications/{app}/experience/users` (+ `/{user}` when user_id is not empty). Ids must be
// validated before they get here.
std::string users_path(std::string_view application_id, std::string_view user_id = {});

// The default parameters followed by the list parameters that are set, in a fixed order,
// each value percent-encoded: `_actions=false&_links=true&_embedded=true&sortField=email&...`.
std::string list_query_string(const ListQuery& query);

}  // namespace losant::experience_users::internal
