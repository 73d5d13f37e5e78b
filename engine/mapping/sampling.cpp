#include "sampling.h"

#include "columnlookup.h"

namespace sluice::mapping {

std::uint64_t sampleHash(std::string_view keyText)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : keyText) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

bool inSample(std::string_view keyText, double percent)
{
    return double(sampleHash(keyText) >> 11) * 0x1p-53 < percent / 100.0;
}

Result<Sampler> Sampler::compile(double percent, const std::vector<std::string> &keyColumns,
                                 const std::vector<Column> &columns)
{
    if (keyColumns.empty())
        return invalidInput("mapping.sample_needs_key", "sampling chooses rows by primary key, and the model has none");
    Sampler s;
    s.m_percent = percent;
    for (const std::string &name : keyColumns) {
        const auto index = columnIndex(columns, name);
        if (!index)
            return invalidInput("mapping.unknown_column", "primary key: " + unknownColumnMessage(name, columns));
        s.m_keyColumns.push_back(*index);
    }
    return s;
}

bool Sampler::selects(const Row &row) const
{
    std::string key;
    for (std::size_t i = 0; i < m_keyColumns.size(); ++i) {
        if (i > 0)
            key += '\x1f';
        const std::size_t c = std::size_t(m_keyColumns[i]);
        if (c < row.size())
            key += row[c].toString();
    }
    return inSample(key, m_percent);
}

} // namespace sluice::mapping
