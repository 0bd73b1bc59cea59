#include "poller.hpp"

#include <stdexcept>
#include <string>

std::unique_ptr<Poller> make_poller(std::string_view name) {
    if (name == "select") return make_select_poller();
    if (name == "poll") return make_poll_poller();
    if (name == "epoll") return make_epoll_poller();
    throw std::invalid_argument("no poller called '" + std::string(name) +
                                "' (select, poll or epoll)");
}
