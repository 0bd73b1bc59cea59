# The bench's load helpers (bench-echo, bench-idle...), small programs of the project's own.
# Included by tests/bench/CMakeLists.txt, the bench's Release build, and by the whole book's build
# (tests/CMakeLists.txt), where nothing builds them unless asked: `tests/bench/run --smoke
# --build-dir build`, CI's smoke run, then measures the programs that build already has.
set(_bench "${CMAKE_CURRENT_LIST_DIR}")

# What the load helpers share: sockets, /proc, the command line, percentiles.
add_library(bench_support STATIC EXCLUDE_FROM_ALL
    ${_bench}/arguments.cpp
    ${_bench}/connect.cpp
    ${_bench}/http_answer.cpp
    ${_bench}/many_connections.cpp
    ${_bench}/proc_stats.cpp
    ${_bench}/round_trip.cpp)
target_include_directories(bench_support PUBLIC "${_bench}")

# One program per kind of measurement; each source opens with what it measures and prints.
function(bench_helper program source)
    add_executable(${program} EXCLUDE_FROM_ALL "${_bench}/${source}")
    target_link_libraries(${program} PRIVATE bench_support)
endfunction()
bench_helper(bench-echo echo_load.cpp)            # echo servers: clients served, bytes/s
bench_helper(bench-idle hold_idle.cpp)            # idle connections: held, memory, latency
bench_helper(bench-park park_requests.cpp)        # parked requests: memory, CPU while held
bench_helper(bench-lateness timer_lateness.cpp)   # how late a TimeoutFuture fires
bench_helper(bench-free-port free_port.cpp)       # a free port for nginx
bench_helper(bench-chat chat_fanout.cpp)          # one chat message to many parked pollers
bench_helper(bench-minimal minimal_server.cpp)    # the floor: the least an HTTP server can do
