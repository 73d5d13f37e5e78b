#pragma once
// A source read that the GUI thread can cancel while a worker runs it: the
// worker attach()es the source before it reads and detach()es it after
// (readFrom does both); cancel() flags the job and stops a read under way.

#include "sources/source.h"
#include "sources/sourcekinds.h"

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

    // The worker's whole read: opens the source `def` describes and runs
    // `read` on it, attached. What `read` returns (a Result), the error of
    // opening the source, or a Cancelled error when cancelled before it began.
    template <class Read>
    auto readFrom(const SourceDef &def, const SourceContext &context, Read read)
        -> decltype(read(std::declval<Source &>()))
    {
        auto opened = makeSource(def, context);
        if (!opened)
            return std::unexpected(opened.error());
        if (!attach(opened->get()))
            return sluice::cancelled();
        auto result = read(**opened);
        detach();
        return result;
    }
};

} // namespace sluice::ui
