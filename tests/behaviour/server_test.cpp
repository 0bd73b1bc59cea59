// What every Snow program does, whatever it speaks: start, say where it listens, take bad
// arguments with a clear message, stop cleanly on a signal, and give back every descriptor.
#include <signal.h>

#include <thread>

#include "behaviour.hpp"
#include "client.hpp"
#include "server_process.hpp"

using namespace snow_test;

SNOW_TEST(Server, PrintsWhereItListens, since(1)) {
    ServerProcess server;
    EXPECT_EQ(server.listening_line(), "listening on 127.0.0.1:" + std::to_string(server.port()));
    EXPECT_NE(server.port(), 0);
}

SNOW_TEST(Server, StopsWithStatusZeroOnSigterm, since(1)) {
    ServerProcess server;
    EXPECT_EQ(server.stop(SIGTERM), 0);
}

SNOW_TEST(Server, StopsWithStatusZeroOnSigint, since(1)) {
    ServerProcess server;
    EXPECT_EQ(server.stop(SIGINT), 0);
}

SNOW_TEST(Server, StopsOnSigtermWhileAClientIsConnected, since(1)) {
    ServerProcess server;
    Client client(server.port());
    ASSERT_TRUE(client.send("x"));
    std::this_thread::sleep_for(50ms);  // let the server take the client and wait on it
    EXPECT_EQ(server.stop(SIGTERM), 0);
}

SNOW_TEST(Server, RejectsAPortThatIsNotANumber, since(1)) {
    EXPECT_TRUE(exited(run_to_exit({"--port", "80x"}), 2, "--port"));
}

SNOW_TEST(Server, RejectsAnUnknownOption, since(1)) {
    EXPECT_TRUE(exited(run_to_exit({"--colour", "blue"}), 2, "--colour"));
}

SNOW_TEST(Server, ExplainsAPortAlreadyInUse, since(1)) {
    ServerProcess first;
    Finished second = run_to_exit({"--host", "127.0.0.1", "--port", std::to_string(first.port())});
    EXPECT_TRUE(exited(second, 1, "bind: Address already in use"));
    EXPECT_TRUE(first.running());
}

SNOW_TEST(Server, ExplainsAHostItCannotListenOn, since(1)) {
    Finished run = run_to_exit({"--host", "no.such.host.invalid", "--port", "0"});
    EXPECT_TRUE(exited(run, 1, "no.such.host.invalid"));
}

// After many clients came and went, the server holds exactly the descriptors it held before:
// a connection whose socket is never closed is a leak that ends in "Too many open files".
SNOW_TEST(Server, GivesBackEveryDescriptorAfter1000Connections, since(1)) {
    ServerProcess server;
    int before = server.open_descriptors();
    for (int i = 0; i < 1000; ++i) {
        Client client(server.port());
        if (i % 2 == 0) client.close_with_reset();  // half leave politely, half reset
    }
    int after = -1;
    for (int attempt = 0; attempt < 200 && after != before; ++attempt) {
        std::this_thread::sleep_for(10ms);  // the server closes its side once it sees ours close
        after = server.open_descriptors();
    }
    EXPECT_EQ(after, before);
    EXPECT_EQ(server.stop(), 0);
}

// An idle server sleeps in the kernel until something happens. The seed's loop woke every 5 ms.
SNOW_TEST(Server, UsesNoCpuWhenIdle, since(1)) {
    ServerProcess server;
    std::this_thread::sleep_for(100ms);
    auto before = server.cpu_time();
    std::this_thread::sleep_for(2s);
    EXPECT_LT(server.cpu_time() - before, 40ms) << "over 2% of a core while idle";
}
