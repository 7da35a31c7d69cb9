// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The tool's reference agrees with itself: every command's `--help`, docs/cli.md, the man page
// generated from it and the bash completion list the same options; the help shows no parser
// artefacts, shows the defaults and points at the man page; the man page and the completion
// are installed with the tool.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

namespace eu = losant::experience_users;
using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::read_file;
using eu::testing::run_tool;

using Options = std::set<std::string>;

const std::vector<std::string> kCommands{
    "list",   "get",  "create",          "update",      "delete",    "export",
    "import", "sync", "revoke-sessions", "groups list", "groups get"};

// The command a heading names: `get USER_ID` -> `get`, `groups get GROUP_ID` -> `groups get`
// (the words before the first upper-case placeholder).
std::string command_of(const std::string& heading) {
  std::string command;
  std::istringstream words(heading);
  for (std::string word; words >> word && !std::isupper(static_cast<unsigned char>(word[0]));) {
    command += (command.empty() ? "" : " ") + word;
  }
  return command;
}

// Every `--long-option` in @p text; --help and --version are everyone's and left out.
Options long_options(const std::string& text) {
  static const std::regex option("--[a-z][a-z0-9-]*");
  Options found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
       it != std::sregex_iterator(); ++it) {
    if (it->str() != "--help" && it->str() != "--version") found.insert(it->str());
  }
  return found;
}

// The options a --help output lists: the first word(s) of its option lines.
Options help_options(const std::string& help) {
  Options found;
  static const std::regex line(R"(^\s+(-[a-z],)?(--[a-z][a-z0-9-]*))");
  for (const std::string& text : lines_of(help)) {
    std::smatch match;
    if (std::regex_search(text, match, line) && match[2] != "--help" && match[2] != "--version") {
      found.insert(match[2]);
    }
  }
  return found;
}

// docs/cli.md: the options in the first cell of each table row, per section (`global` and each
// command's `### \`NAME ...\`` section).
std::map<std::string, Options> markdown_options(const std::string& markdown) {
  std::map<std::string, Options> sections;
  std::string section;
  for (const std::string& line : lines_of(markdown)) {
    if (line.rfind("## ", 0) == 0) section = line == "## Global options" ? "global" : "";
    if (line.rfind("### `", 0) == 0) section = command_of(line.substr(5, line.find('`', 5) - 5));
    if (section.empty() || line.rfind("| `", 0) != 0) continue;
    const std::string first_cell = line.substr(1, line.find(" |", 1));
    for (const std::string& option : long_options(first_cell)) sections[section].insert(option);
  }
  return sections;
}

// The man page: the tags of its tagged paragraphs (`.TP`), per section as above.
std::map<std::string, Options> man_options(const std::string& roff) {
  std::map<std::string, Options> sections;
  std::string section;
  const std::vector<std::string> lines = lines_of(roff);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind(".SH ", 0) == 0) section = line == ".SH GLOBAL OPTIONS" ? "global" : "";
    if (line.rfind(".SS \"", 0) == 0) {
      std::string title = line.substr(5, line.find('"', 5) - 5);
      for (std::size_t at; (at = title.find("\\-")) != std::string::npos;)
        title.replace(at, 2, "-");
      section = command_of(title);  // `revoke\-sessions` -> `revoke-sessions`
    }
    if (section.empty() || line != ".TP" || i + 1 >= lines.size()) continue;
    std::string tag = lines[i + 1];
    for (std::size_t at; (at = tag.find("\\-")) != std::string::npos;) tag.replace(at, 2, "-");
    for (const std::string& option : long_options(tag)) sections[section].insert(option);
  }
  return sections;
}

// What the bash completion offers after `losant-experience-users COMMAND ` (or none).
Options completion_options(const std::string& command) {
  const std::string script = std::string(LOSANT_EU_SOURCE_DIR) + "/cli/completion.bash";
  const std::string words = "losant-experience-users " + command + (command.empty() ? "" : " ");
  const auto cword = std::count(words.begin(), words.end(), ' ');
  const std::string line = "bash --norc --noprofile -c 'source \"" + script + "\"; COMP_WORDS=(" +
                           words + "\"\"); COMP_CWORD=" + std::to_string(cword) +
                           "; _losant_experience_users; printf \"%s\\n\" \"${COMPREPLY[@]}\"'";
  std::string output;
  if (FILE* pipe = popen(line.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << line;
  }
  return long_options(output);
}

Options merged(const Options& a, const Options& b) {
  Options all = a;
  all.insert(b.begin(), b.end());
  return all;
}

class CliReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (eu::testing::cli_path().empty()) GTEST_SKIP() << "LOSANT_EU_CLI_PATH is not set";
  }
  static std::string help(const std::string& command) {
    std::vector<std::string> args;
    std::istringstream words(command);
    for (std::string word; words >> word;) args.push_back(word);
    args.push_back("--help");
    const Outcome o = run_tool(args, {});
    EXPECT_EQ(o.exit_code, 0) << o;
    return o.out;
  }
};

