// Counted: a type that counts its live instances, to prove that something was freed.
#pragma once

namespace snow_test {

// Every construction adds one to `alive`, every destruction takes one away. Put one in a
// coroutine's frame or a callback's captures, and `alive` says whether they are gone.
struct Counted {
    static inline int alive = 0;
    Counted() { ++alive; }
    Counted(const Counted&) { ++alive; }
    ~Counted() { --alive; }
};

}  // namespace snow_test
