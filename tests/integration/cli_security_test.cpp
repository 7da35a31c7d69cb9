// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The losant-experience-users tool under attack (issue 12) and failing runs (issue 11, "Data
// loss"), run as a child process against the emulator or a hostile local server: files are
// written all or nothing through a temporary file, never through a symlink, never over the
// input; a full disk says why and leaves nothing behind; hostile JSON Lines and CSV input is
// refused with a clear error; the process cannot be dumped; what reaches a terminal is
// sanitised; CSV cells that a spreadsheet would split are quoted.
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "local_server.hpp"
#include "losant/experience_users/json.hpp"
#include "test_cert.hpp"

namespace {

namespace eu = losant::experience_users;
namespace fs = std::filesystem;

using eu::testing::Environment;
using eu::testing::lines_of;
using eu::testing::Outcome;
using eu::testing::permissions_of;
using eu::testing::read_file;
using eu::testing::run_tool;
using eu::testing::RunOptions;
using eu::testing::write_file;
using ::testing::HasSubstr;
using ::testing::Not;

// The names in @p dir (a run must leave no temporary file behind).
std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// JSON Lines import records without passwords.
std::string records_without_passwords(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += R"({"email":"new)" + std::to_string(i) +
            R"(@example.org","firstName":"N"})"
            "\n";
  }
  return text;
}

// Sets the soft limit on the size of files this process (and the children it starts) may
// write, for its lifetime; SIGXFSZ is ignored so that a write past it fails with EFBIG instead
// of killing the writer. Works for any user (the soft limit may always be lowered and raised
// back up to the hard one) and on any file system: a full disk without a small file system.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

class CliSecurity : public eu::testing::CliEmulatorTest {
 protected:
  CliSecurity() : CliEmulatorTest(50) {}

  void SetUp() override {
    CliEmulatorTest::SetUp();
    if (IsSkipped()) return;
    std::string pattern = (fs::temp_directory_path() / "cli_security_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    CliEmulatorTest::TearDown();
  }
  fs::path file(const std::string& name) const { return dir_ / name; }

  // A CSV import file of @p count valid new users.
  fs::path users_csv(int count = 3) const {
    std::string text = "email,password,firstName\n";
    for (int i = 0; i < count; ++i) {
      text += "csv" + std::to_string(i) + "@example.org,correct horse battery,C\n";
    }
    write_file(file("users.csv"), text);
    return file("users.csv");
  }

  fs::path dir_;
};

// ---- Writing files (issue 11 "Data loss"; findings 2, 6, 7, 8) --------------------------------

TEST_F(CliSecurity, AFailedExportLeavesTheExistingFileByteIdentical) {
  const std::string precious = std::string(975, 'p') + "\n";
  const fs::path keep = file("keep.jsonl");
  write_file(keep, precious);

  const Outcome refused = run({"export", "--per-page", "5000", "--out", keep.string()});
  EXPECT_NE(refused.exit_code, 0) << refused;
  EXPECT_EQ(read_file(keep), precious);

  Environment wrong_token = env();
  wrong_token["LOSANT_API_TOKEN"] = "not-the-token";
  const Outcome unauthorized = run_tool({"export", "--out", keep.string()}, wrong_token);
  EXPECT_EQ(unauthorized.exit_code, 4) << unauthorized;
  EXPECT_THAT(unauthorized.err, HasSubstr("unchanged"));
  EXPECT_EQ(read_file(keep), precious);

  Environment down = env();
  emulator_->stop();
  const Outcome unreachable = run_tool({"export", "--out", keep.string()}, down);
  EXPECT_EQ(unreachable.exit_code, 7) << unreachable;
  EXPECT_EQ(read_file(keep), precious);
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"keep.jsonl"});  // no temporary file left
}

TEST_F(CliSecurity, ASuccessfulExportReplacesTheFileWhole) {
  const fs::path out = file("out.jsonl");
  write_file(out, std::string(100000, 'x'));  // longer than the export: nothing of it may stay
  chmod(out.c_str(), 0644);
  const Outcome o = run({"export", "--out", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(lines_of(read_file(out)).size(), 50u);
  EXPECT_EQ(read_file(out).find('x' + std::string(10, 'x')), std::string::npos);
  EXPECT_EQ(permissions_of(out), 0600u);  // a new file, not the old world-readable one
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"out.jsonl"});
}

