// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Profiles: named sets of url, token and application in the user's config file.
///
/// The file is `$XDG_CONFIG_HOME/losant-experience-users/config` (or
/// `$HOME/.config/losant-experience-users/config`), INI-like:
///
///     # comment
///     [profile prod]
///     url = https://api.losant.com
///     token = eyJhbGciOi...
///     application = 575ec8687ae143cd83dc4a97
///
/// It holds tokens, so it is read only when it is a regular file of the user's own that nobody
/// else may read or write (mode 0600 or stricter).
#pragma once

#include <optional>
#include <string>

namespace losant::cli {

/// One profile's settings; a key the profile does not set is absent.
struct Profile {
  std::optional<std::string> url;          ///< `url`: the API's base URL.
  std::optional<std::string> token;        ///< `token`: the API access token.
  std::optional<std::string> application;  ///< `application`: the application's id.
};

/// The config file's path from the environment; empty when neither XDG_CONFIG_HOME nor HOME is
/// set.
std::string config_path();

/// The outcome of looking a profile up.
struct ProfileLookup {
  bool file_exists = false;        ///< Whether the config file exists at all.
  std::optional<Profile> profile;  ///< The profile, when the file has it.
  /// Why the file could not be used (permissions, syntax), naming the file and the fix; never
  /// quoting a line (it may hold a token). Empty when it could.
  std::string error;
};

/// Reads profile @p name from the config file at @p path.
ProfileLookup read_profile(const std::string& path, const std::string& name);

}  // namespace losant::cli
