// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "files.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <streambuf>

namespace losant::cli {
namespace {

// The directory part of @p path ("." for a bare name) and its last component.
std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// `DIR/.NAME.tmp-XXXXXXXXXXXX` with a random suffix: hidden, next to the final name (so that
// rename() stays on one file system), and never a name someone could have prepared.
std::string temporary_name(const std::string& path) {
  constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::array<unsigned char, 12> random{};
  std::size_t filled = 0;
  while (filled < random.size()) {
    const ssize_t got = getrandom(random.data() + filled, random.size() - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;  // the name is still unpredictable enough with O_EXCL
    filled += static_cast<std::size_t>(got);
  }
  std::string suffix;
  for (const unsigned char byte : random) suffix += kDigits[byte % kDigits.size()];
  const auto slash = path.find_last_of('/');
  const std::string directory = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  return directory + "." + base_name_of(path) + ".tmp-" + suffix;
}

// Waits until the directory entry of a rename is on disk. Some file systems cannot fsync a
// directory (EINVAL): nothing more can be done there.
bool sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || errno == EINVAL;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

// rename() that fails with EEXIST instead of replacing: renameat2(RENAME_NOREPLACE), or where
// the file system cannot do that, link() (which never replaces either) and unlink().
bool rename_no_replace(const std::string& from, const std::string& to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
#endif
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  ::unlink(from.c_str());
  return true;
}

}  // namespace

// A write buffer over a file descriptor (std::filebuf cannot create a file with O_EXCL,
// O_NOFOLLOW and mode 0600, nor report errno).
class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd) { setp(data_.data(), data_.data() + data_.size()); }
  ~Buffer() override { close_fd(); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  // Writes what is buffered; false (error_number() set) on failure.
  bool drain() {
    if (error_number_ != 0) return false;
    const char* next = pbase();
    while (next < pptr()) {
      const ssize_t written = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_number_ = written < 0 ? errno : ENOSPC;
        return false;
      }
      next += written;
    }
    setp(data_.data(), data_.data() + data_.size());
    return true;
  }
  int fd() const { return fd_; }
  int error_number() const { return error_number_; }
  int close_fd() {
    const int result = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return result;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  int fd_;
  int error_number_ = 0;
  std::array<char, 64 * 1024> data_{};
};

namespace {

// Whether @p path is where a stream goes rather than a file (a terminal, /dev/null, a pipe
// such as /dev/stdout or a shell's `>(gzip)`, a socket): written in place, since a temporary
// file renamed over it would replace the device or the link itself. Through a symlink only
// under /dev and /proc (/dev/stdout, /dev/fd/N): a link planted elsewhere is never followed.
bool is_stream_target(const std::string& path) {
  struct stat entry {};
  struct stat target {};
  if (::lstat(path.c_str(), &entry) != 0 || ::stat(path.c_str(), &target) != 0) return false;
  if (S_ISREG(target.st_mode) || S_ISDIR(target.st_mode)) return false;
  const bool system_link = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0;
  return !S_ISLNK(entry.st_mode) || system_link;
}

}  // namespace

OutputFile::OutputFile(const std::string& path, Existing existing)
    : path_(path), existing_(existing) {
  struct stat existing_entry {};
  if (existing == Existing::kRefuse && ::lstat(path.c_str(), &existing_entry) == 0) {
    fail("it already exists", EEXIST);
    return;
  }
  int fd = -1;
  if (is_stream_target(path)) {
    fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
      fail("could not open it", errno);
      return;
    }
    in_place_ = true;
  }
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp_path_ = temporary_name(path);
    fd = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    const int saved = errno;
    temp_path_.clear();
    fail("could not create a file in " + directory_of(path), saved);
    return;
  }
  buffer_ = std::make_unique<Buffer>(fd);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  discard();
}

bool OutputFile::is_open() const noexcept {
  return buffer_ != nullptr && buffer_->fd() >= 0;
}

std::ostream& OutputFile::stream() noexcept {
  return *stream_;
}

bool OutputFile::fail(const std::string& what, int error_number) {
  error_ = path_ + ": " + what + ": " + std::strerror(error_number);
  discard();
  return false;
}

void OutputFile::discard() noexcept {
  if (buffer_) buffer_->close_fd();
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

bool OutputFile::flush() {
  if (!is_open()) return false;
  stream_->flush();
  return *stream_ || fail("could not write", buffer_->error_number());
}

bool OutputFile::sync() {
  if (!flush()) return false;
  if (!in_place_ && ::fsync(buffer_->fd()) != 0 && errno != EINVAL) {
    return fail("could not write", errno);
  }
  return true;
}

bool OutputFile::publish() {
  if (!sync()) return false;  // the data first, then the name
  if (in_place_ || published_) return true;
  if (!rename_onto_final_name()) return false;
  published_ = true;
  return true;
}

bool OutputFile::commit() {
  if (!sync()) return false;
  if (buffer_->close_fd() != 0) return fail("could not write", errno);
  if (in_place_ || published_) return true;  // nothing (more) to rename
  return rename_onto_final_name();
}

bool OutputFile::rename_onto_final_name() {
  if (existing_ == Existing::kRefuse) {
    if (!rename_no_replace(temp_path_, path_)) return fail("could not create it", errno);
  } else if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return fail("could not replace it", errno);
  }
  temp_path_.clear();  // it is the final file now
  if (!sync_directory(directory_of(path_))) {
    // The data is complete under its name; only its durability across a power cut is unsure.
    error_ = path_ + ": written, but its directory could not be synced: " + std::strerror(errno);
    return false;
  }
  return true;
}

std::optional<FileIdentity> identity_of(const std::string& path) {
  struct stat s {};
  if (::stat(path.c_str(), &s) != 0) return std::nullopt;
  return FileIdentity{s.st_dev, s.st_ino};
}

bool same_file(const std::string& a, const std::string& b) {
  const auto file_a = identity_of(a);
  const auto file_b = identity_of(b);
  if (file_a && file_b) return *file_a == *file_b;
  const auto directory_a = identity_of(directory_of(a));
  const auto directory_b = identity_of(directory_of(b));
  return directory_a && directory_b && *directory_a == *directory_b &&
         base_name_of(a) == base_name_of(b);
}

std::optional<std::string> same_file_clash(const std::vector<FlagPath>& files) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t k = i + 1; k < files.size(); ++k) {
      const FlagPath& a = files[i];
      const FlagPath& b = files[k];
      if (a.path.empty() || b.path.empty() || a.path == "-" || b.path == "-") continue;
      if (same_file(a.path, b.path)) {
        return std::string(a.flag) + " and " + b.flag + " name the same file (" + b.path +
               "): give " + b.flag + " another file; nothing was read or sent";
      }
    }
  }
  return std::nullopt;
}

}  // namespace losant::cli
