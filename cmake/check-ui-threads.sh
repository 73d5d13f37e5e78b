#!/usr/bin/env bash
# check-ui-threads.sh SOURCE_DIR
#
# Work off the GUI thread lives in ui/jobs/ only (issue 14): no other folder
# of ui/ may start a thread, a QtConcurrent task or a thread pool job, or
# watch a future itself; pages use jobs/ (BackgroundTask, RunJob, ...).
# Prints FILE:LINE of each offence; exit 1 when any. ctest runs it as ui_threads.
set -euo pipefail
ui=${1:?usage: check-ui-threads.sh SOURCE_DIR}/ui
pattern='QtConcurrent|std::thread|std::jthread|std::async|QThreadPool|QFutureWatcher|QThread::create|: public QThread|moveToThread'
if found=$(grep -rnE "$pattern" "$ui" --include='*.h' --include='*.cpp' | grep -v "^$ui/jobs/"); then
  echo "$found" | sed "s|^$ui/|ui/|"
  echo "$(echo "$found" | wc -l) place(s) outside ui/jobs/ work off the GUI thread themselves; use ui/jobs/" >&2
  exit 1
fi
echo "ui threads: only ui/jobs/ works off the GUI thread"
