#include "bench/benchdata.h"

#include "core/sqlitehandle.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>

namespace sluice::bench {

namespace {

constexpr std::array<const char *, 16> kFirstNames
    = {"Ana",  "Ben",   "Chloé", "David", "Eva",   "Farid", "Grace", "Hiro",
       "Ines", "Jonas", "Kofi",  "Lena",  "Mateo", "Nora",  "Omar",  "Priya"};
constexpr std::array<const char *, 16> kLastNames
    = {"Silva", "Müller", "Nguyen", "Okafor", "Rossi",    "Tanaka", "Dubois",  "Khan",
       "Novak", "Smith",  "García", "Larsen", "Kowalski", "Haddad", "Ivanova", "O'Brien"};
constexpr std::array<const char *, 8> kCountries = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "NG"};
constexpr std::array<const char *, 8> kCities
    = {"Austin", "Berlin", "Lyon", "Leeds", "Osaka", "Recife", "Pune", "Lagos"};
constexpr std::array<const char *, 4> kTiers = {"bronze", "silver", "gold", "platinum"};

std::string isoDate(std::uint64_t dayOffset)
{
    // Days after 2015-01-01, as YYYY-MM-DD (civil from days, Howard Hinnant).
    std::int64_t z = 16436 + std::int64_t(dayOffset) + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// Binds customer `id` (version 0 original, 1 changed) to the 12 parameters.
void bindCustomer(sqlite3_stmt *st, std::int64_t id, int version)
{
    const std::uint64_t r = mixBits(std::uint64_t(id));
    const char *first = kFirstNames[r % kFirstNames.size()];
    const char *last = kLastNames[(r >> 8) % kLastNames.size()];
    const std::string email = fmt::format("{}.{}{}@example.com", first, id, version ? "b" : "");
    const std::string phone = (r >> 16) % 10 == 0 ? std::string() : fmt::format("+1 555 {:07}", (r >> 20) % 10'000'000);
    const std::uint64_t signup = (r >> 24) % 3000;
    const double spend = double((r >> 32) % 500'000) / 100.0 + (version ? 19.99 : 0.0);
    const std::int64_t orders = std::int64_t((r >> 40) % 200) + version;
    const auto text
        = [&](int i, const std::string &s) { sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_TRANSIENT); };
    sqlite3_bind_int64(st, 1, id);
    text(2, email);
    if (phone.empty())
        sqlite3_bind_null(st, 3);
    else
        text(3, phone);
    sqlite3_bind_text(st, 4, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, last, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, kCountries[(r >> 44) % kCountries.size()], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, kCities[(r >> 48) % kCities.size()], -1, SQLITE_STATIC);
    text(8, isoDate(signup));
    text(9, isoDate(signup + (r >> 52) % 400 + std::uint64_t(version) * 30));
    sqlite3_bind_double(st, 10, spend);
    sqlite3_bind_int64(st, 11, orders);
    sqlite3_bind_text(st, 12, kTiers[(std::uint64_t(spend) / 1000 + std::uint64_t(version)) % kTiers.size()], -1,
                      SQLITE_STATIC);
}

constexpr const char *kInsert = "INSERT INTO customers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

} // namespace

std::uint64_t mixBits(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

Result<sqlite::DbPtr> openWritable(const std::string &path)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    sqlite::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(sqlite::lastError(raw, "open").within(path));
    if (auto r = sqlite::exec(raw, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"); !r)
        return std::unexpected(r.error().within(path));
    return db;
}

namespace {

Result<> insertRange(sqlite3 *db, std::int64_t from, std::int64_t to)
{
    auto st = sqlite::prepare(db, kInsert);
    if (!st)
        return std::unexpected(st.error());
    for (std::int64_t id = from; id <= to; ++id) {
        bindCustomer(st->get(), id, 0);
        if (auto r = st->run(); !r)
            return r;
        st->reset();
    }
    return {};
}

} // namespace

Result<sqlite::DbPtr> createWritable(const std::string &path)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return openWritable(path);
}

Result<> generateWarehouse(const std::string &path, std::int64_t rows)
{
    auto db = createWritable(path);
    if (!db)
        return std::unexpected(db.error());
    sqlite3 *h = db->get();
    if (auto r = sqlite::exec(h, "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT NOT NULL, "
                                 "phone TEXT, first_name TEXT, last_name TEXT, country TEXT, city TEXT, "
                                 "signup_date TEXT, last_order_date TEXT, total_spend REAL, orders INTEGER, "
                                 "tier TEXT); BEGIN");
        !r)
        return r;
    if (auto r = insertRange(h, 1, rows); !r)
        return r;
    return sqlite::exec(h, "COMMIT");
}

Result<Churn> applyChurn(const std::string &path, std::int64_t rows)
{
    auto db = openWritable(path);
    if (!db)
        return std::unexpected(db.error());
    sqlite3 *h = db->get();
    Churn churn;
    if (auto r = sqlite::exec(h, "BEGIN"); !r)
        return std::unexpected(r.error());
    auto update = sqlite::prepare(h, "UPDATE customers SET customer_id = ?1, email = ?2, phone = ?3, "
                                     "first_name = ?4, last_name = ?5, country = ?6, city = ?7, signup_date = ?8, "
                                     "last_order_date = ?9, total_spend = ?10, orders = ?11, tier = ?12 "
                                     "WHERE customer_id = ?1");
    if (!update)
        return std::unexpected(update.error());
    for (std::int64_t id = 7; id <= rows; id += 100) {
        bindCustomer(update->get(), id, 1);
        if (auto r = update->run(); !r)
            return std::unexpected(r.error());
        update->reset();
        churn.changed += sqlite3_changes(h);
    }
    if (auto r = sqlite::exec(h, "DELETE FROM customers WHERE customer_id % 200 = 13"); !r)
        return std::unexpected(r.error());
    churn.deleted = sqlite3_changes(h);
    churn.added = rows / 200;
    if (auto r = insertRange(h, rows + 1, rows + churn.added); !r)
        return std::unexpected(r.error());
    if (auto r = sqlite::exec(h, "COMMIT"); !r)
        return std::unexpected(r.error());
    return churn;
}

Row customerRow(std::int64_t id)
{
    return Row{Value(id),
               Value("Ana." + std::to_string(id) + "@example.com"),
               Value("+1 555 0100200"),
               Value("Ana"),
               Value("Silva"),
               Value("BR"),
               Value("Recife"),
               Value("2021-03-04"),
               Value("2024-05-06"),
               Value(1234.5),
               Value(std::int64_t(17)),
               Value("gold")};
}

} // namespace sluice::bench
