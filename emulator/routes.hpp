// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The emulator's routes: one table of method + path pattern + handler, the matching of a
/// request against it, and the checks every route shares (token, ids) before its handler runs.
/// To add an operation, add a Route (public header), a handler and a row in routes.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input.hpp"
#include "reply.hpp"
#include "types.hpp"

namespace losant::emulator::detail {

class Store;

/// A request as the handlers see it: no HTTP library types.
struct Call {
  std::string_view method;    ///< `GET`, `HEAD`, `POST`, ...
  const QueryParams& params;  ///< Decoded query parameters.
  std::string_view body;      ///< The request body.
  bool authorized = false;    ///< It carried the served token.
};

/// What the emulator serves: the data and the application it belongs to.
struct Served {
  Store& store;
  const std::string& application_id;
};

struct RouteSpec;

/// A request matched to a route, with the path's `{name}` segments captured in order.
struct Target {
  const RouteSpec* spec = nullptr;
  Route route = Route::kAny;
  std::vector<std::pair<std::string_view, std::string>> path_params;  ///< {name, raw segment}

  /// The captured segment @p name (empty if the pattern has none).
  const std::string& param(std::string_view name) const;
};

/// Finds the route of @p method (HEAD counts as GET) and @p path (one trailing slash tolerated,
/// as Express does). Ids are not checked here: a malformed id is a 400, not a 404.
std::optional<Target> match_route(std::string_view method, std::string_view path);

/// Runs the shared checks in Losant's order (token: 401; applicationId format: 400, identity:
/// 404; every other `{...Id}` segment's format: 400), then the route's handler.
Reply execute(Served served, const Target& target, const Call& call);

/// Emulator::add_user(): a create with the create route's validation (a placeholder password
/// is validated and dropped, as the store never keeps passwords). Returns the new id; throws
/// std::invalid_argument with the validation message.
std::string add_seed_user(Store& store, const UserSeed& user);

}  // namespace losant::emulator::detail
