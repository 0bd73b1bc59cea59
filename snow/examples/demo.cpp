// demo: the routes of all three seed examples in one server, plus POST /echo/, which answers
// with the request's body, and the recipes of params.hpp (chapter 13). This is the program the
// README's first command runs.
#include <vector>

#include "command_line.hpp"
#include "hello.hpp"
#include "params.hpp"
#include "timeout.hpp"
#include "wait.hpp"

snow::HttpResponse echo_body(const snow::HttpRequest& request) {
    return snow::HttpResponse(request.body);
}

int main(int argc, char** argv) {
    CommandLine line = parse_command_line(argc, argv);
    std::vector<snow::Route> routes = hello_routes();
    for (auto more : {wait_routes(), timeout_routes(line.async_delay), params_routes()}) {
        routes.insert(routes.end(), more.begin(), more.end());
    }
    routes.push_back({"POST", R"(/echo/)", echo_body});
    snow::Snow app(std::move(routes), line.settings);
    return app.run(line.host, line.port);
}
