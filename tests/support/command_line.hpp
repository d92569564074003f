// Runs a tool's option parser on a list of words, as its main() would with argv.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "common/tool_main.hpp"

namespace netdiag::test {

// parse(argc, argv) with argv = {tool, words...}.
template <class Parse>
auto parse_words(Parse parse, const char* tool, std::initializer_list<const char*> words) {
  std::vector<const char*> argv{tool};
  argv.insert(argv.end(), words.begin(), words.end());
  return parse(static_cast<int>(argv.size()), argv.data());
}

// The UsageError message the words get, or "(accepted)".
template <class Parse>
std::string usage_error_of(Parse parse, const char* tool, std::initializer_list<const char*> words) {
  try {
    parse_words(parse, tool, words);
  } catch (const tools::UsageError& error) {
    return error.message;
  }
  return "(accepted)";
}

}  // namespace netdiag::test
