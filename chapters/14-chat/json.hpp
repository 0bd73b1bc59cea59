// Chapter 14: JSON strings, text made safe to put between a JSON document's quotes.
#pragma once

#include <string>
#include <string_view>

// `text` as a JSON string literal, quotes included: json_string("say \"hi\"") is
// "\"say \\\"hi\\\"\"". Escapes what RFC 8259 section 7 requires, and only that: '"', '\\', and
// the control characters U+0000 to U+001F, each as \uXXXX (one rule for all 32 of them, rather
// than \n for some). Every other byte goes out as it is, so UTF-8 text stays UTF-8, and markup
// such as "<script>" stays text: it is JSON's reader, not an HTML parser, that reads it. The
// bytes should be UTF-8; a browser's JSON.parse reads a stray byte that is not as U+FFFD.
std::string json_string(std::string_view text);

// The same, appended to `out`: for building a document piece by piece without a copy per piece.
void append_json_string(std::string& out, std::string_view text);
