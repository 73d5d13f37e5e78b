#pragma once
// A source read that the GUI thread can cancel while a worker runs it: the
// worker sets `source` (under the mutex) while it reads and checks
// `cancelled` before it starts; cancel() flags it and stops a read under way.

#include "sources/source.h"

#include <mutex>

namespace sluice::ui {

struct SourceCancel {
    std::mutex mutex;
    Source *source = nullptr; // valid while the worker reads
    bool cancelled = false;

    void cancel()
    {
        std::lock_guard lock(mutex);
        cancelled = true;
        if (source)
            source->cancel();
    }
};

} // namespace sluice::ui
