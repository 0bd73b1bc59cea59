// Buffer (chapter 03 on): a byte queue that must never lose, repeat or reorder a byte.
#include <string>

#include "behaviour.hpp"
#include "buffer.hpp"

SNOW_TEST(Buffer, StartsEmpty, since(3)) {
    Buffer buffer;
    EXPECT_TRUE(buffer.empty());
    EXPECT_EQ(buffer.readable(), "");
}

SNOW_TEST(Buffer, GivesBackWhatWasAppendedInOrder, since(3)) {
    Buffer buffer;
    buffer.append("hello, ");
    buffer.append("snow");
    EXPECT_EQ(buffer.size(), 11u);
    EXPECT_EQ(buffer.readable(), "hello, snow");
}

SNOW_TEST(Buffer, ConsumeDropsBytesFromTheFront, since(3)) {
    Buffer buffer;
    buffer.append("hello, snow");
    buffer.consume(7);
    EXPECT_EQ(buffer.readable(), "snow");
    buffer.consume(4);
    EXPECT_TRUE(buffer.empty());
}

SNOW_TEST(Buffer, PrepareAndCommitAppendInPlace, since(3)) {
    Buffer buffer;
    buffer.append("ab");
    std::span<char> room = buffer.prepare(3);
    ASSERT_GE(room.size(), 3u);
    room[0] = 'c';
    room[1] = 'd';
    buffer.commit(2);  // wrote fewer than prepared, as recv() often does
    EXPECT_EQ(buffer.readable(), "abcd");
}

// Consumed space at the front is reused: bytes slide to the front instead of the storage growing
// for ever under a steady trickle of append/consume.
SNOW_TEST(Buffer, KeepsBytesIntactWhenTheyAreMovedToMakeRoom, since(3)) {
    Buffer buffer;
    std::string expected;
    for (int i = 0; i < 10'000; ++i) {
        std::string piece = std::to_string(i) + ",";
        buffer.append(piece);
        expected += piece;
        if (i % 3 == 0) {
            buffer.consume(expected.size() / 2);
            expected.erase(0, expected.size() / 2);
        }
        ASSERT_EQ(buffer.readable(), expected) << "after piece " << i;
    }
}

SNOW_TEST(Buffer, HoldsMegabytes, since(3)) {
    Buffer buffer;
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 8; ++i)
        buffer.append(block);
    EXPECT_EQ(buffer.size(), 8u << 20);
    buffer.consume(buffer.size() - 1);
    EXPECT_EQ(buffer.readable(), "x");
}
