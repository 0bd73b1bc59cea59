// Code excerpts in docs/ must be true: a fenced code block whose first line names a file, such as
//
//     ```cpp
//     // chapters/02-select-loop/server.cpp
//     void Server::run() {
//     ```
//
// must appear in that file, character for character. A line "// ..." (or "# ...") inside the
// block skips part of the file: the pieces around it must appear in the file in that order.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Excerpt {
    int line = 0;      // where the block starts in its doc
    std::string path;  // the file it quotes, from the repository's root
    std::vector<std::string> pieces;
};

std::string trim(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return "";
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

// "// chapters/x/y.cpp" or "# tests/z.sh" names a file; "# build it" does not.
std::string named_file(std::string_view first_line) {
    for (std::string_view marker : {"// ", "# "}) {
        if (!first_line.starts_with(marker)) continue;
        std::string path = trim(first_line.substr(marker.size()));
        bool one_word = path.find(' ') == std::string::npos;
        bool looks_like_path = path.find('/') != std::string::npos || path == "CMakeLists.txt";
        if (!path.empty() && one_word && looks_like_path) return path;
    }
    return "";
}

bool is_elision(std::string_view line) {
    std::string text = trim(line);
    return text == "// ..." || text == "# ...";
}

// Adds `piece` (without its blank first and last lines) to `excerpt`, unless nothing is left.
void add_piece(Excerpt& excerpt, std::vector<std::string>& lines) {
    while (!lines.empty() && trim(lines.back()).empty())
        lines.pop_back();
    auto first = lines.begin();
    while (first != lines.end() && trim(*first).empty())
        ++first;
    std::string piece;
    for (auto it = first; it != lines.end(); ++it)
        piece += *it + "\n";
    if (!piece.empty()) excerpt.pieces.push_back(piece);
    lines.clear();
}

std::vector<Excerpt> find_excerpts(const std::string& markdown) {
    std::vector<Excerpt> excerpts;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    bool in_block = false;
    bool first_line = false;
    Excerpt current;
    std::vector<std::string> lines;
    while (std::getline(in, line)) {
        ++number;
        if (trim(line).starts_with("```")) {
            if (in_block && !current.path.empty()) {
                add_piece(current, lines);
                excerpts.push_back(current);
            }
            in_block = !in_block;
            first_line = in_block;
            current = Excerpt{number + 1, "", {}};
            lines.clear();
        } else if (in_block && first_line) {
            current.path = named_file(line);
            first_line = false;
        } else if (in_block && is_elision(line)) {
            add_piece(current, lines);
        } else if (in_block) {
            lines.push_back(line);
        }
    }
    return excerpts;
}

// Empty if every piece of `excerpt` stands in `file`, in order; else the first piece that does not.
std::string first_mismatch(const Excerpt& excerpt, const std::string& file) {
    std::size_t from = 0;
    for (const std::string& piece : excerpt.pieces) {
        std::size_t at = file.find(piece, from);
        if (at == std::string::npos) return piece;
        from = at + piece.size();
    }
    return "";
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// The checker itself: it must see an excerpt, and it must be able to fail.
TEST(ExcerptCheck, ReadsTheFileNameAndTheElidedPieces) {
    auto excerpts = find_excerpts("text\n```cpp\n// a/b.cpp\nint x;\n// ...\nint y;\n```\n");
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].path, "a/b.cpp");
    EXPECT_EQ(excerpts[0].line, 3);
    EXPECT_EQ(excerpts[0].pieces, (std::vector<std::string>{"int x;\n", "int y;\n"}));
}

TEST(ExcerptCheck, IgnoresBlocksThatNameNoFile) {
    EXPECT_TRUE(find_excerpts("```sh\n# build it\ncmake ..\n```\n").empty());
    EXPECT_TRUE(find_excerpts("```\nlistening on 127.0.0.1:8012\n```\n").empty());
}

TEST(ExcerptCheck, AcceptsPiecesInOrderAndRejectsAChangedLine) {
    Excerpt excerpt{1, "f.cpp", {"int x;\n", "int y;\n"}};
    EXPECT_EQ(first_mismatch(excerpt, "int x;\nint z;\nint y;\n"), "");
    EXPECT_EQ(first_mismatch(excerpt, "int y;\nint x;\n"), "int y;\n");  // out of order
    EXPECT_EQ(first_mismatch(excerpt, "int x;\nint  y;\n"), "int y;\n");
}

TEST(Docs, EveryExcerptMatchesTheFileItNames) {
    fs::path root = SNOW_ROOT;
    std::vector<fs::path> docs = {root / "README.md"};
    for (const auto& entry : fs::directory_iterator(root / "docs")) {
        if (entry.path().extension() == ".md") docs.push_back(entry.path());
    }
    int checked = 0;
    for (const fs::path& doc : docs) {
        for (const Excerpt& excerpt : find_excerpts(read(doc))) {
            std::string where = doc.filename().string() + ":" + std::to_string(excerpt.line);
            fs::path quoted = root / excerpt.path;
            if (!fs::exists(quoted)) {
                ADD_FAILURE() << where << " quotes " << excerpt.path << ", which does not exist";
                continue;
            }
            std::string missing = first_mismatch(excerpt, read(quoted));
            EXPECT_EQ(missing, "") << where << ": this part is not in " << excerpt.path;
            ++checked;
        }
    }
    std::cout << checked << " excerpts checked in " << docs.size() << " documents\n";
}
