#pragma once
// A source read that the GUI thread can cancel while a worker runs it: the
// worker attach()es the source before it reads and detach()es it after;
// cancel() flags the job and stops a read under way.

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

    // The worker's side. false: cancelled before the read began.
    bool attach(Source *s)
    {
        std::lock_guard lock(mutex);
        if (cancelled)
            return false;
        source = s;
        return true;
    }
    void detach()
    {
        std::lock_guard lock(mutex);
        source = nullptr;
    }
};

} // namespace sluice::ui
