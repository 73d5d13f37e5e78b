#include "linediff.h"

#include <algorithm>

namespace sluice::ui {

namespace {
constexpr qint64 kMaxCells = 4'000'000;
}

int LineDiff::changedLeft() const
{
    return int(std::count(leftChanged.begin(), leftChanged.end(), true));
}

int LineDiff::changedRight() const
{
    return int(std::count(rightChanged.begin(), rightChanged.end(), true));
}

LineDiff diffLines(const QStringList &left, const QStringList &right)
{
    const int n = int(left.size()), m = int(right.size());
    LineDiff d;
    d.leftChanged.assign(std::size_t(n), true);
    d.rightChanged.assign(std::size_t(m), true);
    // Common head and tail first: most edits touch a few lines in the middle.
    int head = 0;
    while (head < n && head < m && left[head] == right[head]) {
        d.leftChanged[std::size_t(head)] = d.rightChanged[std::size_t(head)] = false;
        ++head;
    }
    int tail = 0;
    while (tail < n - head && tail < m - head && left[n - 1 - tail] == right[m - 1 - tail]) {
        d.leftChanged[std::size_t(n - 1 - tail)] = d.rightChanged[std::size_t(m - 1 - tail)] = false;
        ++tail;
    }
    const int a = n - head - tail, b = m - head - tail;
    if (a == 0 || b == 0)
        return d;
    if (qint64(a + 1) * qint64(b + 1) > kMaxCells) {
        for (int i = 0; i < std::min(a, b); ++i)
            if (left[head + i] == right[head + i])
                d.leftChanged[std::size_t(head + i)] = d.rightChanged[std::size_t(head + i)] = false;
        return d;
    }
    // lcs[i][j]: the longest common subsequence of the middle parts from i and j on.
    std::vector<int> lcs(std::size_t(a + 1) * std::size_t(b + 1), 0);
    auto at = [&](int i, int j) -> int & { return lcs[std::size_t(i) * std::size_t(b + 1) + std::size_t(j)]; };
    for (int i = a - 1; i >= 0; --i)
        for (int j = b - 1; j >= 0; --j)
            at(i, j) = left[head + i] == right[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    int i = 0, j = 0;
    while (i < a && j < b) {
        if (left[head + i] == right[head + j]) {
            d.leftChanged[std::size_t(head + i)] = d.rightChanged[std::size_t(head + j)] = false;
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return d;
}

} // namespace sluice::ui
