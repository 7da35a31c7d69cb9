// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <streambuf>

namespace losant::cli {

// A write buffer over a file descriptor (std::filebuf cannot create a file with mode 0600 or
// refuse an existing one).
class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd) { setp(data_.data(), data_.data() + data_.size()); }
  ~Buffer() override { close_fd(); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  // Writes what is buffered; false (errno set) on failure.
  bool drain() {
    const char* next = pbase();
    while (next < pptr()) {
      const ssize_t written = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return false;
      next += written;
    }
    setp(data_.data(), data_.data() + data_.size());
    return true;
  }
  int fd() const { return fd_; }
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
  std::array<char, 64 * 1024> data_{};
};

OutputFile::OutputFile(const std::string& path, Existing existing) : path_(path) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC |
                    (existing == Existing::kRefuse ? O_EXCL | O_NOFOLLOW : O_TRUNC);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    error_ = path + ": " + std::strerror(errno);
    return;
  }
  buffer_ = std::make_unique<Buffer>(fd);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  if (is_open()) close();
}

bool OutputFile::is_open() const noexcept {
  return buffer_ != nullptr && buffer_->fd() >= 0;
}

std::ostream& OutputFile::stream() noexcept {
  return *stream_;
}

bool OutputFile::close(bool sync) {
  if (!is_open()) return error_.empty();
  stream_->flush();
  bool ok = static_cast<bool>(*stream_);
  if (ok && sync && ::fsync(buffer_->fd()) != 0 && errno != EINVAL) ok = false;
  if (buffer_->close_fd() != 0) ok = false;
  if (!ok && error_.empty()) error_ = path_ + ": could not write: " + std::strerror(errno);
  return ok;
}

}  // namespace losant::cli
