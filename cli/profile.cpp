// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "profile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

namespace losant::cli {
namespace {

constexpr std::string_view kWhitespace = " \t\r";

std::string_view trim(std::string_view text) {
  const auto start = text.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(kWhitespace);
  return text.substr(start, end - start + 1);
}

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

std::string config_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/losant-experience-users/config";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') {
    return std::string(home) + "/.config/losant-experience-users/config";
  }
  return "";
}

ProfileLookup read_profile(const std::string& path, const std::string& name) {
  ProfileLookup lookup;
  if (path.empty()) return lookup;
  // Opened once, then checked through the descriptor: what is checked is what is read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return lookup;
    lookup.file_exists = true;
    lookup.error = path + ": " + std::strerror(errno);
    return lookup;
  }
  lookup.file_exists = true;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    lookup.error = path + ": not a regular file";
    return lookup;
  }
  if (info.st_uid != ::geteuid()) {
    ::close(fd);
    lookup.error = path + ": belongs to another user; it holds tokens, so it must be your own";
    return lookup;
  }
  if ((info.st_mode & 077) != 0) {
    ::close(fd);
    lookup.error = path + ": other users may read or change it (mode " + octal_mode(info.st_mode) +
                   "); it holds tokens: run chmod 600 " + path;
    return lookup;
  }
  std::string content;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      lookup.error = path + ": " + std::strerror(errno);
      ::close(fd);
      return lookup;
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
    if (content.size() > (1u << 20)) {
      ::close(fd);
      lookup.error = path + ": larger than 1 MiB";
      return lookup;
    }
  }
  ::close(fd);

  std::istringstream lines(content);
  std::string line;
  std::size_t number = 0;
  std::string section;  // the current profile's name; empty before the first
  std::set<std::string> sections;
  std::set<std::string> keys;  // of the current section
  auto fail = [&](const std::string& why) {
    lookup.profile.reset();
    lookup.error = path + ": line " + std::to_string(number) + ": " + why;
    return lookup;
  };
  while (std::getline(lines, line)) {
    ++number;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#' || text.front() == ';') continue;
    if (text.front() == '[') {
      constexpr std::string_view kPrefix = "profile ";
      if (text.back() != ']') return fail("a section must be [profile NAME]");
      const std::string_view inside = trim(text.substr(1, text.size() - 2));
      if (inside.substr(0, kPrefix.size()) != kPrefix) {
        return fail("a section must be [profile NAME]");
      }
      section = std::string(trim(inside.substr(kPrefix.size())));
      if (section.empty()) return fail("a section must be [profile NAME]");
      if (!sections.insert(section).second) {
        return fail("profile '" + section + "' is defined twice");
      }
      keys.clear();
      if (section == name) lookup.profile.emplace();
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) return fail("expected KEY = VALUE");
    const std::string key(trim(text.substr(0, equals)));
    const std::string value(trim(text.substr(equals + 1)));
    if (key != "url" && key != "token" && key != "application") {
      return fail("unknown key '" + key + "' (the keys are url, token and application)");
    }
    if (section.empty()) return fail("'" + key + "' is outside any [profile NAME] section");
    if (!keys.insert(key).second) return fail("'" + key + "' is given twice");
    if (value.empty()) return fail("'" + key + "' has no value");
    if (section != name) continue;
    if (key == "url") lookup.profile->url = value;
    if (key == "token") lookup.profile->token = value;
    if (key == "application") lookup.profile->application = value;
  }
  return lookup;
}

}  // namespace losant::cli
