#include "demowarehouse.h"

#include "core/fileutil.h"
#include "core/sqlitehandle.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>

namespace sluice {

namespace {

// splitmix64: tiny, fast and identical on every platform, unlike std::
// distributions whose output is implementation-defined.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) { }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    std::int64_t range(std::int64_t lo, std::int64_t hi) // inclusive
    {
        return lo + std::int64_t(next() % std::uint64_t(hi - lo + 1));
    }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &a) { return a[next() % N]; }

private:
    std::uint64_t m_state;
};

constexpr std::array<const char *, 24> kFirstNames
    = {"Ana",   "Bo",   "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kofi", "Lena",
       "Mateo", "Nora", "Omar",  "Priya", "Wei",  "Xiu",   "Yuki",  "Zoe",  "伟",   "芳",    "娜",   "强"};
constexpr std::array<const char *, 20> kLastNames
    = {"Garcia", "Ng",     "Rossi",  "Smith",   "Müller", "Dubois",  "Okafor", "Kowalski", "Silva", "Tanaka",
       "Kim",    "Nguyen", "Hansen", "Ivanova", "Patel",  "O'Brien", "张",     "王",       "李",    "刘"};
constexpr std::array<std::pair<const char *, const char *>, 12> kPlaces = {{{"US", "New York"},
                                                                            {"US", "Austin"},
                                                                            {"DE", "Berlin"},
                                                                            {"FR", "Paris"},
                                                                            {"GB", "London"},
                                                                            {"BR", "São Paulo"},
                                                                            {"JP", "Tokyo"},
                                                                            {"CN", "北京"},
                                                                            {"CN", "上海"},
                                                                            {"IN", "Bengaluru"},
                                                                            {"NG", "Lagos"},
                                                                            {"PL", "Kraków"}}};
constexpr std::array<const char *, 4> kPlans = {"free", "basic", "pro", "enterprise"};
constexpr std::array<const char *, 5> kLeadSources
    = {"Web", "Partner Referral", "Trade Show", "Advertisement", "Webinar"};
constexpr std::array<const char *, 8> kCompanies
    = {"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "字节跳动"};

std::string asciiHandle(const char *name, std::int64_t id)
{
    std::string out;
    for (const char *p = name; *p; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += char(c);
        else if (c >= 'A' && c <= 'Z')
            out += char(c - 'A' + 'a');
    }
    (void)id;
    return out;
}

// Days since 1970-01-01 <-> "YYYY-MM-DD", via <chrono> calendar types.
std::string dateFromDays(std::int64_t days)
{
    const std::chrono::sys_days d{std::chrono::days(days)};
    return fmt::format("{:%F}", d);
}

std::int64_t daysFromDate(const std::string &iso)
{
    int y = 0, m = 0, d = 0;
    std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d);
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(m)),
                                          std::chrono::day(unsigned(d))};
    return std::chrono::sys_days(ymd).time_since_epoch().count();
}

constexpr const char *kSchema = R"SQL(
CREATE TABLE users (
    user_id         INTEGER PRIMARY KEY,
    email           TEXT UNIQUE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    phone           TEXT,
    country         TEXT NOT NULL,
    city            TEXT NOT NULL,
    company         TEXT,
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'suspended')),
    lifecycle_stage TEXT NOT NULL,
    lead_source     TEXT NOT NULL,
    lead_score      INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE TABLE profiles (
    user_id           INTEGER PRIMARY KEY REFERENCES users(user_id),
    subscription_plan TEXT NOT NULL,
    ltv_predicted     REAL NOT NULL
);
CREATE TABLE behaviours (
    user_id         INTEGER PRIMARY KEY REFERENCES users(user_id),
    last_login_date TEXT,
    total_sessions  INTEGER NOT NULL
);
CREATE TABLE orders (
    order_id   INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id),
    ordered_at TEXT NOT NULL,
    amount     REAL NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('completed', 'refunded', 'cancelled'))
);
CREATE INDEX orders_by_user ON orders(user_id);
CREATE VIEW user_spending AS
    SELECT user_id, ROUND(SUM(amount), 2) AS total_spend, MAX(ordered_at) AS last_order_date
    FROM orders WHERE status = 'completed' GROUP BY user_id;
)SQL";

} // namespace