TEST_F(CliReferenceTest, HelpDocsManPageAndCompletionListTheSameOptions) {
  const std::map<std::string, Options> docs =
      markdown_options(read_file(std::string(LOSANT_EU_SOURCE_DIR) + "/docs/cli.md"));
  const std::map<std::string, Options> man = man_options(read_file(LOSANT_EU_MAN_PATH));
  ASSERT_EQ(docs.count("global"), 1u);
  const Options global = help_options(help(""));
  EXPECT_EQ(docs.at("global"), global);
  EXPECT_EQ(man.count("global") ? man.at("global") : Options{}, global);
  EXPECT_EQ(completion_options(""), global);
  EXPECT_TRUE(global.count("--profile") && global.count("--token-stdin") &&
              global.count("--allow-insecure-http"));
  for (const std::string& command : kCommands) {
    const Options options = help_options(help(command));
    const auto documented = docs.find(command);
    const auto in_man = man.find(command);
    EXPECT_EQ(merged(global, documented == docs.end() ? Options{} : documented->second), options)
        << "docs/cli.md vs " << command << " --help";
    EXPECT_EQ(merged(global, in_man == man.end() ? Options{} : in_man->second), options)
        << "man page vs " << command << " --help";
    EXPECT_EQ(completion_options(command), options) << "completion vs " << command << " --help";
    EXPECT_TRUE(options.count("--format")) << command;  // every command takes the global ones
  }
}

TEST_F(CliReferenceTest, HelpShowsNoParserArtefactsShowsDefaultsAndPointsAtTheManPage) {
  std::vector<std::string> commands = kCommands;
  commands.insert(commands.begin(), "");
  for (const std::string& command : commands) {
    const std::string text = help(command);
    for (const char* artefact : {" ...", ":INT", ":UINT", ":FLOAT", ":TEXT", ":NUMBER", "in [",
                                 "Excludes:", "Needs:", "(Env:", "See docs/cli.md"}) {
      EXPECT_EQ(text.find(artefact), std::string::npos)
          << artefact << " in " << command << " --help:\n"
          << text;
    }
    EXPECT_NE(text.find("man losant-experience-users"), std::string::npos) << command;
    // Options with a default say it on their line.
    for (const std::string& line : lines_of(text)) {
      for (const char* option :
           {"--url URL", "--timeout SECONDS", "--concurrency N", "--per-page N", "--format FORMAT",
            "--page N", "--profile NAME", "--out FILE", "--sort-field", "--sort-direction"}) {
        if (line.find(std::string("  ") + option) == std::string::npos) continue;
        EXPECT_NE(line.find("Default"), std::string::npos) << command << ": " << line;
      }
    }
  }
  EXPECT_NE(help("import").find("--concurrency N             Create requests in flight at "
                                "most, 1 to 64. Default: 8"),
            std::string::npos);
  EXPECT_NE(help("list").find("Default: 30 s per attempt, 120 s in all"), std::string::npos);
}

TEST_F(CliReferenceTest, ManPageRendersAndIsInstalledWithTheCompletion) {
  const std::string man_page = read_file(LOSANT_EU_MAN_PATH);
  ASSERT_NE(man_page.find(".TH LOSANT\\-EXPERIENCE\\-USERS 1"), std::string::npos);
  EXPECT_NE(man_page.find(std::string("losant\\-experience\\-users ") + eu::kVersion),
            std::string::npos);
  for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH GLOBAL OPTIONS", ".SH COMMANDS",
                              ".SH ERRORS AND EXIT CODES", ".SH EXAMPLES"}) {
    EXPECT_NE(man_page.find(section), std::string::npos) << section;
  }

  char pattern[] = "/tmp/cli-install-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string prefix = pattern;
  const std::string install = std::string("cmake --install \"") + LOSANT_EU_BINARY_DIR +
                              "\" --component tools --prefix \"" + prefix + "\" >/dev/null";
  ASSERT_EQ(std::system(install.c_str()), 0) << install;
  // Installed compressed when gzip is there (Debian policy), as is otherwise.
  std::string installed_man = prefix + "/share/man/man1/losant-experience-users.1";
  std::string installed_text = read_file(installed_man);
  if (installed_text.empty()) {
    installed_man += ".gz";
    if (FILE* pipe = popen(("gzip -dc \"" + installed_man + "\"").c_str(), "r")) {
      char buffer[4096];
      for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        installed_text.append(buffer, n);
      }
      EXPECT_EQ(pclose(pipe), 0) << installed_man;
    }
  }
  const std::string installed_completion =
      prefix + "/share/bash-completion/completions/losant-experience-users";
  EXPECT_EQ(installed_text, man_page);
  EXPECT_EQ(read_file(installed_completion),
            read_file(std::string(LOSANT_EU_SOURCE_DIR) + "/cli/completion.bash"));
  // man itself can render it, without warnings.
  if (std::system("command -v man >/dev/null 2>&1") == 0) {
    const std::string render = "MANWIDTH=80 man --warnings -l \"" + installed_man +
                               "\" 2>&1 >/dev/null | grep -v '^$' | head -5";
    std::string warnings;
    if (FILE* pipe = popen(render.c_str(), "r")) {
      char buffer[1024];
      for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        warnings.append(buffer, n);
      }
      pclose(pipe);
    }
    EXPECT_EQ(warnings, "");
  }
  std::system(("rm -rf \"" + prefix + "\"").c_str());
}

}  // namespace
