#include "filedestination.h"

#include "core/fileutil.h"
#include "formats/csvparser.h"
#include "formats/csvwriter.h"
#include "formats/jsonwriter.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sluice {

namespace fs = std::filesystem;

namespace {

Error ioError(const std::string &what, const std::string &path)
{
    return Error{ErrorKind::Failed, "file.write", what + ": " + std::strerror(errno), path};
}

} // namespace

FileDestination::FileDestination(FileDestinationSettings settings) : m_settings(std::move(settings))
{ }

FileDestination::~FileDestination()
{
    abort();
}

std::string_view FileDestination::kind() const
{
    return m_settings.format == FileFormat::JsonLines ? "jsonl" : "csv";
}

std::vector<SyncMode> FileDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits FileDestination::limits() const
{
    DestinationLimits l;
    l.maxBatchRecords = 100000;
    l.defaultBatchRecords = 5000;
    l.maxConcurrency = 1;
    return l;
}

Result<std::string> FileDestination::testConnection()
{
    const fs::path target(m_settings.path);
    std::error_code ec;
    const fs::path dir = target.parent_path();
    if (!fs::is_directory(dir, ec))
        return invalidInput("file.no_folder", "the folder does not exist", dir.string());
    if (::access(dir.c_str(), W_OK) != 0)
        return invalidInput("file.readonly_folder", "the folder is not writable", dir.string());
    if (fs::exists(target, ec))
        return "writable; " + target.filename().string() + " exists (" + std::to_string(fs::file_size(target, ec))
             + " bytes)";
    return "writable; " + target.filename().string() + " will be created on the first run";
}

std::string FileDestination::headerLine() const
{
    std::string line;
    for (std::size_t i = 0; i < m_run.fields.size(); ++i) {
        if (i)
            line += m_settings.delimiter;
        appendCsvField(line, m_run.fields[i].name, m_settings.delimiter);
    }
    line += '\n';
    return line;
}

Result<> FileDestination::begin(const RunInfo &run)
{
    m_run = run;
    const bool rewrite = run.mode == SyncMode::Mirror;
    const bool exists = fs::exists(m_settings.path);
    m_existedAtBegin = exists;
    if (!rewrite && exists && m_settings.format == FileFormat::Csv) {
        // Appending under a different header would shift columns silently.
        auto reader = CsvReader::open(m_settings.path, m_settings.delimiter, '"');
        if (!reader)
            return std::unexpected(reader.error());
        std::vector<std::string> header;
        auto got = reader->readRecord(header);
        if (!got)
            return std::unexpected(got.error());
        std::vector<std::string> expected;
        for (const auto &f : run.fields)
            expected.push_back(f.name);
        if (*got && header != expected)
            return invalidInput("file.header_mismatch",
                                "the file's header differs from the mapped fields; use mirror mode "
                                "to rewrite it, or write to a new file",
                                m_settings.path);
    }
    m_tempPath = m_settings.path + ".sluice-tmp-" + std::to_string(::getpid());
    if (!rewrite && exists) {
        std::error_code ec;
        fs::copy_file(m_settings.path, m_tempPath, fs::copy_options::overwrite_existing, ec);
        if (ec)
            return failed("file.copy", "cannot copy the file to append to it: " + ec.message(), m_settings.path);
    }
    m_out = std::fopen(m_tempPath.c_str(), rewrite || !exists ? "wb" : "ab");
    if (!m_out)
        return std::unexpected(ioError("cannot create the temporary file", m_tempPath));
    if (m_settings.format == FileFormat::Csv && (rewrite || !exists)) {
        const std::string header = headerLine();
        if (std::fwrite(header.data(), 1, header.size(), m_out) != header.size())
            return std::unexpected(ioError("cannot write", m_tempPath));
    }
    return {};
}

void FileDestination::appendLine(const Record &record)
{
    m_line.clear();
    if (m_settings.format == FileFormat::JsonLines) {
        m_line += '{';
        for (std::size_t i = 0; i < record.fields.size() && i < m_run.fields.size(); ++i) {
            if (i)
                m_line += ',';
            appendJsonString(m_line, m_run.fields[i].name);
            m_line += ':';
            appendJsonValue(m_line, record.fields[i]);
        }
        m_line += "}\n";
    } else {
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            if (i)
                m_line += m_settings.delimiter;
            if (!record.fields[i].isNull())
                appendCsvField(m_line, record.fields[i].toString(), m_settings.delimiter);
        }
        m_line += '\n';
    }
}

