// Buffer's memory (chapter 12 on): storage that is not there until used, grows by doubling, and
// is given back when the buffer is empty, so that an idle connection holds none.
#include <string>

#include "behaviour.hpp"
#include "buffer.hpp"

// Chapter 12: an idle connection should hold no buffer. Before, every connection's input buffer
// grew to 64 KiB (zero-filled) on its first read and kept it for ever: 65 KiB per idle client.
SNOW_TEST(Buffer, HoldsNoStorageUntilUsed, since(12)) {
    Buffer buffer;
    EXPECT_EQ(buffer.capacity(), 0u);
    buffer.append("GET / HTTP/1.1\r\n\r\n");
    EXPECT_GE(buffer.capacity(), Buffer::kMinCapacity);
    EXPECT_LE(buffer.capacity(), 4 * Buffer::kMinCapacity);  // small: not 64 KiB per connection
}

SNOW_TEST(Buffer, GivesItsStorageBackOnlyWhenEmpty, since(12)) {
    Buffer buffer;
    buffer.append("hello, snow");
    buffer.release_if_empty();
    EXPECT_EQ(buffer.readable(), "hello, snow");  // bytes waiting: kept
    buffer.consume(buffer.size());
    buffer.release_if_empty();
    EXPECT_EQ(buffer.capacity(), 0u);
    buffer.append("again");  // and it is usable afterwards
    EXPECT_EQ(buffer.readable(), "again");
}

// Growth doubles, so that a large body read in pieces is copied O(1) times per byte.
SNOW_TEST(Buffer, GrowsByDoubling, since(12)) {
    Buffer buffer;
    buffer.append(std::string(Buffer::kMinCapacity, 'x'));
    std::size_t first = buffer.capacity();
    buffer.append("y");
    EXPECT_GE(buffer.capacity(), 2 * first);
    EXPECT_EQ(buffer.size(), Buffer::kMinCapacity + 1);
    EXPECT_EQ(buffer.readable().back(), 'y');
}

SNOW_TEST(Buffer, MovedFromIsEmpty, since(12)) {
    Buffer buffer;
    buffer.append("moved");
    Buffer other(std::move(buffer));
    EXPECT_EQ(other.readable(), "moved");
    EXPECT_TRUE(buffer.empty());  // NOLINT(bugprone-use-after-move): what a move leaves is defined
    buffer.append("reused");
    EXPECT_EQ(buffer.readable(), "reused");
}
