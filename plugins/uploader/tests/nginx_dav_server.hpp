#pragma once
// A real nginx with WebDAV, started by a test as a child process in a temp dir
// (config, logs, temp files and the served root all inside it) and stopped by
// the destructor. Locations:
//   /           PUT DELETE MKCOL COPY MOVE, parents created on PUT
//   /strict/    PUT MKCOL; a PUT whose parent collection is missing gets 409 (RFC 4918)
//   /stock/     PUT DELETE MKCOL COPY MOVE PROPFIND OPTIONS as Debian ships them (dav-ext);
//               a PUT whose parent collection is missing gets nginx's own 500
//   /private/   like / behind Basic auth (user and password given to the constructor)
//   /readonly/  static only: PUT answers 405
//   /forbidden/ 403 for everything
//   /broken/    503 for everything
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace reelflow::uploader::testing {

class NginxDavServer {
 public:
  // Throws std::runtime_error (with nginx's error log) when nginx does not come up.
  NginxDavServer(const std::filesystem::path& dir, const std::string& user, const std::string& password);
  ~NginxDavServer();
  NginxDavServer(const NginxDavServer&) = delete;
  NginxDavServer& operator=(const NginxDavServer&) = delete;

  std::string url(const std::string& path) const;
  const std::filesystem::path& www() const { return www_; }

  // How many requests with this method and exact URI the access log shows. Waits
  // briefly for at least `at_least` lines, since nginx logs after it responds.
  int logged(const std::string& method, const std::string& uri, int at_least = 1) const;

 private:
  bool start(std::string& why);
  int count_logged(const std::string& method, const std::string& uri) const;

  std::filesystem::path dir_;
  std::filesystem::path www_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace reelflow::uploader::testing
