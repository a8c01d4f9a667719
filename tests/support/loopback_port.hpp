#pragma once
// Ports on 127.0.0.1 for servers that tests start as child processes.
namespace reelflow::testing {

// A port nobody listens on right now (the kernel's pick for an ephemeral bind).
int free_loopback_port();
// Whether something accepts TCP connections on 127.0.0.1:port.
bool loopback_accepts(int port);

}  // namespace reelflow::testing
