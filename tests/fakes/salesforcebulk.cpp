// Salesforce Bulk API 2.0 jobs (crmfakes.h): the job info and processing the
// uploaded CSV; the routes are in salesforceapi.cpp.
#include "crmfakes.h"
#include "crmfakesupport.h"

#include <vector>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

json CrmFakes::sfJobInfo(const SfJob &job) const
{
    json info = {{"id", job.id},
                 {"operation", job.operation},
                 {"object", job.object},
                 {"createdById", "005SB0000000001AAA"},
                 {"createdDate", job.createdDate},
                 {"systemModstamp", job.createdDate},
                 {"state", job.state},
                 {"concurrencyMode", "Parallel"},
                 {"contentType", "CSV"},
                 {"apiVersion", 60.0},
                 {"jobType", "V2Ingest"},
                 {"lineEnding", "LF"},
                 {"columnDelimiter", "COMMA"},
                 {"contentUrl", "services/data/v60.0/jobs/ingest/" + job.id + "/batches"}};
    if (!job.externalIdField.empty())
        info["externalIdFieldName"] = job.externalIdField;
    if (job.state == "JobComplete" || job.state == "Failed") {
        info["numberRecordsProcessed"] = job.processed;
        info["numberRecordsFailed"] = job.failed.size();
    } else {
        info["numberRecordsProcessed"] = 0;
        info["numberRecordsFailed"] = 0;
    }
    if (!job.errorMessage.empty())
        info["errorMessage"] = job.errorMessage;
    return info;
}

void CrmFakes::sfProcessJob(SfJob &job)
{
    const auto table = parseCsv(job.csv);
    if (table.empty()) {
        job.state = "Failed";
        job.errorMessage = "InvalidBatch : No data was uploaded";
        return;
    }
    job.columns = table.front();
    for (const auto &column : job.columns)
        if (!sfField(job.object, column)
            && !(column == "Id" && (job.operation == "update" || job.operation == "delete"))) {
            job.state = "Failed";
            job.errorMessage = "InvalidBatch : Field name not found : " + column;
            return;
        }
    auto &store = sfStore(job.object);
    for (std::size_t r = 1; r < table.size(); ++r) {
        const auto &row = table[r];
        json record = json::object();
        std::string conversionError;
        for (std::size_t c = 0; c < job.columns.size() && c < row.size(); ++c) {
            const std::string &cell = row[c];
            if (cell.empty())
                continue; // an empty cell leaves the field as it is
            if (cell == "#N/A") {
                record[job.columns[c]] = nullptr;
                continue;
            }
            const SalesforceFieldDef *field = sfField(job.object, job.columns[c]);
            if (!field) {
                record[job.columns[c]] = cell;
                continue;
            }
            bool ok = true;
            const json typed = sfCoerce(*field, json(cell), ok);
            if (!ok && conversionError.empty())
                conversionError = "INVALID_FIELD:Failed to deserialize field at col " + std::to_string(c + 1)
                                + ". Due to, '" + cell + "' is not a valid value for the type xsd:" + field->type + ":"
                                + job.columns[c] + " --";
            record[job.columns[c]] = typed;
        }
        std::vector<std::string> cells = row;
        cells.resize(job.columns.size());
        if (!conversionError.empty()) {
            std::vector<std::string> failed = {"", conversionError};
            failed.insert(failed.end(), cells.begin(), cells.end());
            job.failed.push_back(failed);
            continue;
        }
        const std::string mode = job.operation == "insert" ? "create" : job.operation;
        SfResult result = sfSave(store, job.object, record, mode, job.externalIdField);
        if (result.success) {
            std::vector<std::string> ok = {result.id, result.created ? "true" : "false"};
            ok.insert(ok.end(), cells.begin(), cells.end());
            job.succeeded.push_back(ok);
        } else {
            const json &e = result.errors.front();
            std::string fields;
            for (const auto &f : e["fields"])
                fields += (fields.empty() ? "" : ",") + f.get<std::string>();
            std::vector<std::string> failed = {"", e["statusCode"].get<std::string>() + ":"
                                                       + e["message"].get<std::string>() + ":" + fields + " --"};
            failed.insert(failed.end(), cells.begin(), cells.end());
            job.failed.push_back(failed);
        }
    }
    job.processed = static_cast<int>(table.size() - 1);
}

} // namespace sluice::fakes
