// Percentiles of a sample, the way the bench reports every spread of figures.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

// The value below which `fraction` of `sample` lies (nearest rank: 0.5 is the median, 1.0 the
// largest). Sorts a copy; 0 for an empty sample.
inline double percentile(std::vector<double> sample, double fraction) {
    if (sample.empty()) return 0;
    std::sort(sample.begin(), sample.end());
    auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sample.size())));
    return sample[std::clamp<std::size_t>(rank, 1, sample.size()) - 1];
}
