// Compiled by book/await_misuse_is_readable, which expects it NOT to compile: a Task may
// co_await only a snow future, and the compiler must say so in one readable line.
#include "task.hpp"

namespace snow {}  // namespace snow
using namespace snow;

Task waits_for_a_number(const HttpRequest&) {
    int not_a_future = 42;
    co_await not_a_future;
    co_return HttpResponse("never");
}