BatchResult FileDestination::write(int, std::span<const Record> batch)
{
    std::lock_guard lock(m_mutex);
    if (!m_out)
        return std::unexpected(BatchFailure{BatchFailure::Kind::Fatal, "the file is not open", {}});
    std::vector<RecordOutcome> outcomes(batch.size());
    for (const Record &r : batch) {
        // Deletes need no line: in mirror mode the file is rewritten without them.
        if (r.op == RecordOp::Delete)
            continue;
        appendLine(r);
        if (std::fwrite(m_line.data(), 1, m_line.size(), m_out) != m_line.size())
            return std::unexpected(BatchFailure{
                BatchFailure::Kind::Fatal, "cannot write " + m_tempPath + ": " + std::strerror(errno), {}});
    }
    return outcomes;
}

Result<nlohmann::json> FileDestination::prepareCommit()
{
    std::lock_guard lock(m_mutex);
    if (!m_out)
        return nlohmann::json::object(); // nothing begun: nothing to make visible
    const bool ok = std::fflush(m_out) == 0 && ::fsync(::fileno(m_out)) == 0;
    struct stat st { };
    const bool known = ::fstat(::fileno(m_out), &st) == 0;
    std::fclose(m_out);
    m_out = nullptr;
    if (!ok || !known) {
        const Error e = ioError("cannot write the temporary file", m_tempPath);
        ::unlink(m_tempPath.c_str());
        return std::unexpected(e);
    }
    m_prepared = true;
    return nlohmann::json{{"target", m_settings.path},
                          {"temp", m_tempPath},
                          {"device", std::uint64_t(st.st_dev)},
                          {"inode", std::uint64_t(st.st_ino)}};
}

Result<> FileDestination::commit()
{
    if (!m_prepared) {
        auto prepared = prepareCommit();
        if (!prepared)
            return std::unexpected(prepared.error());
    }
    std::lock_guard lock(m_mutex);
    if (!m_prepared)
        return {};
    m_prepared = false;
    if (std::rename(m_tempPath.c_str(), m_settings.path.c_str()) != 0) {
        const Error e = ioError("cannot replace the file", m_settings.path);
        ::unlink(m_tempPath.c_str());
        return std::unexpected(e);
    }
    // The rename itself must survive a power cut: sync the folder.
    const std::string folder = fs::path(m_settings.path).parent_path().string();
    if (const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

void FileDestination::abort()
{
    std::lock_guard lock(m_mutex);
    if (m_out) {
        std::fclose(m_out);
        m_out = nullptr;
        ::unlink(m_tempPath.c_str());
    }
    if (m_prepared) {
        m_prepared = false;
        ::unlink(m_tempPath.c_str());
    }
}

bool FileDestination::keepOutputUnchanged()
{
    // Rewriting the file with the same rows would change its time and make
    // readers of it think it changed; a file removed by hand is written again.
    if (!m_existedAtBegin || !fs::exists(m_settings.path))
        return false;
    abort();
    return true;
}

Result<Destination::CommitOutcome> FileDestination::recoverCommit(const nlohmann::json &token)
{
    if (!token.is_object() || !token.contains("inode") || !token.contains("device"))
        return CommitOutcome::NotVisible;
    const auto device = token["device"].get<std::uint64_t>();
    const auto inode = token["inode"].get<std::uint64_t>();
    const std::string target = token.value("target", m_settings.path);
    const std::string temp = token.value("temp", "");
    struct stat st { };
    if (::stat(target.c_str(), &st) == 0 && std::uint64_t(st.st_dev) == device && std::uint64_t(st.st_ino) == inode)
        return CommitOutcome::Visible;
    // Not renamed: the prepared file, if still there, is of no use.
    if (!temp.empty() && ::stat(temp.c_str(), &st) == 0 && std::uint64_t(st.st_dev) == device
        && std::uint64_t(st.st_ino) == inode)
        ::unlink(temp.c_str());
    return CommitOutcome::NotVisible;
}

std::string FileDestination::removeLeftovers()
{
    const fs::path target(m_settings.path);
    const std::string prefix = target.filename().string() + ".sluice-tmp-";
    std::error_code ec;
    int removed = 0;
    for (const auto &entry : fs::directory_iterator(target.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix))
            continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const long pid = std::strtol(digits.c_str(), nullptr, 10);
        // A process that still runs may be writing it (another sync to the same file).
        const bool alive = pid == ::getpid() || ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
        if (!alive && ::unlink(entry.path().c_str()) == 0)
            ++removed;
    }
    if (removed == 0)
        return {};
    return "removed " + std::to_string(removed) + " temporary file" + (removed == 1 ? "" : "s") + " left beside "
         + target.filename().string() + " by killed runs";
}

} // namespace sluice
