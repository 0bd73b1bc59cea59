#include "response.hpp"

#include <charconv>
#include <cstdio>
#include <utility>

namespace {

// Every status RFC 9110 section 15 registers, with its phrase (429 and 431 are RFC 6585's).
constexpr std::pair<int, const char*> kReasonPhrases[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {426, "Upgrade Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
};

}  // namespace

// 1xx, 204 and 304 answers never have a body (RFC 9110 sections 6.4.1 and 8.6), so they carry
// neither a body nor a Content-Length: a client reads no body after them, and any bytes we sent
// would be taken for the start of the next answer.
bool may_have_body(int status) {
    return status >= 200 && status != 204 && status != 304;
}

const char* reason_phrase(int status) {
    for (auto [code, phrase] : kReasonPhrases) {
        if (code == status) return phrase;
    }
    // A code without a phrase here gets its class's name. Clients go by the number; the phrase
    // is for people reading the answer (RFC 9112 section 4).
    static const char* const kClasses[] = {"Informational", "Success", "Redirection",
                                           "Client Error", "Server Error"};
    return status >= 100 && status <= 599 ? kClasses[status / 100 - 1] : "Server Error";
}

std::string http_date(std::time_t time) {
    // Spelled out by hand: strftime's %a and %b would follow the locale, and HTTP wants English.
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[utc.tm_wday],
                  utc.tm_mday, months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
    return text;
}

std::string_view current_http_date() {
    thread_local DateCache cache;
    return cache.at(std::time(nullptr));
}

namespace {

// `number` in decimal, appended without a std::string of its own.
void append_number(Buffer& out, std::size_t number) {
    char digits[24];
    char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append({digits, static_cast<std::size_t>(end - digits)});
}

void append_field(Buffer& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

}  // namespace

// The head goes straight into the output buffer, piece by piece: building it in a std::string
// first cost a handful of allocations and copies per answer (chapter 12).
void write_response(Buffer& out, const HttpResponse& response, bool head_only, bool keep_alive) {
    // A status is three digits, 100 to 599 (RFC 9110 section 15): any other number is a mistake
    // in the program, and the client gets a 500 rather than an answer it cannot read.
    int status = response.status >= 100 && response.status <= 599 ? response.status : 500;
    out.append("HTTP/1.1 ");
    append_number(out, static_cast<std::size_t>(status));
    out.append(" ");
    out.append(reason_phrase(status));
    out.append("\r\n");
    for (const auto& [name, value] : response.headers)
        append_field(out, name, value);
    bool has_body = may_have_body(status);
    if (has_body && !response.body.empty() && !response.headers.find("Content-Type")) {
        out.append("Content-Type: text/plain; charset=utf-8\r\n");
    }
    // For HEAD, Content-Length is the length the body would have had (RFC 9110 section 9.3.2).
    if (has_body) {
        out.append("Content-Length: ");
        append_number(out, response.file ? response.file->size() : response.body.size());
        out.append("\r\n");
    }
    append_field(out, "Date", current_http_date());
    out.append(keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
    if (has_body && !head_only && !response.file) out.append(response.body);
}
