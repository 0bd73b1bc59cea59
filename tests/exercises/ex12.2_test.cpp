// Exercise 12.2 (docs/exercises/12-measuring.md): the time the server spent on each request.
// Every answer to a request the server read whole carries "Server-Timing: total;dur=D", D the
// milliseconds (to the microsecond: "0.042") from the moment the request was taken whole until
// its answer was written: a parked request's wait counts, the client's slowness in sending the
// request does not.
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

namespace {

// The D of "Server-Timing: total;dur=D", if the answer has that header and D is a number of
// milliseconds with three decimals.
std::optional<double> duration_of(const Response& response) {
    auto value = response.header("Server-Timing");
    constexpr std::string_view kPrefix = "total;dur=";
    if (!value || !value->starts_with(kPrefix)) return std::nullopt;
    std::string_view number = std::string_view(*value).substr(kPrefix.size());
    std::size_t dot = number.find('.');
    if (dot == std::string_view::npos || number.size() - dot != 4) return std::nullopt;
    double milliseconds = 0;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), milliseconds);
    if (error != std::errc() || end != number.data() + number.size()) return std::nullopt;
    return milliseconds;
}

// Passes if the answer has a Server-Timing whose duration is within [at_least, below) ms.
testing::AssertionResult timed(const Response& response, double at_least, double below) {
    auto milliseconds = duration_of(response);
    if (!milliseconds) {
        return testing::AssertionFailure()
               << "wanted a Server-Timing header \"total;dur=D\" (D like 0.042), got "
               << response.header("Server-Timing").value_or("none") << "\n"
               << describe(response);
    }
    if (*milliseconds >= at_least && *milliseconds < below) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "wanted a duration from " << at_least << " ms to under "
                                       << below << " ms, got " << *milliseconds << " ms\n"
                                       << describe(response);
}

}  // namespace

EXERCISE_TEST(Ex12_2, TimesEveryAnswer, fails_with("wanted a Server-Timing header")) {
    ServerProcess server;
    Response index = round_trip(server.port(), get("/index/"));
    ASSERT_TRUE(answered(index, 200, "OK"));
    EXPECT_TRUE(timed(index, 0, 1000)) << "a quick handler";
    Response missing = round_trip(server.port(), get("/no/such/page/"));
    ASSERT_TRUE(answered(missing, 404));
    EXPECT_TRUE(timed(missing, 0, 1000)) << "a 404 is an answer too";
}

// /async/ is parked on a 300 ms TimeoutFuture: the wait is the server's time on the request.
EXERCISE_TEST(Ex12_2, CountsTheTimeAParkedRequestWaited,
              fails_with("wanted a Server-Timing header")) {
    ServerProcess server({"--async-ms", "300"});
    Response parked = round_trip(server.port(), get("/async/"));
    ASSERT_TRUE(answered(parked, 200, "async"));
    EXPECT_TRUE(timed(parked, 300, 3000)) << "parked for 300 ms";
}

// A client that sends its head, then its body 300 ms later: the wait was the client's.
EXERCISE_TEST(Ex12_2, LeavesOutTheClientsSlowness, fails_with("wanted a Server-Timing header")) {
    ServerProcess server;
    Client client(server.port());
    std::string head = "POST /echo/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\n";
    ASSERT_TRUE(client.send(head));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_TRUE(client.send("hello"));
    Response echoed = read_response(client, false, 5s);
    echoed.request = head + "hello";  // for the message, as round_trip() would have it
    ASSERT_TRUE(answered(echoed, 200, "hello"));
    EXPECT_TRUE(timed(echoed, 0, 250)) << "the body came 300 ms after the head: the client's time";
}
