// The seed's first example, as a user of the installed library writes it.
#include <cstdint>
#include <cstdlib>

#include <snow/snow.hpp>

snow::HttpResponse index_page(const snow::HttpRequest&) {
    return snow::HttpResponse("OK");
}

int main(int argc, char** argv) {
    int port = argc > 1 ? std::atoi(argv[1]) : 8012;
    snow::Snow app({{R"(/index/)", index_page}});
    return app.run("127.0.0.1", static_cast<std::uint16_t>(port));
}
