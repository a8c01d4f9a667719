#include "local_publisher.hpp"

#include "unique_fd.hpp"

#include <reelflow/atomic_file.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace reelflow::uploader {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Where files go: `dir` (relative to the run's output dir), or output_dir/published.
std::filesystem::path destination_dir(const StageContext& ctx) {
  const std::string& dir = ctx.params().str("dir");
  if (dir.empty()) return ctx.output_dir() / "published";
  std::filesystem::path path(dir);
  return path.is_absolute() ? path : ctx.output_dir() / path;
}

// Copies source into the open temp file with progress; an error names the file.
Status copy_contents(StageContext& ctx, const UploadJob& job, int out, const std::filesystem::path& temp) {
  UniqueFd in(::open(job.source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in) return Status::error("cannot open '" + job.source.string() + "': " + errno_text());
  std::vector<char> buffer(1 << 20);
  std::uint64_t copied = 0;
  for (;;) {
    if (ctx.cancelled()) return Status::error("cancelled");
    ssize_t got = ::read(in.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Status::error("cannot read '" + job.source.string() + "': " + errno_text());
    if (got == 0) break;
    for (ssize_t done = 0; done < got;) {
      ssize_t wrote = ::write(out, buffer.data() + done, static_cast<std::size_t>(got - done));
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote < 0) return Status::error("cannot write '" + temp.string() + "': " + errno_text());
      done += wrote;
    }
    copied += static_cast<std::uint64_t>(got);
    if (job.size > 0) ctx.progress(0.95 * static_cast<double>(copied) / static_cast<double>(job.size), "copying");
  }
  return Status::ok();
}

// The rename is only durable once the directory entry is on disk.
void sync_directory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd) ::fsync(fd.get());
}

}  // namespace

Status publish_local(StageContext& ctx, const UploadJob& job, std::string& location) {
  std::filesystem::path destination = destination_dir(ctx) / job.name;
  std::error_code ec;
  std::filesystem::create_directories(destination.parent_path(), ec);
  if (ec)
    return Status::error("cannot create directory '" + destination.parent_path().string() + "': " + ec.message());

  std::optional<AtomicFile> file;
  try {
    file.emplace(destination);
  } catch (const std::exception& e) {
    return Status::error("cannot prepare '" + destination.string() + "': " + e.what());
  }
  const auto& temp = file->temp_path();
  UniqueFd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) return Status::error("cannot write to '" + destination.parent_path().string() + "': " + errno_text());

  if (Status copied = copy_contents(ctx, job, out.get(), temp); !copied) return copied;
  if (::fsync(out.get()) != 0) return Status::error("cannot flush '" + temp.string() + "': " + errno_text());
  struct stat written {};
  if (::fstat(out.get(), &written) != 0 || static_cast<std::uint64_t>(written.st_size) != job.size)
    return Status::error("copy of '" + job.source.string() + "' is incomplete: wrote " +
                         std::to_string(written.st_size) + " of " + std::to_string(job.size) + " bytes");
  if (out.close() != 0) return Status::error("cannot close '" + temp.string() + "': " + errno_text());

  try {
    file->commit();
  } catch (const std::exception& e) {
    return Status::error("cannot move the copy into place at '" + destination.string() + "': " + e.what());
  }
  sync_directory(destination.parent_path());

  location = std::filesystem::absolute(destination, ec).lexically_normal().string();
  if (ec) location = destination.string();
  ctx.progress(1.0, "published");
  return Status::ok();
}

}  // namespace reelflow::uploader
