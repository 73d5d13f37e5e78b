#pragma once
// Which lines differ between two texts: the lines outside a longest common
// subsequence, so an inserted line marks only itself, not every line after
// it. Texts here are a sync's canonical JSON (hundreds of lines at most);
// past a few million line pairs it falls back to comparing line by line.

#include <QStringList>

#include <vector>

namespace sluice::ui {

struct LineDiff {
    std::vector<bool> leftChanged;  // per line of the left text: removed or changed
    std::vector<bool> rightChanged; // per line of the right text: added or changed
    int changedLeft() const;
    int changedRight() const;
};

LineDiff diffLines(const QStringList &left, const QStringList &right);

} // namespace sluice::ui