Result<> generateDemoWarehouse(const std::string &path, const DemoWarehouseOptions &options)
{
    if (fileExists(path))
        return invalidInput("demo.exists", "the warehouse file already exists", path);
    if (options.users < 1)
        return invalidInput("demo.rows", "--rows must be at least 1");
    const std::string tmp = path + ".partial";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);

    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        Error e = sqlite::lastError(raw, "create");
        sqlite3_close_v2(raw);
        return std::unexpected(e.within(path));
    }
    sqlite::DbPtr db(raw);
    auto fail = [&](const Error &e) {
        db.reset();
        std::filesystem::remove(tmp, ec);
        return std::unexpected(e.within(path));
    };
    // A throwaway file being built: no journal, no fsync until the end.
    if (auto r = sqlite::exec(raw, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"); !r)
        return fail(r.error());
    if (auto r = sqlite::exec(raw, kSchema); !r)
        return fail(r.error());
    if (auto r = sqlite::exec(raw, fmt::format("CREATE VIEW demo_clock AS SELECT '{}' AS today", options.today)); !r)
        return fail(r.error());
    if (auto r = sqlite::exec(raw, "BEGIN"); !r)
        return fail(r.error());

    auto users = sqlite::prepare(raw, "INSERT INTO users VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                      "?10, ?11, ?12, ?13)");
    auto profiles = sqlite::prepare(raw, "INSERT INTO profiles VALUES (?1, ?2, ?3)");
    auto behaviours = sqlite::prepare(raw, "INSERT INTO behaviours VALUES (?1, ?2, ?3)");
    auto orders = sqlite::prepare(raw, "INSERT INTO orders VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!users || !profiles || !behaviours || !orders)
        return fail(sqlite::lastError(raw, "prepare"));

    Rng rng(options.seed);
    const std::int64_t today = daysFromDate(options.today);
    std::int64_t orderId = 1;
    for (std::int64_t id = 1; id <= options.users; ++id) {
        const char *first = rng.pick(kFirstNames);
        const char *last = rng.pick(kLastNames);
        const auto &[country, city] = rng.pick(kPlaces);
        // Sign-ups skew recent (a growing business): days ago = 1095 * u^2.
        const double u = rng.uniform();
        const std::int64_t created = today - std::int64_t(1095.0 * u * u);
        const std::int64_t statusRoll = rng.range(0, 99);
        const char *status = statusRoll < 80 ? "active" : statusRoll < 95 ? "inactive" : "suspended";
        const std::int64_t stageRoll = rng.range(0, 99);
        const char *stage = stageRoll < 40 ? "Lead" : stageRoll < 70 ? "MQL" : stageRoll < 85 ? "SQL" : "Customer";
        users->reset();
        users->bind(1, id);
        // Non-Latin names have no ASCII handle: those users get "user" in its place.
        std::string firstHandle = asciiHandle(first, id), lastHandle = asciiHandle(last, id);
        if (firstHandle.empty())
            firstHandle = "user";
        users->bind(2, lastHandle.empty() ? fmt::format("{}{}@example.com", firstHandle, id)
                                          : fmt::format("{}.{}{}@example.com", firstHandle, lastHandle, id));
        users->bind(3, std::string(first));
        users->bind(4, std::string(last));
        if (rng.range(0, 9) == 0)
            users->bindNull(5);
        else
            users->bind(5, fmt::format("+1 555 {:03} {:04}", rng.range(0, 999), rng.range(0, 9999)));
        users->bind(6, std::string(country));
        users->bind(7, std::string(city));
        users->bind(8, std::string(rng.pick(kCompanies)));
        users->bind(9, std::string(status));
        users->bind(10, std::string(stage));
        users->bind(11, std::string(rng.pick(kLeadSources)));
        users->bind(12, rng.range(0, 100));
        users->bind(13, dateFromDays(created));
        if (auto r = users->run(); !r)
            return fail(r.error());

        profiles->reset();
        profiles->bind(1, id);
        profiles->bind(2, std::string(rng.pick(kPlans)));
        sqlite3_bind_double(profiles->get(), 3, std::round(rng.uniform() * 2000000.0) / 100.0);
        if (auto r = profiles->run(); !r)
            return fail(r.error());

        behaviours->reset();
        behaviours->bind(1, id);
        const std::int64_t sinceCreated = today - created;
        if (rng.range(0, 19) == 0) {
            behaviours->bindNull(2); // never logged in
            behaviours->bind(3, std::int64_t(0));
        } else {
            // A third of users were seen in the last week.
            const std::int64_t ago
                = rng.range(0, 2) == 0 ? rng.range(0, 6) : rng.range(0, std::max<std::int64_t>(sinceCreated, 0));
            behaviours->bind(2, dateFromDays(today - std::min(ago, sinceCreated)));
            behaviours->bind(3, rng.range(1, 400));
        }
        if (auto r = behaviours->run(); !r)
            return fail(r.error());

        // 0-8 orders; a few big spenders make the VIP tier.
        const std::int64_t n = rng.range(0, 8);
        const bool whale = rng.range(0, 49) == 0;
        for (std::int64_t k = 0; k < n; ++k) {
            orders->reset();
            orders->bind(1, orderId++);
            orders->bind(2, id);
            orders->bind(3, dateFromDays(today - rng.range(0, std::max<std::int64_t>(sinceCreated, 0))));
            const double amount = whale ? 1500.0 + rng.uniform() * 4000.0 : 5.0 + rng.uniform() * rng.uniform() * 600.0;
            sqlite3_bind_double(orders->get(), 4, std::round(amount * 100.0) / 100.0);
            const std::int64_t st = rng.range(0, 19);
            orders->bind(5, std::string(st < 18 ? "completed" : st == 18 ? "refunded" : "cancelled"));
            if (auto r = orders->run(); !r)
                return fail(r.error());
        }
    }
    if (auto r = sqlite::exec(raw, "COMMIT; ANALYZE;"); !r)
        return fail(r.error());
    users = {};
    profiles = {};
    behaviours = {};
    orders = {};
    db.reset();
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return failed("demo.rename", "cannot move the warehouse into place: " + ec.message(), path);
    }
    return {};
}

} // namespace sluice
