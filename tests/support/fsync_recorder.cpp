// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// An LD_PRELOAD library for tests: every fsync() and fdatasync() of the process appends
// `fsync PATH` (the descriptor's path, from /proc/self/fd) to the file named by the
// LOSANT_EU_FSYNC_LOG environment variable, then does the real call. A test of durability
// runs the tool with it and reads which files and directories were synced, and in what order
// relative to the rename() calls, which are logged too as `rename FROM TO`.
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace {

void append(const char* line) {
  const char* log = getenv("LOSANT_EU_FSYNC_LOG");
  if (log == nullptr) return;
  const int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  (void)!write(fd, line, strlen(line));
  close(fd);
}

void record_fd(const char* what, int fd) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char path[PATH_MAX] = {};
  const ssize_t size = readlink(link, path, sizeof path - 1);
  if (size < 0) return;
  path[size] = '\0';
  char line[PATH_MAX + 32];
  snprintf(line, sizeof line, "%s %s\n", what, path);
  append(line);
}

template <typename F>
F next(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" int fsync(int fd) {
  record_fd("fsync", fd);
  return next<int (*)(int)>("fsync")(fd);
}

extern "C" int fdatasync(int fd) {
  record_fd("fsync", fd);
  return next<int (*)(int)>("fdatasync")(fd);
}

extern "C" int rename(const char* from, const char* to) {
  char line[2 * PATH_MAX + 16];
  snprintf(line, sizeof line, "rename %s %s\n", from, to);
  append(line);
  return next<int (*)(const char*, const char*)>("rename")(from, to);
}

extern "C" int renameat2(int from_dir, const char* from, int to_dir, const char* to,
                         unsigned int flags) {
  char line[2 * PATH_MAX + 16];
  snprintf(line, sizeof line, "rename %s %s\n", from, to);
  append(line);
  return next<int (*)(int, const char*, int, const char*, unsigned int)>("renameat2")(
      from_dir, from, to_dir, to, flags);
}
