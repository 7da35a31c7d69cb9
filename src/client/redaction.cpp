// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "client/redaction.hpp"

#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

// Secrets shorter than this are not searched for in messages: redacting a 1-character
// "secret" would shred every message without protecting anything.
constexpr std::size_t kMinRedactableSecret = 4;

void replace_all(std::string& text, std::string_view secret) {
  if (secret.size() < kMinRedactableSecret) return;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), kRedacted);
    pos += kRedacted.size();
  }
}

// @p secret as a JSON string's content, escaped the way JSON encoders write it (the request
// body carried it so; a server may echo that text).
std::string json_escaped(std::string_view secret) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : secret) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

// Scrubs @p text of every form a secret of the call can take in it: as sent, JSON-escaped (as
// the request body carried it), and as the one sanitiser renders it (one_line: a tab
// becomes a space, a control character U+FFFD). Called on a server's text *before* any
// transformation, and again on the finished message: once a tab has become a space the raw
// secret can no longer be found.
void scrub(std::string& text, const Secrets& secrets) {
  for (const auto secret : secrets) {
    replace_all(text, secret);
    replace_all(text, json_escaped(secret));
    replace_all(text, one_line(secret));
  }
}

// Scrubs secrets from every text field of an error: a hostile or buggy server may echo the
// token or a password back in its error body.
void redact(Error& error, const Secrets& secrets) {
  scrub(error.message, secrets);
  scrub(error.api_type, secrets);
  scrub(error.field, secrets);
}

// A short excerpt of a body that is not the JSON we expected, secrets scrubbed *before* it is
// cut (a secret cut in half would no longer be found).
std::string scrubbed_excerpt(std::string_view body, const Secrets& secrets) {
  // Enough to hold the excerpt plus any secret straddling its end (passwords: <= 2048 bytes,
  // up to 6 bytes each once JSON-escaped).
  constexpr std::size_t kScrubWindow = 4 * kExcerptLength + 6 * 2048 + 64;
  std::string text(body.substr(0, kScrubWindow));
  scrub(text, secrets);
  std::string out = excerpt(text);
  const bool cut = out.size() >= 3 && out.compare(out.size() - 3, 3, "...") == 0;
  if (body.size() > kScrubWindow && !cut) out += "...";  // the window itself cut the body
  return out;
}

}  // namespace losant::experience_users::internal
