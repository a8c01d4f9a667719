#pragma once
// cpp-httplib's Server with the bounds 0.11.4 lacks. Each connection is read through
// a BoundedSocketStream: a request may make the server read only its head (64 KiB)
// until a route allows a body; a route can end the connection after its answer (a
// refused body stays unread, a finished event stream); such a connection is closed
// gently, so that the client reads the answer instead of a reset. Ranges are the
// routes' business (httplib's own answer multi-range requests with multipart bodies).
//
// The route helpers act on the connection of the calling thread: httplib runs a
// request's routes and content providers on the thread that serves its connection.
#include <httplib.h>

#include <cstddef>

namespace reelflow::service {

class HardenedServer : public httplib::Server {
 public:
  static constexpr std::size_t kMaxHeadBytes = 64 * 1024;

  // The request being routed on this thread may now read up to `bytes` more.
  static void allow_body(std::size_t bytes);
  // The connection of the request being routed on this thread ends after its answer.
  // With `body_unread`, what the client still sends is read and dropped for a moment
  // first, so that the client reads the answer instead of a reset.
  static void close_after_response(bool body_unread = false);

  // After binding: httplib listens with a backlog of 5, so a burst of connections (a
  // page's streams coming back after a restart) would wait for TCP retransmits.
  void set_listen_backlog(int backlog);

 private:
  // A private virtual of httplib::Server: overriding it gives every connection our stream.
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace reelflow::service
