// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// md2man: turns docs/cli.md into the losant-experience-users(1) man page at build time, so that
// the reference and the man page are one text. It knows the Markdown that file uses: headings,
// paragraphs, `-` lists, fenced code blocks, tables (rendered as tagged paragraphs: the first
// cell is the tag), `code`, **bold** and [links](...).
//
// Usage: md2man INPUT.md OUTPUT.1 VERSION
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string trim(std::string_view text) {
  const auto start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

// Escapes text for roff: backslashes, and (in code) hyphens, which are minus signs there.
std::string escape(std::string_view text, bool code) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && code) {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

// Inline Markdown to roff: `code` and **bold** in bold, [text](target) as text.
std::string inline_text(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '`') {
      const auto end = text.find('`', i + 1);
      if (end != std::string_view::npos) {
        out += "\\fB" + escape(text.substr(i + 1, end - i - 1), true) + "\\fR";
        i = end + 1;
        continue;
      }
    }
    if (starts_with(text.substr(i), "**")) {
      const auto end = text.find("**", i + 2);
      if (end != std::string_view::npos) {
        out += "\\fB" + inline_text(text.substr(i + 2, end - i - 2)) + "\\fR";
        i = end + 2;
        continue;
      }
    }
    if (text[i] == '[') {
      const auto close = text.find("](", i);
      const auto end = close == std::string_view::npos ? close : text.find(')', close);
      if (end != std::string_view::npos) {
        out += inline_text(text.substr(i + 1, close - i - 1));
        const std::string_view target = text.substr(close + 2, end - close - 2);
        if (!starts_with(target, "#")) out += " (" + escape(target, false) + ")";
        i = end + 1;
        continue;
      }
    }
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '|') {
      out += '|';
      i += 2;
      continue;
    }
    out += escape(text.substr(i, 1), false);
    ++i;
  }
  return out;
}

// A line of roff text that starts with `.` or `'` would be read as a request.
std::string text_line(const std::string& line) {
  if (!line.empty() && (line.front() == '.' || line.front() == '\'')) return "\\&" + line;
  return line;
}

// A table row's cells; `\|` is a literal bar inside a cell.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  const std::string body = trim(line);
  for (std::size_t i = 1; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '|') {
      cell += "\\|";
      ++i;
    } else if (body[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += body[i];
    }
  }
  return cells;
}

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// A heading's text without its code quotes.
std::string heading_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '`') out += c;
  }
  return trim(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: md2man INPUT.md OUTPUT.1 VERSION\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "md2man: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::ostringstream out;
  const std::string version = argv[3];
  out << ".\\\" Generated from docs/cli.md by md2man; edit that file instead.\n"
      << ".TH LOSANT\\-EXPERIENCE\\-USERS 1 \"\" \"losant\\-experience\\-users " << version
      << "\" \"User Commands\"\n";
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) out << ".PP\n" << text_line(inline_text(paragraph)) << "\n";
    paragraph.clear();
  };
  bool named = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (starts_with(line, "```")) {
      flush();
      out << ".PP\n.RS 4\n.nf\n";
      for (++i; i < lines.size() && !starts_with(lines[i], "```"); ++i) {
        out << text_line(escape(lines[i], false)) << "\n";
      }
      out << ".fi\n.RE\n";
    } else if (starts_with(line, "# ")) {
      flush();
      if (!named) {
        out << ".SH NAME\nlosant\\-experience\\-users \\- manage the experience users of a Losant "
               "application\n.SH DESCRIPTION\n";
        named = true;
      }
    } else if (starts_with(line, "## ")) {
      flush();
      out << ".SH " << upper(heading_text(line.substr(3))) << "\n";
    } else if (starts_with(line, "### ") || starts_with(line, "#### ")) {
      flush();
      out << ".SS \"" << escape(heading_text(line.substr(line.find(' ') + 1)), true) << "\"\n";
    } else if (starts_with(trim(line), "|")) {
      flush();
      const std::vector<std::string> header = cells_of(line);
      if (i + 1 < lines.size() && starts_with(trim(lines[i + 1]), "|")) ++i;  // |---|
      for (; i + 1 < lines.size() && starts_with(trim(lines[i + 1]), "|"); ++i) {
        const std::vector<std::string> cells = cells_of(lines[i + 1]);
        if (cells.empty()) continue;
        out << ".TP\n" << text_line(inline_text(cells[0])) << "\n";
        std::string body;
        for (std::size_t c = 1; c < cells.size(); ++c) {
          if (cells[c].empty()) continue;
          if (!body.empty()) body += " ";
          // Middle columns are labelled: `environment variable: LOSANT_API_URL.`
          if (c + 1 < cells.size() && c < header.size()) {
            body += header[c] + ": " + cells[c] + ".";
          } else {
            body += cells[c];
          }
        }
        out << text_line(inline_text(body.empty() ? "-" : body)) << "\n";
      }
    } else if (starts_with(line, "- ")) {
      flush();
      std::string item = line.substr(2);
      for (; i + 1 < lines.size() && starts_with(lines[i + 1], "  ") && !trim(lines[i + 1]).empty();
           ++i) {
        item += " " + trim(lines[i + 1]);
      }
      out << ".IP \\(bu 2\n" << text_line(inline_text(item)) << "\n";
    } else if (trim(line).empty()) {
      flush();
    } else {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += trim(line);
    }
  }
  flush();

  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file << out.str();
  file.close();
  if (!file) {
    std::cerr << "md2man: cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
