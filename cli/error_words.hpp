// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// SDK errors in the words of the command line: the flag or argument the user typed instead of
/// the SDK's field name, no repeated words, and a hint for 401 and 403.
#pragma once

#include <string>
#include <string_view>

#include "losant/experience_users/error.hpp"

namespace losant::cli {

/// Where the connection settings came from, to name them in messages: `--token`,
/// `LOSANT_API_TOKEN`, `--token-stdin`, or `token in profile 'prod' (FILE)`.
struct SettingSources {
  std::string url = "--url";                  ///< Names the base URL's source.
  std::string token = "--token";              ///< Names the token's source; empty: no token.
  std::string application = "--application";  ///< Names the application id's source.
};

/// What the messages of one run may refer to.
struct ErrorWords {
  std::string command;     ///< The command run (`list`, `import`, ...), for the scopes it needs.
  SettingSources sources;  ///< Where url, token and application came from.
};

/// How an SDK field name is given by the user: as a command-line flag or argument (`--email`,
/// `USER_ID`), or as a field of an import record (`email`, `tags`).
enum class FieldStyle { kFlags, kRecord };

/**
 * The user's name for SDK field @p field (`query.perPage` → `--per-page`,
 * `experienceUserId` → `USER_ID`, `body.userTags.role` → `--tag role`); a field not in the
 * table is returned as it is.
 */
std::string user_field(std::string_view field, FieldStyle style, const SettingSources& sources);

/**
 * @p error as one line for `error: ...`: an invalid argument as `FLAG: rule (nothing was sent)`,
 * an HTTP error as `HTTP 401 Unauthorized: message` (the message left out when it only repeats
 * the status) followed, for 401 and 403, by what to check; other errors as the SDK says them.
 */
std::string describe(const experience_users::Error& error, const ErrorWords& words,
                     FieldStyle style = FieldStyle::kFlags);

}  // namespace losant::cli
