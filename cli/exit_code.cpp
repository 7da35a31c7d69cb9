// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "exit_code.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr std::array<std::pair<ExitCode, std::string_view>, 10> kMeanings{{
    {ExitCode::kOk, "success"},
    {ExitCode::kInternal, "unexpected internal error, or the output could not be written"},
    {ExitCode::kUsage,
     "usage error: the command line could not be parsed, or a file it names "
     "could not be opened"},
    {ExitCode::kInvalidArgument, "invalid argument: an input broke an API rule, nothing was sent"},
    {ExitCode::kAuth, "HTTP 401/403: token missing, invalid or lacking a scope"},
    {ExitCode::kNotFound, "HTTP 404: application or user not found"},
    {ExitCode::kHttp, "any other HTTP error status"},
    {ExitCode::kNetwork, "network: connect, TLS, transport failure or timeout"},
    {ExitCode::kBadResponse, "malformed or too large response"},
    {ExitCode::kPartial,
     "import: some records failed, neither created nor skipped; sync: some writes failed (see "
     "the report)"},
}};

}  // namespace

ExitCode exit_code_for(const eu::Error& error) noexcept {
  switch (error.kind) {
    case eu::ErrorKind::kInvalidArgument: return ExitCode::kInvalidArgument;
    case eu::ErrorKind::kHttp:
      if (error.http_status == 401 || error.http_status == 403) return ExitCode::kAuth;
      if (error.http_status == 404) return ExitCode::kNotFound;
      return ExitCode::kHttp;
    case eu::ErrorKind::kConnect:
    case eu::ErrorKind::kTransport:
    case eu::ErrorKind::kTls:
    case eu::ErrorKind::kTimeout: return ExitCode::kNetwork;
    case eu::ErrorKind::kMalformedResponse:
    case eu::ErrorKind::kResponseTooLarge: return ExitCode::kBadResponse;
    case eu::ErrorKind::kNone: break;  // not a failure: reaching here is a bug
  }
  return ExitCode::kInternal;
}

ExitCode exit_code_for(const CLI::ParseError& error) noexcept {
  return error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success) ? ExitCode::kOk
                                                                            : ExitCode::kUsage;
}

std::string exit_code_help() {
  std::string text = "Exit codes:\n";
  for (const auto& [code, meaning] : kMeanings) {
    text += "  " + std::to_string(static_cast<int>(code)) + "  ";
    text += meaning;
    text += '\n';
  }
  return text;
}

}  // namespace losant::cli
