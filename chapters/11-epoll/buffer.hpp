// Buffer: bytes waiting to be used, for one direction of one connection.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

// A queue of bytes: appended at the back, consumed from the front. Owns its storage.
//
//   +------------+-------------------+------------------+
//   |  consumed  |     readable      |     writable     |
//   +------------+-------------------+------------------+
//   0        read_index_        write_index_      storage_.size()
//
// Consuming only moves read_index_: no bytes are copied. When the back runs out of room, the
// readable bytes move to the front (reusing the consumed space) before the storage grows.
class Buffer {
  public:
    std::size_t size() const { return write_index_ - read_index_; }
    bool empty() const { return size() == 0; }

    // The readable bytes. Valid until the next call that changes the buffer.
    std::string_view readable() const { return {storage_.data() + read_index_, size()}; }

    // Drops the first `n` readable bytes: they have been used.
    void consume(std::size_t n) {
        assert(n <= size());
        read_index_ += n;
        if (read_index_ == write_index_) read_index_ = write_index_ = 0;  // empty: start over
    }

    void append(std::string_view bytes) {
        if (bytes.empty()) return;  // memcpy() with a null pointer is undefined, even for 0 bytes
        std::span<char> room = prepare(bytes.size());
        std::memcpy(room.data(), bytes.data(), bytes.size());
        commit(bytes.size());
    }

    // Room for at least `n` more bytes at the back: write into it (recv() does), then commit()
    // as many as were written.
    std::span<char> prepare(std::size_t n) {
        if (storage_.size() - write_index_ < n) make_room(n);
        return {storage_.data() + write_index_, storage_.size() - write_index_};
    }

    void commit(std::size_t n) {
        assert(n <= storage_.size() - write_index_);
        write_index_ += n;
    }

  private:
    void make_room(std::size_t n) {
        std::size_t readable = size();
        if (read_index_ > 0) {  // slide the readable bytes to the front
            std::memmove(storage_.data(), storage_.data() + read_index_, readable);
            read_index_ = 0;
            write_index_ = readable;
        }
        if (storage_.size() - write_index_ < n) storage_.resize(write_index_ + n);
        assert(read_index_ <= write_index_ && write_index_ <= storage_.size());
    }

    std::vector<char> storage_;
    std::size_t read_index_ = 0;
    std::size_t write_index_ = 0;
};
