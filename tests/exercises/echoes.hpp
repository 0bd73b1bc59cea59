// A check the echo exercises' tests share (chapters 01 to 03: the programs echo).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "client.hpp"

namespace snow_test {

// Passes if `sent` comes back on `client` within 2 s; else says what was sent on which
// connection, what came back, and whether the server closed.
inline testing::AssertionResult echoes(Client& client, std::string_view sent) {
    if (!client.send(sent)) return testing::AssertionFailure() << "the server closed";
    std::string got = client.read_exactly(sent.size(), 2s);
    if (got == sent) return testing::AssertionSuccess();
    return testing::AssertionFailure()
           << "sent " << visible(sent) << " on the " << client.name() << ", got back "
           << visible(got) << " within 2 s" << (client.closed() ? ", then the server closed" : "");
}

}  // namespace snow_test
