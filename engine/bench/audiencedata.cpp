#include "bench/audiencedata.h"

#include "bench/benchdata.h"
#include "formats/isotime.h"
#include "project/projectstore.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>

namespace sluice::bench {

using nlohmann::json;

namespace {

constexpr std::array<const char *, 8> kCities = {"上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京"};
constexpr std::array<const char *, 4> kTiers = {"Standard", "Standard", "Premium", "VIP"};
constexpr std::array<const char *, 4> kEvents = {"app_open", "page_view", "push_open", "purchase"};

// The start of the UTC day `daysBack` days before today: what "in the last
// N days" counts from, with N - 1 days back.
std::string dayStart(std::chrono::sys_seconds now, int daysBack)
{
    const auto today = std::chrono::floor<std::chrono::days>(now);
    return formatIsoUtc(std::chrono::sys_seconds(today - std::chrono::days(daysBack)));
}

} // namespace

Result<AudienceWarehouseCounts> generateAudienceWarehouse(const std::string &path, std::int64_t customers,
                                                          std::chrono::sys_seconds now)
{
    auto db = createWritable(path);
    if (!db)
        return std::unexpected(db.error());
    sqlite3 *h = db->get();
    if (auto r = sqlite::exec(h, "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT NOT NULL, "
                                 "city TEXT, tier TEXT, signup_date TEXT);"
                                 "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                                 "amount REAL NOT NULL, ordered_at TEXT NOT NULL);"
                                 "CREATE TABLE events (customer_id INTEGER NOT NULL, name TEXT NOT NULL, "
                                 "at TEXT NOT NULL); BEGIN");
        !r)
        return std::unexpected(r.error().within(path));
    auto customer = sqlite::prepare(h, "INSERT INTO customers VALUES (?1, ?2, ?3, ?4, ?5)");
    auto order = sqlite::prepare(h, "INSERT INTO orders VALUES (?1, ?2, ?3, ?4)");
    auto event = sqlite::prepare(h, "INSERT INTO events VALUES (?1, ?2, ?3)");
    if (!customer || !order || !event)
        return std::unexpected((!customer ? customer.error() : !order ? order.error() : event.error()).within(path));
    AudienceWarehouseCounts counts;
    for (std::int64_t id = 1; id <= customers; ++id) {
        const std::uint64_t r = mixBits(std::uint64_t(id));
        customer->bind(1, id);
        customer->bind(2, fmt::format("c{}@example.com", id));
        customer->bind(3, std::string(kCities[r % kCities.size()]));
        customer->bind(4, std::string(kTiers[(r >> 8) % kTiers.size()]));
        customer->bind(5, formatIsoUtc(now - std::chrono::days(30 + (r >> 16) % 2000)).substr(0, 10));
        if (auto done = customer->run(); !done)
            return std::unexpected(done.error());
        customer->reset();
        // 0 to 20 orders over the last year, 0 to 40 events over the last quarter.
        const int orders = int((r >> 24) % 21), events = int((r >> 32) % 41);
        for (int i = 0; i < orders; ++i) {
            const std::uint64_t o = mixBits(r + std::uint64_t(i));
            order->bind(1, ++counts.orders);
            order->bind(2, id);
            sqlite3_bind_double(order->get(), 3, double(o % 50'000) / 100.0);
            order->bind(4, formatIsoUtc(now - std::chrono::seconds(o % (365 * 86'400))));
            if (auto done = order->run(); !done)
                return std::unexpected(done.error());
            order->reset();
        }
        for (int i = 0; i < events; ++i) {
            const std::uint64_t e = mixBits(r ^ (std::uint64_t(i) << 40));
            event->bind(1, id);
            event->bind(2, std::string(kEvents[e % kEvents.size()]));
            event->bind(3, formatIsoUtc(now - std::chrono::seconds((e >> 8) % (90 * 86'400))));
            if (auto done = event->run(); !done)
                return std::unexpected(done.error());
            event->reset();
            ++counts.events;
        }
    }
    counts.customers = customers;
    if (auto r = sqlite::exec(h, "COMMIT; CREATE INDEX orders_by_customer ON orders(customer_id, ordered_at);"
                                 "CREATE INDEX events_by_customer ON events(customer_id, name, at); ANALYZE");
        !r)
        return std::unexpected(r.error().within(path));
    return counts;
}

Result<> createAudienceBenchProject(const std::string &project, const std::string &warehouse)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix, ec);
    auto store = ProjectStore::create(project, "Sluice audience benchmark");
    if (!store)
        return std::unexpected(store.error());
    ProjectConfig c;
    c.name = "Sluice audience benchmark";
    c.sources.push_back(SourceDef{"warehouse", "sqlite", {{"path", warehouse}}});
    c.models.push_back(ModelDef{"customers", "warehouse", "SELECT * FROM customers", {"customer_id"}, ""});
    c.models.push_back(ModelDef{"orders", "warehouse", "SELECT * FROM orders", {"order_id"}, ""});
    c.models.push_back(ModelDef{"events", "warehouse", "SELECT * FROM events", {"customer_id", "name", "at"}, ""});
    c.customerSchema = json::parse(R"({
      "parent": {"model": "customers", "key": "customer_id"},
      "relations": [{"name": "orders", "model": "orders", "fromColumn": "customer_id", "column": "customer_id",
                     "timeColumn": "ordered_at"}],
      "events": [{"name": "app", "model": "events", "keyColumn": "customer_id", "timeColumn": "at",
                  "nameColumn": "name"}]})");
    c.audiences.push_back(json::parse(R"({
      "name": "shanghai_buyers_away", "match": "all", "conditions": [
        {"property": "city", "op": "equals", "value": "上海"},
        {"relation": "orders", "quantifier": "any", "where": [{"property": "amount", "op": "greater", "value": 100}],
         "window": {"lastDays": 30}},
        {"event": "app", "name": "app_open", "test": "didNot", "window": {"lastDays": 7}}]})"));
    return (*store)->save(c);
}

std::string handWrittenAudienceCount(std::chrono::sys_seconds now)
{
    // Text comparison of ISO UTC times, so the (customer, time) indexes seek.
    return fmt::format("SELECT COUNT(*) FROM customers AS c WHERE c.city = '上海'\n"
                       "  AND EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.customer_id\n"
                       "              AND o.ordered_at >= '{}' AND o.amount > 100)\n"
                       "  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.customer_id = c.customer_id\n"
                       "                  AND e.name = 'app_open' AND e.at >= '{}')",
                       dayStart(now, 29), dayStart(now, 6));
}

} // namespace sluice::bench
