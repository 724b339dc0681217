// bench_render: how long rendering a document takes, per format and in all formats together
// (issue 4: all formats <= 10 ms per document). bench/run runs it; bench/README.md has results.
//
//   bench_render [RUNS] DOCUMENT.json...
//
// Each document (canonical JSON, e.g. tests/golden/pdf/*.json) is rendered RUNS times (default
// 200) in the formats a run writes for it with the [documents] defaults (json, text, and xml +
// pdf for a municipality, pdf for a family), after one untimed round that loads pango and cairo
// and the font. Prints the median and the 95th percentile per format and for all
// formats of one document together. Wall time of this process only: no start-up, no disk.

#include "render/format.hpp"
#include "util/file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> samples, double p) {
  std::sort(samples.begin(), samples.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[at];
}

} // namespace

int main(int argc, char** argv) {
  int first = 1;
  int runs = 200;
  if (argc > 1 && std::all_of(argv[1], argv[1] + std::char_traits<char>::length(argv[1]), ::isdigit)) {
    runs = std::max(1, std::atoi(argv[1]));
    first = 2;
  }
  if (first >= argc) {
    fmt::print(stderr, "usage: bench_render [RUNS] DOCUMENT.json...\n");
    return 64;
  }
  fmt::print("| document | lines | json | text | xml | pdf | all its formats (median) | all its formats (p95) |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int a = first; a < argc; ++a) {
    const util::FileContent in = util::read_file(argv[a]);
    if (in.status != util::FileContent::Status::ok) {
      fmt::print(stderr, "bench_render: cannot read {}\n", argv[a]);
      return 66;
    }
    const render::IssuedDocument doc = render::document_from_json(render::Json::parse(in.text));
    const auto& all_formats = render::formats();
    const auto formats = render::formats_for(doc, books::DocumentSettings{});
    std::vector<std::vector<double>> per_format(formats.size());
    std::vector<double> all;
    std::size_t bytes = 0;
    for (int r = -1; r < runs; ++r) {
      double total = 0;
      for (std::size_t f = 0; f < formats.size(); ++f) {
        const auto start = Clock::now();
        const std::string out = formats[f]->render(doc);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        bytes += out.size(); // keeps the work observable
        total += ms;
        if (r >= 0) per_format[f].push_back(ms);
      }
      if (r >= 0) all.push_back(total);
    }
    std::string name = argv[a];
    name = name.substr(name.find_last_of('/') + 1);
    fmt::print("| {} | {} |", name, doc.lines.size());
    for (const render::DocumentFormat* format : all_formats) {
      const auto at = std::find(formats.begin(), formats.end(), format);
      if (at == formats.end())
        fmt::print(" – |");
      else
        fmt::print(" {:.2f} ms |", percentile(per_format[static_cast<std::size_t>(at - formats.begin())], 0.5));
    }
    fmt::print(" {:.2f} ms | {:.2f} ms |\n", percentile(all, 0.5), percentile(all, 0.95));
    if (bytes == 0) return 1;
  }
  return 0;
}
