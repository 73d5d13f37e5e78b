#pragma once
// How the alert dialogs refuse OK: the problem shown under the form, the
// dialog left open with what was typed.

#include <QLabel>
#include <QString>

namespace sluice::ui {

// Shows `problem` in `errorLabel` and returns false; true when there is none.
inline bool acceptable(QLabel *errorLabel, const QString &problem)
{
    if (problem.isEmpty())
        return true;
    errorLabel->setText(problem);
    errorLabel->show();
    return false;
}

} // namespace sluice::ui
