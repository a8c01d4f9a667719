#include "hardened_server.hpp"

#include "bounded_socket_stream.hpp"

#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <unistd.h>

namespace reelflow::service {
namespace {

using namespace std::chrono;

struct Connection {
  BoundedSocketStream* stream = nullptr;
  bool close_requested = false;
  bool drain = false;  // a request body was left unread
};
thread_local Connection* t_connection = nullptr;

// Sets the thread's connection for as long as one is served.
class CurrentConnection {
 public:
  explicit CurrentConnection(Connection& c) { t_connection = &c; }
  ~CurrentConnection() { t_connection = nullptr; }
  CurrentConnection(const CurrentConnection&) = delete;
  CurrentConnection& operator=(const CurrentConnection&) = delete;
};

}  // namespace

void HardenedServer::allow_body(std::size_t bytes) {
  if (t_connection) t_connection->stream->allow_more(bytes);
}

void HardenedServer::close_after_response(bool body_unread) {
  if (!t_connection) return;
  t_connection->close_requested = true;
  t_connection->drain = t_connection->drain || body_unread;
}

void HardenedServer::set_listen_backlog(int backlog) {
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);  // Linux takes a new backlog for a listening socket
}

bool HardenedServer::process_and_close_socket(socket_t sock) {
  BoundedSocketStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
                             seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  Connection connection{&stream};
  bool ok = false;
  {
    CurrentConnection current(connection);
    const auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    for (std::size_t left = keep_alive_max_count_; left > 0 && !stopping(); --left) {
      if (!stream.wait_for_request(seconds(keep_alive_timeout_sec_), stopping)) break;
      stream.start_request(kMaxHeadBytes);
      bool client_closes = false;
      try {
        // Ranges are cleared: the routes that serve them parse the header themselves.
        ok = process_request(stream, left == 1, client_closes, [](httplib::Request& req) { req.ranges.clear(); });
      } catch (const std::exception& e) {
        spdlog::error("connection ended by an error: {}", e.what());  // the routes catch theirs; this is the backstop
        ok = false;
      } catch (...) {
        spdlog::error("connection ended by an unknown error");
        ok = false;
      }
      if (!ok || client_closes || connection.close_requested || stream.exhausted()) break;
    }
  }
  if (connection.drain) {
    // The answer went out with the body still coming: read and drop it until the client
    // has seen the answer and stops (it closes), for 2 s and 64 MiB at most; closing at
    // once would reset the connection, and a reset can reach the client first.
    ::shutdown(sock, SHUT_WR);
    stream.drain(64 << 20, seconds(2));
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace reelflow::service
