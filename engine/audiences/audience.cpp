#include "audience.h"

#include <array>
#include <utility>

namespace sluice::audiences {

namespace {

constexpr std::array<std::pair<Op, std::string_view>, 19> kOpNames{{
    {Op::Equals, "equals"},
    {Op::NotEquals, "notEquals"},
    {Op::In, "in"},
    {Op::NotIn, "notIn"},
    {Op::Contains, "contains"},
    {Op::StartsWith, "startsWith"},
    {Op::Between, "between"},
    {Op::Greater, "greater"},
    {Op::GreaterOrEqual, "atLeast"},
    {Op::Less, "less"},
    {Op::LessOrEqual, "atMost"},
    {Op::IsEmpty, "isEmpty"},
    {Op::IsNotEmpty, "isNotEmpty"},
    {Op::InLastDays, "inLastDays"},
    {Op::MoreThanDaysAgo, "moreThanDaysAgo"},
    {Op::ThisMonth, "thisMonth"},
    {Op::OnOrAfter, "onOrAfter"},
    {Op::Before, "before"},
    {Op::BetweenDates, "betweenDates"},
}};

bool sameCondition(const Condition &a, const Condition &b)
{
    if (a.index() != b.index())
        return false;
    if (auto *g = std::get_if<std::shared_ptr<Group>>(&a)) {
        const auto &other = std::get<std::shared_ptr<Group>>(b);
        if (!*g || !other)
            return !*g && !other;
        return **g == *other;
    }
    return a == b;
}

} // namespace

const RelationDef *CustomerSchema::relation(const std::string &name) const
{
    for (const RelationDef &r : relations)
        if (r.name == name)
            return &r;
    return nullptr;
}

const EventDef *CustomerSchema::event(const std::string &name) const
{
    for (const EventDef &e : events)
        if (e.name == name)
            return &e;
    return nullptr;
}

bool operator==(const Group &a, const Group &b)
{
    if (a.match != b.match || a.conditions.size() != b.conditions.size())
        return false;
    for (std::size_t i = 0; i < a.conditions.size(); ++i)
        if (!sameCondition(a.conditions[i], b.conditions[i]))
            return false;
    return true;
}

std::string_view opName(Op op)
{
    for (const auto &[o, name] : kOpNames)
        if (o == op)
            return name;
    return "?";
}

std::optional<Op> opFromName(std::string_view name)
{
    for (const auto &[o, n] : kOpNames)
        if (n == name)
            return o;
    return std::nullopt;
}

bool isDateOp(Op op)
{
    switch (op) {
    case Op::InLastDays:
    case Op::MoreThanDaysAgo:
    case Op::ThisMonth:
    case Op::OnOrAfter:
    case Op::Before:
    case Op::BetweenDates: return true;
    default: return false;
    }
}

int opValueCount(Op op)
{
    switch (op) {
    case Op::In:
    case Op::NotIn: return -1;
    case Op::Between:
    case Op::BetweenDates: return 2;
    case Op::IsEmpty:
    case Op::IsNotEmpty:
    case Op::InLastDays:
    case Op::MoreThanDaysAgo:
    case Op::ThisMonth: return 0;
    default: return 1;
    }
}

} // namespace sluice::audiences
