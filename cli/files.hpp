// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The one way the tool writes a file (exports, reports, generated passwords): all or nothing.
///
/// The data goes to a new temporary file in the same directory (`O_CREAT|O_EXCL|O_NOFOLLOW`,
/// mode 0600: readable by its owner only, since it holds personal data or secrets), which is
/// written, fsync'd, and only then renamed onto the final name; the directory is fsync'd after.
/// A failed or abandoned write removes the temporary file and leaves whatever was at the final
/// name exactly as it was. A symlink at the final name is replaced, never followed.
///
/// A device, pipe or socket (`/dev/null`, `/dev/stdout`, a shell's `>(gzip)`) is written in
/// place instead: renaming over it would replace it. Through a symlink only under /dev and
/// /proc.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace losant::cli {

/// What OutputFile does when something already exists at the final name.
enum class Existing {
  kReplace,  ///< Replace it as a whole (atomically, by rename) once the new file is complete.
  kRefuse,   ///< Fail: the name must be new, at open and again (atomically) at commit.
};

/**
 * A file written through a std::ostream that appears under its final name only when complete.
 *
 * @par Example
 * @code
 * OutputFile report("report.csv", Existing::kReplace);
 * if (!report.is_open()) { std::cerr << report.error(); return; }
 * report.stream() << "row,email\n";
 * if (!report.commit()) std::cerr << report.error();  // report.csv unchanged
 * @endcode
 */
class OutputFile {
 public:
  /// Creates the temporary file next to @p path; check is_open().
  OutputFile(const std::string& path, Existing existing);
  /// Removes the temporary file unless commit() succeeded.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Whether the temporary file is open for writing.
  bool is_open() const noexcept;
  /// The stream writing to the temporary file (valid while it is open).
  std::ostream& stream() noexcept;
  /// Flushes, fsyncs and closes the temporary file, renames it onto the final name and fsyncs
  /// the directory. False, with error() set and the temporary file removed, when any step (or
  /// any earlier write) failed: the final name is then untouched.
  bool commit();
  /// Puts the file under its final name at once (renamed as commit() would, the directory
  /// synced) while it stays open for writing: for a file that must show what was written so far
  /// if the program is killed, such as a report written as the work goes. After it, flush()
  /// makes what was written visible, sync() durable, and commit() syncs and closes.
  bool publish();
  /// Writes what is buffered to the file (where it survives the process being killed).
  bool flush();
  /// flush(), then fsync (where it survives a power cut).
  bool sync();
  /// Abandons the file: the temporary file is removed, the final name untouched.
  void discard() noexcept;
  /// `PATH: what failed: strerror(errno)` for the last failure.
  const std::string& error() const noexcept { return error_; }

 private:
  class Buffer;
  bool fail(const std::string& what, int error_number);
  bool rename_onto_final_name();
  std::string path_;
  std::string temp_path_;
  Existing existing_;
  bool in_place_ = false;   // a device, pipe or socket, written directly (no temporary)
  bool published_ = false;  // under its final name already (publish())
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  std::string error_;
};

/// A file's identity (device and inode) as seen through @p path (symlinks followed), or
/// nullopt when it does not exist.
struct FileIdentity {
  dev_t device = 0;  ///< st_dev
  ino_t inode = 0;   ///< st_ino
  /// Whether both name the same file.
  bool operator==(const FileIdentity& other) const noexcept {
    return device == other.device && inode == other.inode;
  }
};
std::optional<FileIdentity> identity_of(const std::string& path);

/// Whether @p a and @p b name the same file: the same device and inode (through symlinks and
/// hard links), or the same name in the same directory (for names that do not exist yet).
bool same_file(const std::string& a, const std::string& b);

/// A file a command reads or writes, and the flag that named it.
struct FlagPath {
  const char* flag;         ///< `--in`, `--report`, ...
  const std::string& path;  ///< As given; empty or `-` when not a file.
};

/// Why two of @p files are one file (a report written over its command's input would destroy
/// it), naming both flags; nullopt when all are distinct. Empty paths and `-` are skipped.
std::optional<std::string> same_file_clash(const std::vector<FlagPath>& files);

}  // namespace losant::cli
