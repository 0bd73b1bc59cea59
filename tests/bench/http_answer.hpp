// Reading the servers' HTTP answers just far enough to count them: where one ends, its status.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// The length of the complete answer at the start of `bytes` (its head and its Content-Length
// body), or 0 while it is incomplete. Every program measured sends Content-Length.
std::size_t answer_length(std::string_view bytes);

// The status code on the status line at the start of `bytes`; 0 if there is none.
int answer_status(std::string_view bytes);

// A GET request for `path`, with "Connection: close" if `close`.
std::string get_request(std::string_view path, bool close = false);