TEST_F(CliSecurity, ExportReplacesASymlinkAndNeverWritesThroughIt) {
  const fs::path victim = file("victim.txt");
  write_file(victim, "the user's other file\n");
  const fs::path planted = file("export.jsonl");
  fs::create_symlink(victim, planted);
  const Outcome o = run({"export", "--out", planted.string()});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(read_file(victim), "the user's other file\n");
  EXPECT_FALSE(fs::is_symlink(planted));
  EXPECT_EQ(lines_of(read_file(planted)).size(), 50u);
  EXPECT_EQ(permissions_of(planted), 0600u);
}

// A device or a pipe is written in place: a temporary renamed over /dev/null (the tests may run
// as root) would replace the device with a file.
TEST_F(CliSecurity, DevicesAndPipesAreWrittenInPlace) {
  const Outcome discarded = run({"export", "--out", "/dev/null"});
  ASSERT_EQ(discarded.exit_code, 0) << discarded;
  struct stat null_device {};
  ASSERT_EQ(lstat("/dev/null", &null_device), 0);
  EXPECT_TRUE(S_ISCHR(null_device.st_mode));

  const Outcome piped = run({"export", "--out", "/dev/stdout"});
  ASSERT_EQ(piped.exit_code, 0) << piped;
  EXPECT_EQ(lines_of(piped.out).size(), 50u);
  EXPECT_TRUE(fs::is_symlink("/dev/stdout"));
  for (const auto& entry : fs::directory_iterator("/dev")) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(CliSecurity, ReportNeverCreatesTheTargetOfADanglingSymlink) {
  const fs::path target = file("created-by-the-attacker");
  const fs::path report = file("report.csv");
  fs::create_symlink(target, report);
  const Outcome o =
      run({"import", "--in", users_csv().string(), "--report", report.string(), "--dry-run"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_FALSE(fs::exists(fs::symlink_status(target)));
  EXPECT_FALSE(fs::is_symlink(report));
  EXPECT_EQ(lines_of(read_file(report)).size(), 4u);
  EXPECT_EQ(permissions_of(report), 0600u);
}

TEST_F(CliSecurity, AWorldReadableReportIsReplacedByAPrivateFile) {
  const fs::path report = file("report.csv");
  write_file(report, "old\n");
  chmod(report.c_str(), 0644);
  const Outcome o =
      run({"import", "--in", users_csv().string(), "--report", report.string(), "--dry-run"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_EQ(permissions_of(report), 0600u);
  EXPECT_THAT(read_file(report), HasSubstr("row,email,outcome"));
}

TEST_F(CliSecurity, ImportRefusesToWriteOverItsInput) {
  const fs::path input = users_csv();
  const std::string original = read_file(input);
  const fs::path hard_link = file("hard-link.csv");
  fs::create_hard_link(input, hard_link);
  const fs::path symlink = file("symlink.csv");
  fs::create_symlink(input, symlink);
  const std::vector<std::vector<std::string>> clashes{
      {"--in", input.string(), "--report", input.string()},
      {"--in", input.string(), "--report", hard_link.string()},
      {"--in", symlink.string(), "--report", input.string()},
      {"--in", input.string(), "--report", (dir_ / "." / "users.csv").string()},
      {"--in", input.string(), "--report", file("r.csv").string(), "--generate-passwords",
       file("r.csv").string()},
  };
  for (const auto& flags : clashes) {
    std::vector<std::string> args{"import"};
    args.insert(args.end(), flags.begin(), flags.end());
    const Outcome o = run(args);
    EXPECT_EQ(o.exit_code, 2) << o;
    EXPECT_THAT(o.err, HasSubstr("name the same file")) << o;
    EXPECT_EQ(read_file(input), original);
  }
  EXPECT_EQ(emulator_->user_count(), 50u);
}

TEST_F(CliSecurity, AFullDiskSaysWhyAndKeepsTheOldExport) {
  const fs::path keep = file("keep.jsonl");
  write_file(keep, "precious\n");
  Outcome o;
  {
    const FileSizeLimit limit(4096);  // 50 users are about 15 KB of JSON Lines
    o = run({"export", "--out", keep.string()});
  }
  EXPECT_EQ(o.exit_code, 1) << o;
  EXPECT_THAT(o.err, HasSubstr("File too large")) << o;  // strerror(EFBIG): the reason
  EXPECT_EQ(read_file(keep), "precious\n");
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"keep.jsonl"});
}

TEST_F(CliSecurity, AFailedGeneratePasswordsLeavesNoFileAndTheRerunWorks) {
  const fs::path input = file("new.jsonl");
  write_file(input, records_without_passwords(200));
  const fs::path passwords = file("passwords.csv");
  Outcome failed;
  {
    const FileSizeLimit limit(2048);  // 200 passwords are about 8 KB
    failed = run({"import", "--in", input.string(), "--generate-passwords", passwords.string()});
  }
  EXPECT_EQ(failed.exit_code, 2) << failed;
  EXPECT_THAT(failed.err, HasSubstr("File too large")) << failed;
  EXPECT_FALSE(fs::exists(passwords));
  EXPECT_EQ(emulator_->user_count(), 50u);  // nobody was created with a password now lost
  EXPECT_EQ(names_in(dir_), std::set<std::string>{"new.jsonl"});

  const Outcome rerun =
      run({"import", "--in", input.string(), "--generate-passwords", passwords.string()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(lines_of(read_file(passwords)).size(), 201u);
  EXPECT_EQ(permissions_of(passwords), 0600u);
  EXPECT_EQ(emulator_->user_count(), 250u);

  // The passwords file still must be new.
  const Outcome again =
      run({"import", "--in", input.string(), "--generate-passwords", passwords.string()});
  EXPECT_EQ(again.exit_code, 2) << again;
  EXPECT_EQ(lines_of(read_file(passwords)).size(), 201u);
}

#ifdef LOSANT_EU_FSYNC_RECORDER
// Finding 8: each file is fsync'd before it is renamed onto its name, its directory after.
TEST_F(CliSecurity, EveryFileIsSyncedBeforeItsRenameAndItsDirectoryAfter) {
  const fs::path log = file("calls.log");
  Environment e = env();
  e["LD_PRELOAD"] = LOSANT_EU_FSYNC_RECORDER;
  e["LOSANT_EU_FSYNC_LOG"] = log.string();
  const char* asan = std::getenv("ASAN_OPTIONS");
  e["ASAN_OPTIONS"] = std::string(asan != nullptr ? asan : "") + ":verify_asan_link_order=0";
  const fs::path input = file("new.jsonl");
  write_file(input, records_without_passwords(3));
  const Outcome exported = run_tool({"export", "--out", file("out.jsonl").string()}, e);
  ASSERT_EQ(exported.exit_code, 0) << exported;
  const Outcome imported =
      run_tool({"import", "--in", input.string(), "--generate-passwords",
                file("passwords.csv").string(), "--report", file("report.csv").string()},
               e);
  ASSERT_EQ(imported.exit_code, 0) << imported;

  const std::vector<std::string> calls = lines_of(read_file(log));
  for (const std::string name : {"out.jsonl", "passwords.csv", "report.csv"}) {
    const std::string final_path = file(name).string();
    const std::string temp_prefix = file("." + name + ".tmp-").string();
    const auto renamed = std::find_if(calls.begin(), calls.end(), [&](const std::string& call) {
      return call.rfind("rename " + temp_prefix, 0) == 0 && call.size() > final_path.size() &&
             call.compare(call.size() - final_path.size(), final_path.size(), final_path) == 0;
    });
    ASSERT_NE(renamed, calls.end()) << name << " was not renamed into place:\n" << read_file(log);
    const std::string temp_path = renamed->substr(7, renamed->find(' ', 7) - 7);
    EXPECT_NE(std::find(calls.begin(), renamed, "fsync " + temp_path), renamed)
        << name << ": no fsync before the rename:\n"
        << read_file(log);
    EXPECT_NE(std::find(renamed, calls.end(), "fsync " + dir_.string()), calls.end())
        << name << ": the directory was not synced after the rename:\n"
        << read_file(log);
  }
}
#endif

// ---- Hostile input (findings 4, 9, 10) -------------------------------------------------------

TEST_F(CliSecurity, DeeplyNestedJsonLinesAreRefusedWithoutACrash) {
  const fs::path input = file("deep.jsonl");
  const std::size_t depth = 100000;
  write_file(input, R"({"email":"ok@example.org","password":"correct horse","firstName":"A"})"
                    "\n"
                    R"({"email":"deep@example.org","password":"correct horse","userTags":)" +
                        std::string(depth, '[') + std::string(depth, ']') + "}\n");
  const Outcome o = run({"import", "--in", input.string()});
  EXPECT_EQ(o.exit_code, 3) << o.exit_code << o.err.substr(0, 2000);
  EXPECT_THAT(o.err, HasSubstr("row 2"));
  EXPECT_THAT(o.err, HasSubstr("nested more than 16 levels"));
  EXPECT_EQ(emulator_->user_count(), 50u);
}

TEST_F(CliSecurity, DuplicateKeysInJsonLinesAreRefused) {
  const fs::path input = file("dup.jsonl");
  write_file(input,
             R"({"email":"a@example.org","password":"correct horse","email":"b@example.org"})"
             "\n"
             R"({"email":"c@example.org","password":"correct horse","userTags":{"k":"1","k":"2"}})"
             "\n");
  const Outcome o = run({"import", "--in", input.string()});
  EXPECT_EQ(o.exit_code, 3) << o;
  EXPECT_THAT(o.err, HasSubstr("body: has the key \"email\" more than once")) << o;
  EXPECT_THAT(o.err, HasSubstr("row 2")) << o;
  EXPECT_THAT(o.err, HasSubstr("\"k\" more than once")) << o;
  EXPECT_EQ(emulator_->user_count(), 50u);
}

TEST_F(CliSecurity, AnOversizedRecordIsRefusedWithItsLimit) {
  const std::string huge(2 * 1024 * 1024, 'a');
  const fs::path jsonl = file("huge.jsonl");
  write_file(jsonl, R"({"email":"h@example.org","password":"correct horse","firstName":")" + huge +
                        "\"}\n"
                        R"({"email":"ok@example.org","password":"correct horse"})"
                        "\n");
  const Outcome lines = run({"import", "--in", jsonl.string()});
  EXPECT_EQ(lines.exit_code, 3) << lines;
  EXPECT_THAT(lines.err, HasSubstr("row 1"));
  EXPECT_THAT(lines.err, HasSubstr("body: the record is longer than 1048576 bytes"));
  EXPECT_THAT(lines.err, HasSubstr("1 of 2 rows are invalid"));

  const fs::path csv = file("huge.csv");
  write_file(csv, "email,password,firstName\nh@example.org,correct horse,\"" + huge + "\"\n");
  const Outcome cells = run({"import", "--in", csv.string()});
  EXPECT_EQ(cells.exit_code, 3) << cells;
  EXPECT_THAT(cells.err, HasSubstr("a record is longer than 1048576 bytes"));
  EXPECT_EQ(emulator_->user_count(), 50u);
}

// ---- The process (finding 4) -----------------------------------------------------------------

// PR_SET_DUMPABLE 0 makes the kernel give the files of /proc/PID (not the directory) to root:
// those of a process that can be dumped have its owner's uid. The tool runs as a user other than
// root (nobody when the test is root), so the two cases differ; it is stopped while it waits on a
// server that never answers.
TEST_F(CliSecurity, TheToolCannotBeDumpedOrTraced) {
  const uid_t runner = getuid() == 0 ? 65534 : getuid();
  const gid_t group = getuid() == 0 ? 65534 : getgid();
  // A socket that accepts and never answers: connect() works, the response never comes.
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  int err_pipe[2];
  ASSERT_EQ(pipe2(err_pipe, O_CLOEXEC), 0);
  // The runner must reach the tool: a copy in a world-readable folder of /tmp, so that a
  // checkout in a private folder (such as /root) does not stand in the way.
  char folder[] = "/tmp/cli-dumpable-XXXXXX";
  ASSERT_NE(mkdtemp(folder), nullptr);
  const std::string tool = std::string(folder) + "/losant-experience-users";
  fs::copy_file(eu::testing::cli_path(), tool);
  ASSERT_EQ(chmod(folder, 0755), 0);
  ASSERT_EQ(chmod(tool.c_str(), 0755), 0);
  const std::string application = "LOSANT_APPLICATION_ID=" + app();
  const std::string base = "LOSANT_API_URL=" + url;
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    if (getuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(group) != 0 || setuid(runner) != 0))
      _exit(100);
    const char* argv[] = {tool.c_str(),    "create",     "--email",
                          "a@example.org", "--password", "correct horse battery",
                          nullptr};
    const char* envp[] = {application.c_str(), base.c_str(), "LOSANT_API_TOKEN=token-1234",
                          nullptr};
    execve(tool.c_str(), const_cast<char**>(argv), const_cast<char**>(envp));
    _exit(101);
  }
  close(err_pipe[1]);
  // The tool warns about --password before it sends: by then main() has run.
  std::string err;
  char c = 0;
  while (err.find("warning:") == std::string::npos && read(err_pipe[0], &c, 1) == 1) err += c;
  if (err.empty()) {  // the child ended without running the tool
    int status = 0;
    waitpid(pid, &status, 0);
    fs::remove_all(folder);
    close(err_pipe[0]);
    close(listener);
    if (WIFEXITED(status) && (WEXITSTATUS(status) == 100 || WEXITSTATUS(status) == 101)) {
      GTEST_SKIP() << "uid " << runner
                   << (WEXITSTATUS(status) == 100 ? " cannot be taken" : " cannot execute " + tool)
                   << " here (a private / or no CAP_SETUID): nothing to measure";
    }
    FAIL() << "the tool wrote nothing to stderr; wait status " << status;
  }
  ASSERT_THAT(err, HasSubstr("warning:"));
  struct stat proc {};
  ASSERT_EQ(stat(("/proc/" + std::to_string(pid) + "/status").c_str(), &proc), 0);
  kill(pid, SIGKILL);  // the child this test started
  int status = 0;
  waitpid(pid, &status, 0);
  close(err_pipe[0]);
  close(listener);
  fs::remove_all(folder);
  EXPECT_EQ(proc.st_uid, 0u) << "the tool is dumpable: /proc/PID belongs to uid " << proc.st_uid;
}

// ---- Proxies (finding 1) ---------------------------------------------------------------------

// `--proxy URL` tunnels https; `--proxy ''` ignores the environment; an http proxy in the
// environment never sees a plain-http request.
TEST_F(CliSecurity, ProxiesSeeNoTokenAndTheProxyFlagTunnelsHttps) {
  std::string cert, key, error;
  ASSERT_TRUE(losant::emulator::write_test_certificate(dir_.string(), &cert, &key, &error))
      << error;
  losant::experience_users::testing::EmulatorOptions tls;
  tls.tls_cert_path = cert;
  tls.tls_key_path = key;
  tls.seed_users = 3;
  losant::experience_users::testing::Emulator secure(tls);
  ASSERT_TRUE(secure.start());

  eu::testing::RecordingProxy tunnel(/*tunnel=*/true);
  const Outcome through = run_tool(
      {"list", "--format", "json", "--ca-bundle", cert, "--proxy", tunnel.url()}, env(&secure));
  EXPECT_EQ(through.exit_code, 0) << through;
  ASSERT_EQ(tunnel.heads().size(), 1u) << tunnel.all_heads();
  EXPECT_THAT(tunnel.heads()[0], ::testing::StartsWith("CONNECT 127.0.0.1:"));
  EXPECT_THAT(tunnel.all_heads(), Not(HasSubstr(secure.token())));

  eu::testing::RecordingProxy recorder(/*tunnel=*/false);
  Environment proxied = env(&secure);
  proxied["https_proxy"] = recorder.url();
  const Outcome direct =
      run_tool({"list", "--format", "json", "--ca-bundle", cert, "--proxy", ""}, proxied);
  EXPECT_EQ(direct.exit_code, 0) << direct;

  Environment plain = env();
  plain["http_proxy"] = recorder.url();
  plain["all_proxy"] = recorder.url();
  const Outcome unproxied = run_tool({"list", "--format", "json"}, plain);
  EXPECT_EQ(unproxied.exit_code, 0) << unproxied;
  EXPECT_THAT(recorder.heads(), ::testing::IsEmpty()) << recorder.all_heads();
  secure.stop();
}

// ---- Terminals and spreadsheets (finding 5) --------------------------------------------------

// A hostile server whose user has a first name that would rewrite the terminal: ESC sequences
// (OSC title, CSI), BEL, backspace, DEL, C1 CSI (U+009B) and a bidi override (U+202E).
class HostileNames : public CliSecurity {
 protected:
  static constexpr const char* kEvil =
      "evil\x1b]0;pwned\x07\x1b[2J\b\x7f\xC2\x9B"
      "31m\xE2\x80\xAEgnp.exe\xE2\x81\xA6";

  void SetUp() override {
    CliSecurity::SetUp();
    if (IsSkipped()) return;
    auto page = client().list(app());
    ASSERT_TRUE(page) << page.error().to_string();
    page->items.resize(2);
    for (auto& user : page->items) {
      user.first_name = kEvil;
      user.user_tags = eu::Tags{{"note", kEvil}};
    }
    page->total_count = 2;
    user_id_ = page->items[0].id;
    const std::string list_body = eu::to_json(*page);
    const std::string user_body = eu::to_json(page->items[0]);
    hostile_.server().Get(".*", [=](const httplib::Request& req, httplib::Response& res) {
      const bool one = req.path.find(user_id_) != std::string::npos;
      res.set_content(one ? user_body : list_body, "application/json");
    });
    hostile_.start();
  }

  Outcome run_on(const std::vector<std::string>& args, bool terminal) {
    Environment e = env();
    e["LOSANT_API_URL"] = hostile_.url();
    RunOptions options;
    options.stdout_terminal = terminal;
    options.terminal_columns = 400;  // wide enough for every column whole
    return run_tool(args, e, options);
  }

  eu::testing::LocalServer hostile_;
  std::string user_id_;
};

TEST_F(HostileNames, EveryFormatIsSanitisedOnATerminal) {
  const std::vector<std::vector<std::string>> commands{
      {"get", user_id_},
      {"get", user_id_, "--format", "csv"},
      {"get", user_id_, "--format", "json"},
      {"get", user_id_, "--format", "jsonl"},
      {"list"},
      {"list", "--format", "csv"},
      {"list", "--format", "json"},
      {"export", "--format", "csv"},
      {"export"},
  };
  for (const auto& args : commands) {
    const Outcome o = run_on(args, /*terminal=*/true);
    ASSERT_EQ(o.exit_code, 0) << args[0] << " " << o;
    const std::string& out = o.out;
    for (const std::string bad :
         {"\x1b", "\x07", "\b", "\x7f", "\xC2\x9B", "\xE2\x80\xAE", "\xE2\x81\xA6"}) {
      EXPECT_EQ(out.find(bad), std::string::npos)
          << ::testing::PrintToString(args) << " prints byte " << static_cast<int>(bad.back());
    }
    EXPECT_THAT(out, HasSubstr("evil")) << ::testing::PrintToString(args);
    EXPECT_THAT(out, HasSubstr("gnp.exe")) << ::testing::PrintToString(args);
  }
}

TEST_F(HostileNames, APipeGetsTheDataExactly) {
  const Outcome o = run_on({"get", user_id_, "--format", "json"}, /*terminal=*/false);
  ASSERT_EQ(o.exit_code, 0) << o;
  auto user = eu::parse_experience_user(o.out);
  ASSERT_TRUE(user) << user.error().to_string();
  EXPECT_EQ(user->first_name, std::string(kEvil));
}

TEST_F(CliSecurity, CsvCellsWithASemicolonAreQuoted) {
  eu::ExperienceUserPost post;
  post.email = "semicolon@example.org";
  post.password = "correct horse battery";
  post.first_name = "x;=1+1";
  post.last_name = "=cmd;x";
  ASSERT_TRUE(client().create(app(), post));
  const Outcome o = run({"export", "--format", "csv", "--filter-field", "email", "--filter",
                         "semicolon@example.org"});
  ASSERT_EQ(o.exit_code, 0) << o;
  EXPECT_THAT(o.out, HasSubstr(",\"x;=1+1\",")) << o.out;
  EXPECT_THAT(o.out, HasSubstr(",\"'=cmd;x\",")) << o.out;
}

}  // namespace
