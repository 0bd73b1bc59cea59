// Exercise 09.2 (docs/exercises/09-coroutines.md): a countdown. GET /countdown/?from=N is a
// coroutine that awaits a TimeoutFuture of --async-ms once per number, N down to 1, and answers
// "N, ..., 2, 1, liftoff": after N waits, one after the other. N must be a whole number from 1
// to 10; anything else is answered 400 at once.
#include <chrono>
#include <string>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;
using Clock = std::chrono::steady_clock;

EXERCISE_TEST(Ex09_2, CountsDownAndLiftsOff, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "30"});
    Client client(server.port());
    EXPECT_TRUE(answered(ask(client, get("/countdown/?from=3"), 2s), 200, "3, 2, 1, liftoff"));
    EXPECT_TRUE(answered(ask(client, get("/countdown/?from=1"), 2s), 200, "1, liftoff"))
        << "on the same connection, after the first countdown";
}

// Four waits of 200 ms, one after the other: 800 ms. The upper bound leaves 500 ms for a busy
// machine; a countdown that waits once, or not at all, is answered long before 800 ms.
EXERCISE_TEST(Ex09_2, WaitsOnceForEachNumber, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "200"});
    Client client(server.port());
    auto start = Clock::now();
    ASSERT_TRUE(answered(ask(client, get("/countdown/?from=4"), 3s), 200, "4, 3, 2, 1, liftoff"));
    auto took = since(start);
    EXPECT_GE(took, 800ms) << "a countdown from 4 with --async-ms 200 took " << took.count()
                           << " ms: it did not wait 200 ms for each number";
    EXPECT_LT(took, 1300ms) << "a countdown from 4 with --async-ms 200 took " << took.count()
                            << " ms";
}

// While two countdowns wait, each on its own connection, the loop goes on: a GET /index/ is
// answered at once, and the two end together, not one after the other.
EXERCISE_TEST(Ex09_2, CountdownsRunSideBySide, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "250"});
    Client first(server.port());
    Client second(server.port());
    auto start = Clock::now();
    ASSERT_TRUE(first.send(get("/countdown/?from=3")));
    ASSERT_TRUE(second.send(get("/countdown/?from=3")));
    Client other(server.port());
    ASSERT_TRUE(answered(ask(other, get("/index/"), 1s), 200, "OK"));
    EXPECT_LT(since(start), 200ms) << "GET /index/, sent while two countdowns waited, was held";
    for (Client* client : {&first, &second}) {
        Response response = read_response(*client, false, 3s);
        response.request = get("/countdown/?from=3");
        EXPECT_TRUE(answered(response, 200, "3, 2, 1, liftoff"));
    }
    auto took = since(start);
    EXPECT_LT(took, 1200ms) << "two countdowns from 3 with --async-ms 250 took " << took.count()
                            << " ms: they ran one after the other, not side by side";
}

// The start is the client's to choose, so it is checked: 400 at once, and the connection still
// serves.
EXERCISE_TEST(Ex09_2, RefusesABadStart, fails_with("got HTTP/1.1 404 Not Found")) {
    ServerProcess server({"--async-ms", "5000"});
    for (const char* query :
         {"", "?from=", "?from=0", "?from=11", "?from=-3", "?from=three", "?from=3x", "?to=3"}) {
        Client client(server.port());
        std::string request = get("/countdown/" + std::string(query));
        EXPECT_TRUE(answered(ask(client, request, 1s), 400));
        EXPECT_TRUE(answered(ask(client, get("/index/"), 1s), 200, "OK"))
            << "on the same connection, after the 400";
    }
}
