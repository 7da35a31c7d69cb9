// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Secrets (the token, a password) scrubbed from every text the client builds from a server's
// answer: error messages, API error types, body excerpts and log lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "losant/experience_users/error.hpp"

namespace losant::experience_users::internal {

/// What a redacted secret or header value is replaced with.
inline constexpr std::string_view kRedacted = "REDACTED";

/// The secrets of one call: the token, and the password of its body if any.
using Secrets = std::vector<std::string_view>;

/// Scrubs @p text of every form a secret can take in it (as sent, JSON-escaped, sanitised).
void scrub(std::string& text, const Secrets& secrets);

/// Scrubs the secrets from every text field of @p error.
void redact(Error& error, const Secrets& secrets);

/// An excerpt of a body that is not the JSON expected (internal::excerpt), secrets scrubbed
/// before it is cut.
std::string scrubbed_excerpt(std::string_view body, const Secrets& secrets);

}  // namespace losant::experience_users::internal
