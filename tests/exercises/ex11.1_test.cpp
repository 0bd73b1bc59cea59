// Exercise 11.1 (docs/exercises/11-epoll.md): an EPOLLET variant. `--poller epoll-et` selects
// epoll in edge-triggered mode: a descriptor is reported once each time it becomes ready, not for
// as long as it stays ready, and the program still serves every byte it is sent. The chapter's
// suites run with it too (ex11.1-chapter-epoll-et); these tests send more than one read takes.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.hpp"
#include "exercise.hpp"
#include "http.hpp"
#include "server_process.hpp"

using namespace snow_test;

EXERCISE_TEST(Ex11_1, AnswersABigPipelinedBatch,
              fails_with("--poller is epoll, poll or select, not 'epoll-et'")) {
    ServerProcess server({"--poller", "epoll-et"});
    Client client(server.port());
    constexpr int kRequests = 5000;  // 200 KB of requests: several reads' worth, sent at once
    std::string requests;
    for (int i = 0; i < kRequests; ++i)
        requests += get("/index/");
    std::thread sender([&] { client.send(requests); });
    int answered_ok = 0;
    Response last;
    while (answered_ok < kRequests) {
        last = read_response(client, false, 2s);
        if (last.status != 200 || last.body != "OK") break;
        ++answered_ok;
    }
    sender.join();
    EXPECT_EQ(answered_ok, kRequests)
        << "sent " << kRequests << " pipelined GET /index/ (" << requests.size()
        << " bytes) in one go; after " << answered_ok << " answers: " << describe(last);
}

EXERCISE_TEST(Ex11_1, EchoesABigBody,
              fails_with("--poller is epoll, poll or select, not 'epoll-et'")) {
    ServerProcess server({"--poller", "epoll-et"});
    Client client(server.port());
    std::string body(900 * 1024, 'e');  // under --max-body's 1 MiB
    for (std::size_t i = 0; i < body.size(); i += 4096)
        body[i] = static_cast<char>('a' + i / 4096 % 26);
    std::string request = post("/echo/", body);
    std::thread sender([&] { client.send(request); });
    Response response = read_response(client, false, 5s);
    sender.join();
    EXPECT_EQ(response.status, 200) << describe(response);
    EXPECT_TRUE(response.body == body)
        << "POST /echo/ with a 900 KiB body: got " << response.body.size() << " bytes back"
        << (response.body.size() == body.size() ? ", not the same ones" : "");
}

EXERCISE_TEST(Ex11_1, ServesManyClientsAtOnce,
              fails_with("--poller is epoll, poll or select, not 'epoll-et'")) {
    ServerProcess server({"--poller", "epoll-et"});
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 200; ++i) {
        clients.push_back(std::make_unique<Client>(server.port()));
        clients.back()->send(get("/index/"));
    }
    int ok = 0;
    std::string first_failure;
    for (auto& client : clients) {
        Response response = read_response(*client, false, 2s);
        if (response.status == 200 && response.body == "OK") {
            ++ok;
        } else if (first_failure.empty()) {
            first_failure = client->name() + ": " + describe(response);
        }
    }
    EXPECT_EQ(ok, 200) << "200 clients, one GET /index/ each; the first that failed, "
                       << first_failure;
}
