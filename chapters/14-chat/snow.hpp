// Snow: the framework's front door, as in the seed: Snow(routes).run(host, port).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "router.hpp"
#include "settings.hpp"
#include "static_files.hpp"

// An application: its routes, and the server loop that answers with them. Owns its router.
// Chapter 10: its settings, the limits and timeouts every connection must keep to.
class Snow {
  public:
    explicit Snow(std::vector<Route> routes, Settings settings = {})
        : router_(std::move(routes)), settings_(settings) {}

    // Listens on host:port (0: any free port), prints "listening on H:N", and serves until
    // SIGINT or SIGTERM. Returns the exit status for main(): 0 after a clean stop, 1 if the
    // server could not start or failed (the reason is printed on stderr).
    int run(const std::string& host, std::uint16_t port);

  private:
    Router router_;
    Settings settings_;
};
