// ch06-snow: the seed's first example, `Snow(routes).run(port=8012)`, in C++. GET /index/ answers
// OK, POST /echo/ answers the request's body, and every other path is 404.
#include "options.hpp"
#include "snow.hpp"

// (Not called `index`: POSIX already has a function of that name in <strings.h>.)
HttpResponse index_page(const HttpRequest&) {
    return HttpResponse("OK");
}

HttpResponse echo_body(const HttpRequest& request) {
    return HttpResponse(request.body);
}

int main(int argc, char** argv) {
    Options options = parse_options(argc, argv);
    Snow app({
        {"GET", R"(/index/)", index_page},
        {"POST", R"(/echo/)", echo_body},
    });
    return app.run(options.host, options.port);
}
