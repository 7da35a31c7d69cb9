// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "error_words.hpp"

#include <array>
#include <string>
#include <utility>

#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// Which setting of the connection a field names, when the user's name for it is its source.
enum class Source { kNone, kUrl, kToken, kApplication };

struct FieldName {
  std::string_view sdk;     // the SDK's Error::field (a prefix: `.KEY` or `[N]` may follow)
  std::string_view flag;    // on the command line
  std::string_view record;  // in an import record (CSV column or JSON Lines field)
  Source source = Source::kNone;
};

// Every SDK field name the CLI can meet, in one place. Longer names before their prefixes.
constexpr std::array<FieldName, 22> kFieldNames{{
    {"query.page", "--page", "page"},
    {"query.perPage", "--per-page", "perPage"},
    {"query.filterField", "--filter-field", "filterField"},
    {"query.filter", "--filter", "filter"},
    {"query.experienceGroupId", "--group", "group"},
    {"query.includeAncestorGroups", "--include-ancestor-groups", "includeAncestorGroups"},
    {"query.sortField", "--sort-field", "sortField"},
    {"query.sortDirection", "--sort-direction", "sortDirection"},
    {"experienceUserId", "USER_ID", "id"},
    {"applicationId", "--application", "--application", Source::kApplication},
    {"body.email", "--email", "email"},
    {"body.password", "--password", "password"},
    {"body.firstName", "--first-name", "firstName"},
    {"body.lastName", "--last-name", "lastName"},
    {"body.tokenCutoff", "--token-cutoff", "tokenCutoff"},
    {"body.userTags", "--tag", "tags"},
    {"body.experienceGroupIds", "--group", "groups"},
    {"options.base_url", "--url", "--url", Source::kUrl},
    {"options.token", "--token", "--token", Source::kToken},
    {"options.request_timeout", "--timeout", "--timeout"},
    {"options.deadline", "--timeout", "--timeout"},
    {"options.concurrency", "--concurrency", "--concurrency"},
}};

// SDK rules that name SDK fields or settings, in the command line's words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kRuleWords{{
    {"filter and filterField must be given together",
     "--filter and --filter-field must be given together"},
    {"use https:// or set allow_insecure_http",
     "use https://, or pass --allow-insecure-http if you accept that"},
    {"requires a group id in experienceGroupId", "requires --group ID"},
}};

// What follows a known field: `.KEY` (a tag) becomes ` KEY`, `[N]` (a list index) ` #N+1`.
std::string rest_in_words(std::string_view rest) {
  if (rest.empty()) return "";
  if (rest.front() == '.') return " " + std::string(rest.substr(1));
  if (rest.front() == '[' && rest.back() == ']') {
    const std::string_view inside = rest.substr(1, rest.size() - 2);
    if (!inside.empty() && inside.front() == '"') return " " + std::string(inside);  // ["key"]
    std::size_t index = 0;
    for (char c : inside) {
      if (c < '0' || c > '9') return std::string(rest);
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return " #" + std::to_string(index + 1);
  }
  return std::string(rest);
}

std::string rule_in_words(std::string rule) {
  for (const auto& [sdk, words] : kRuleWords) {
    const auto at = rule.find(sdk);
    if (at != std::string::npos) rule.replace(at, sdk.size(), words);
  }
  return rule;
}

// The scopes a command's requests need, for a 403's hint.
std::string_view scopes_of(std::string_view command) {
  if (command == "list" || command == "export") {
    return "experienceUsers.get (or experienceUsers.*, all.Application.read, all.Application)";
  }
  if (command == "get") {
    return "experienceUser.get (or experienceUser.*, all.Application.read, all.Application)";
  }
  if (command == "create" || command == "import") {
    return "experienceUsers.post (or experienceUsers.*, all.Application)";
  }
  if (command == "update") return "experienceUser.patch (or experienceUser.*, all.Application)";
  if (command == "revoke-sessions") {
    return "experienceUsers.get and experienceUser.patch (or experienceUsers.* and "
           "experienceUser.*, all.Application)";
  }
  if (command == "delete") return "experienceUser.delete (or experienceUser.*, all.Application)";
  return "a scope for this operation (see docs/cli.md)";
}

std::string auth_hint(int status, const ErrorWords& words) {
  const SettingSources& s = words.sources;
  if (status == 401) {
    if (s.token.empty()) {
      return "no token was given: set LOSANT_API_TOKEN, use --token-stdin, or put it in a "
             "profile (--profile NAME)";
    }
    return "check the token (from " + s.token +
           "): it is wrong, expired or revoked, or not a token of this API";
  }
  return "the token (from " + s.token + ") was accepted but may not do this: " +
         (words.command.empty() ? std::string("this") : words.command) + " needs the scope " +
         std::string(scopes_of(words.command)) + " on the application given by " + s.application;
}

}  // namespace

std::string user_field(std::string_view field, FieldStyle style, const SettingSources& sources) {
  for (const FieldName& name : kFieldNames) {
    if (field.substr(0, name.sdk.size()) != name.sdk) continue;
    const std::string_view rest = field.substr(name.sdk.size());
    if (!rest.empty() && rest.front() != '.' && rest.front() != '[') continue;
    std::string words;
    switch (name.source) {
      case Source::kUrl: words = sources.url; break;
      case Source::kToken: words = sources.token.empty() ? "--token" : sources.token; break;
      case Source::kApplication: words = sources.application; break;
      case Source::kNone:
        words = std::string(style == FieldStyle::kFlags ? name.flag : name.record);
        break;
    }
    return words + rest_in_words(rest);
  }
  // A field of a record the SDK does not know (`body.nickname`): the record's own name for it.
  constexpr std::string_view kBody = "body.";
  if (style == FieldStyle::kRecord && field.substr(0, kBody.size()) == kBody) {
    return std::string(field.substr(kBody.size()));
  }
  return std::string(field);
}

std::string describe(const eu::Error& error, const ErrorWords& words, FieldStyle style) {
  std::string text;
  switch (error.kind) {
    case eu::ErrorKind::kInvalidArgument:
      if (!error.field.empty()) text = user_field(error.field, style, words.sources) + ": ";
      text += rule_in_words(error.message);
      break;
    case eu::ErrorKind::kHttp: {
      text = "HTTP " + std::to_string(error.http_status);
      if (!error.api_type.empty()) text += " " + error.api_type;
      const bool repeats =
          error.message.empty() || eu::internal::ascii_iequals(error.message, error.api_type);
      if (!repeats) text += ": " + error.message;
      if (error.http_status == 401 || error.http_status == 403) {
        text += " (" + auth_hint(error.http_status, words) + ")";
      }
      break;
    }
    default:
      text = std::string(eu::to_string(error.kind)) + ": " + error.message;
      if (!error.field.empty())
        text = std::string(eu::to_string(error.kind)) + ": " +
               user_field(error.field, style, words.sources) + ": " + error.message;
      break;
  }
  if (error.attempts > 1) text += " (after " + std::to_string(error.attempts) + " attempts)";
  return text;
}

}  // namespace losant::cli
