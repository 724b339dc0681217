// The toml++-only baseline for bench/run: parse the given TOML files (or every *.toml below the
// given directories) with toml::parse_file and count the [[entry]] and [[expense]] tables.
// Nothing else: no validation, no sums. What honorar's loader must be compared with.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path().string());
    } else {
      files.push_back(arg.string());
    }
  }
  if (files.empty()) {
    std::fputs("usage: bench_toml_parse_only FILE_OR_DIR...\n", stderr);
    return 64;
  }
  std::sort(files.begin(), files.end());
  std::size_t entries = 0;
  std::size_t expenses = 0;
  for (const std::string& f : files) {
    try {
      const toml::table t = toml::parse_file(f);
      if (const auto* a = t["entry"].as_array()) entries += a->size();
      if (const auto* a = t["expense"].as_array()) expenses += a->size();
    } catch (const toml::parse_error& e) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), std::string(e.description()).c_str());
      return 65;
    }
  }
  std::printf("%zu files, %zu entries, %zu expenses\n", files.size(), entries, expenses);
  return 0;
}
