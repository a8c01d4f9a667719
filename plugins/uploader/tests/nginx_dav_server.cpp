#include "nginx_dav_server.hpp"

#include "loopback_port.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";
// PROPFIND and OPTIONS (Debian's libnginx-mod-http-dav-ext); PUT and MKCOL are built in.
constexpr const char* kDavExtModule = "/usr/lib/nginx/modules/ngx_http_dav_ext_module.so";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string config(const std::filesystem::path& dir, const std::filesystem::path& www, int port) {
  std::string d = dir.string();
  std::ostringstream conf;
  conf << "load_module " << kDavExtModule << ";\n"
       << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
       << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log warn;\n"
       << "events { worker_connections 64; }\n"
       << "http {\n"
       << "  log_format uploads '$request_method $uri $status';\n"
       << "  access_log " << d << "/access.log uploads;\n"
       << "  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d << "/proxy;\n"
       << "  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n"
       << "  scgi_temp_path " << d << "/scgi;\n"
       << "  server {\n"
       << "    listen 127.0.0.1:" << port << ";\n"
       << "    root " << www.string() << ";\n"
       << "    client_max_body_size 0;\n"
       << "    location / { dav_methods PUT DELETE MKCOL COPY MOVE; create_full_put_path on; }\n"
       // RFC 4918 9.7.1: a PUT into a missing collection is 409 (nginx itself would say 500).
       << "    location /strict/ { dav_methods PUT MKCOL; set $refuse \"\";\n"
       << "      if ($uri ~ \"^(?<parent>/.*/)[^/]+$\") { set $refuse $request_method; }\n"
       << "      if (!-d $document_root$parent) { set $refuse \"${refuse}-missing\"; }\n"
       << "      if ($refuse = \"PUT-missing\") { return 409; } }\n"
       // As Debian's WebDAV examples set it up: no create_full_put_path, so a PUT into a
       // missing collection is refused (with 500, which a client would retry).
       << "    location /stock/ { dav_methods PUT DELETE MKCOL COPY MOVE; dav_ext_methods PROPFIND OPTIONS;\n"
       << "                       dav_access user:rw group:r all:r; }\n"
       << "    location /private/ { auth_basic uploads; auth_basic_user_file " << d << "/htpasswd;\n"
       << "                         dav_methods PUT; create_full_put_path on; }\n"
       << "    location /readonly/ { }\n"
       << "    location /forbidden/ { deny all; }\n"
       << "    location /broken/ { return 503; }\n"
       << "  }\n"
       << "}\n";
  return conf.str();
}

}  // namespace

NginxDavServer::NginxDavServer(const std::filesystem::path& dir, const std::string& user,
                               const std::string& password)
    : dir_(dir), www_(dir / "www") {
  std::filesystem::create_directories(www_ / "strict");
  std::filesystem::create_directories(www_ / "stock");
  std::filesystem::create_directories(www_ / "readonly");
  std::ofstream(dir_ / "htpasswd") << user << ":{PLAIN}" << password << "\n";
  // Another process may take the free port before nginx binds it: pick another.
  std::string why;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start(why)) return;
    if (why.find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error(why);
}

bool NginxDavServer::start(std::string& why) {
  std::filesystem::remove(dir_ / "error.log");
  port_ = reelflow::testing::free_loopback_port();
  std::ofstream(dir_ / "nginx.conf") << config(dir_, www_, port_);

  std::string conf = (dir_ / "nginx.conf").string();
  std::string prefix = dir_.string() + "/";
  std::vector<char*> argv{const_cast<char*>(kNginx), const_cast<char*>("-c"), conf.data(),
                          const_cast<char*>("-p"), prefix.data(), nullptr};
  if (::posix_spawn(&pid_, kNginx, nullptr, nullptr, argv.data(), environ) != 0) {
    pid_ = -1;
    why = "cannot start " + std::string(kNginx);
    return false;
  }

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!reelflow::testing::loopback_accepts(port_)) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      why = "nginx exited at startup: " + read_text(dir_ / "error.log");
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
      why = "nginx did not listen on port " + std::to_string(port_) + ": " + read_text(dir_ / "error.log");
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

NginxDavServer::~NginxDavServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  // nginx exits at once on TERM; don't hang a test run if it does not.
  for (int i = 0; i < 300; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string NginxDavServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

int NginxDavServer::count_logged(const std::string& method, const std::string& uri) const {
  std::ifstream log(dir_ / "access.log");
  std::string line;
  std::string prefix = method + " " + uri + " ";
  int count = 0;
  while (std::getline(log, line))
    if (line.rfind(prefix, 0) == 0) ++count;
  return count;
}

int NginxDavServer::logged(const std::string& method, const std::string& uri, int at_least) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int count = count_logged(method, uri);
  while (count < at_least && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    count = count_logged(method, uri);
  }
  return count;
}

}  // namespace reelflow::uploader::testing
