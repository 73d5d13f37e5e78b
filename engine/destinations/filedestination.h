#pragma once
// CSV and JSON Lines files as destinations, written atomically: everything
// goes to a temporary file beside the target, which replaces it only at
// commit() (fsync + rename), so a crash or cancel leaves the old file intact.
//
// upsert / insert / update append this run's records to a copy of the
// existing file; mirror rewrites the file with every current row of the
// model (the executor passes unchanged rows too, in key order), so the file
// always equals the model.
//
// The rename is the second step of a two-step commit (destination.h):
// prepareCommit() fsyncs and closes the temporary file and names it by device
// and inode; recoverCommit() later tells from the target's inode whether a
// killed run's rename happened. Temporary files are NAME.sluice-tmp-PID;
// removeLeftovers() deletes those of processes that no longer run.
//
// JSON Lines: one object per line, the mapped fields in mapping order.
// CSV: a header row of the field names, RFC 4180 quoting. Appending to a CSV
// whose header differs from the mapping is refused (a column would shift).

#include "destinations/contract/destination.h"

#include <cstdio>
#include <mutex>

namespace sluice {

enum class FileFormat { JsonLines, Csv };

struct FileDestinationSettings {
    FileFormat format = FileFormat::JsonLines;
    std::string path; // absolute
    char delimiter = ',';
};

class FileDestination final : public Destination {
public:
    explicit FileDestination(FileDestinationSettings settings);
    ~FileDestination() override;

    std::string_view kind() const override;
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    bool acknowledgesAtCommit() const override { return true; }
    bool mirrorRewritesAll() const override { return true; }

    Result<std::string> testConnection() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override;
    void abort() override;
    Result<nlohmann::json> prepareCommit() override;
    Result<CommitOutcome> recoverCommit(const nlohmann::json &token) override;
    bool keepOutputUnchanged() override;
    std::string removeLeftovers() override;

private:
    void appendLine(const Record &record);
    std::string headerLine() const;

    FileDestinationSettings m_settings;
    RunInfo m_run;
    std::string m_tempPath;
    std::FILE *m_out = nullptr;
    bool m_existedAtBegin = false; // a run with no change leaves such a file untouched
    bool m_prepared = false;       // the temporary file is complete and closed, not yet renamed
    std::string m_line;            // reused buffer
    std::mutex m_mutex;
};

} // namespace sluice
