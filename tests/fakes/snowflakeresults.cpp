// The Snowflake fake's answers with a result (snowflakefake.h): the
// ResultSet, 202 while pending, later partitions (gzip-encoded) with Link.
#include "snowflakefake.h"
#include "snowflakefakesupport.h"

#include <zlib.h>

namespace sluice::fakes {

using nlohmann::json;
using namespace snowflake;

namespace {

std::string gzip(const std::string &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

} // namespace

json SnowflakeFake::resultSet(const Stored &s) const
{
    json rowType = json::array();
    for (const auto &c : s.columns)
        rowType.push_back(rowTypeEntry(c, s.info.session.value("database", ""), s.info.session.value("schema", "")));
    json partitionInfo = json::array();
    for (const auto &[b, e] : s.partitions) {
        json data = json::array();
        for (std::size_t i = b; i < e; ++i)
            data.push_back(s.rows[i]);
        partitionInfo.push_back({{"rowCount", e - b}, {"uncompressedSize", data.dump().size()}});
    }
    json first = json::array();
    if (!s.partitions.empty())
        for (std::size_t i = s.partitions[0].first; i < s.partitions[0].second; ++i)
            first.push_back(s.rows[i]);
    return {
        {"resultSetMetaData",
         {{"numRows", s.rows.size()}, {"format", "jsonv2"}, {"partitionInfo", partitionInfo}, {"rowType", rowType}}},
        {"data", first},
        {"code", "090001"},
        {"statementStatusUrl", m_prefix + "/api/v2/statements/" + s.info.handle + "?requestId=" + s.info.requestId},
        {"requestId", s.info.requestId},
        {"sqlState", "00000"},
        {"statementHandle", s.info.handle},
        {"message", "Statement executed successfully."},
        {"createdOn", s.createdOn}};
}

void SnowflakeFake::answer(Stored &s, bool fromSubmit, bool async, const httplib::Request &,
                           httplib::Response &response)
{
    if (s.info.cancelled) {
        send(response, 422,
             {{"code", "000604"},
              {"sqlState", "57014"},
              {"message", "SQL execution canceled"},
              {"statementHandle", s.info.handle}});
        return;
    }
    const json status = {{"code", "333334"},
                         {"message", "Asynchronous execution in progress. Use provided query id to perform query "
                                     "monitoring and management."},
                         {"statementHandle", s.info.handle},
                         {"statementStatusUrl", m_prefix + "/api/v2/statements/" + s.info.handle}};
    if (fromSubmit && (async || s.pollsLeft > 0)) {
        send(response, 202, status);
        return;
    }
    if (!fromSubmit && s.pollsLeft > 0) {
        --s.pollsLeft;
        send(response, 202, status);
        return;
    }
    if (s.info.failed) {
        send(response, s.failStatus, s.failBody);
        return;
    }
    send(response, 200, resultSet(s));
}

void SnowflakeFake::answerPartition(Stored &s, int partition, const httplib::Request &request,
                                    httplib::Response &response)
{
    if (s.info.cancelled || s.info.failed || s.pollsLeft > 0) {
        answer(s, false, false, request, response);
        return;
    }
    if (partition < 0 || std::size_t(partition) >= s.partitions.size()) {
        send(response, 422,
             {{"code", "000002"},
              {"sqlState", "22023"},
              {"message", "Invalid partition " + std::to_string(partition) + ": the result has "
                              + std::to_string(s.partitions.size()) + " partitions."},
              {"statementHandle", s.info.handle}});
        return;
    }
    if (partition == 0) {
        send(response, 200, resultSet(s));
        return;
    }
    json data = json::array();
    for (std::size_t i = s.partitions[std::size_t(partition)].first; i < s.partitions[std::size_t(partition)].second;
         ++i)
        data.push_back(s.rows[i]);
    const std::string base = m_prefix + "/api/v2/statements/" + s.info.handle + "?partition=";
    std::string link = "<" + base + "0>; rel=\"first\"";
    if (std::size_t(partition) + 1 < s.partitions.size())
        link += ",<" + base + std::to_string(partition + 1) + ">; rel=\"next\"";
    link += ",<" + base + std::to_string(partition - 1) + ">; rel=\"prev\"";
    link += ",<" + base + std::to_string(s.partitions.size() - 1) + ">; rel=\"last\"";
    response.set_header("Link", link);
    response.status = 200;
    const std::string body = json{{"data", data}}.dump();
    if (m_options.gzipPartitions) {
        response.set_header("Content-Encoding", "gzip");
        // Not a type cpp-httplib compresses itself: the body is gzip already.
        response.set_content(gzip(body), "application/json; charset=utf-8");
    } else {
        response.set_content(body, "application/json; charset=utf-8");
    }
}

} // namespace sluice::fakes
