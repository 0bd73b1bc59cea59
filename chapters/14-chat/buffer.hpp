// Buffer: bytes waiting to be used, for one direction of one connection.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <utility>

// A queue of bytes: appended at the back, consumed from the front. Owns its storage.
//
//   +------------+-------------------+------------------+
//   |  consumed  |     readable      |     writable     |
//   +------------+-------------------+------------------+
//   0        read_index_        write_index_      capacity_
//
// Consuming only moves read_index_: no bytes are copied. When the back runs out of room, the
// readable bytes move to the front (reusing the consumed space) before the storage grows.
//
// What it costs in memory (chapter 12). The storage is not initialised: the kernel gives a page
// memory only when it is first written, so a 64 KiB buffer that a 40-byte request arrived in
// cost 4 KiB, where zero-filling it (std::vector::resize) touched all 16 pages. It starts at
// nothing, grows by doubling, and release_if_empty() gives it all back: an idle connection then
// holds no buffer at all, as nginx's does (65 KiB per idle connection before, under 1 KiB after).
class Buffer {
  public:
    // The smallest storage a buffer takes: a request's head or an answer's fits, and glibc's
    // malloc serves a block this size from its per-thread cache, without a lock.
    static constexpr std::size_t kMinCapacity = 1024;

    Buffer() = default;
    // A moved-from buffer is empty, with no storage (the indices must not outlive the storage).
    Buffer(Buffer&& other) noexcept
        : storage_(std::move(other.storage_)),
          capacity_(std::exchange(other.capacity_, 0)),
          read_index_(std::exchange(other.read_index_, 0)),
          write_index_(std::exchange(other.write_index_, 0)) {}
    Buffer& operator=(Buffer&& other) noexcept {
        storage_ = std::move(other.storage_);
        capacity_ = std::exchange(other.capacity_, 0);
        read_index_ = std::exchange(other.read_index_, 0);
        write_index_ = std::exchange(other.write_index_, 0);
        return *this;
    }

    std::size_t size() const { return write_index_ - read_index_; }
    bool empty() const { return size() == 0; }
    // How many bytes the storage holds, used or not (0 once released).
    std::size_t capacity() const { return capacity_; }

    // The readable bytes. Valid until the next call that changes the buffer.
    std::string_view readable() const { return {storage_.get() + read_index_, size()}; }

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
    // as many as were written. The room is not initialised.
    std::span<char> prepare(std::size_t n) {
        if (capacity_ - write_index_ < n) make_room(n);
        return {storage_.get() + write_index_, capacity_ - write_index_};
    }

    void commit(std::size_t n) {
        assert(n <= capacity_ - write_index_);
        write_index_ += n;
    }

    // Gives the storage back to the allocator if no byte waits in it. Call when the connection
    // goes idle: a free() now and a malloc() on its next request cost well under a microsecond,
    // where holding the storage costs its size for as long as the client stays silent.
    void release_if_empty() {
        if (!empty()) return;
        storage_.reset();
        capacity_ = 0;
    }

  private:
    void make_room(std::size_t n) {
        std::size_t readable = size();
        if (capacity_ - readable >= n) {  // enough room once the readable bytes slide to the front
            std::memmove(storage_.get(), storage_.get() + read_index_, readable);
        } else {  // grow: by doubling, so that appending byte by byte copies each byte O(1) times
            std::size_t capacity = std::max({readable + n, 2 * capacity_, kMinCapacity});
            auto storage = std::make_unique_for_overwrite<char[]>(capacity);  // not zero-filled
            if (readable > 0) std::memcpy(storage.get(), storage_.get() + read_index_, readable);
            storage_ = std::move(storage);
            capacity_ = capacity;
        }
        read_index_ = 0;
        write_index_ = readable;
        assert(read_index_ <= write_index_ && write_index_ <= capacity_);
    }

    std::unique_ptr<char[]> storage_;
    std::size_t capacity_ = 0;
    std::size_t read_index_ = 0;
    std::size_t write_index_ = 0;
};
