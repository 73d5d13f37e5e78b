#pragma once
// The configuration a project holds, as plain structs. The project store
// persists them; export/import turns them into the shareable JSON format.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sluice {

struct SourceDef {
    std::string name;
    std::string kind; // "sqlite" | "postgres" | "csv"
    nlohmann::json settings = nlohmann::json::object();
    bool operator==(const SourceDef &) const = default;
};

struct ModelDef {
    std::string name;
    std::string source; // SourceDef::name
    std::string sql;    // empty for sources without SQL (a CSV file is its own model)
    std::vector<std::string> primaryKey;
    std::string description;
    bool operator==(const ModelDef &) const = default;
};

struct DestinationDef {
    std::string name;
    std::string kind;
    nlohmann::json settings = nlohmann::json::object();
    bool operator==(const DestinationDef &) const = default;
};

struct SyncDef {
    std::string name;
    std::string model;
    std::string destination;
    std::string mode = "upsert";                        // upsert | insert | update | mirror
    nlohmann::json mapping = nlohmann::json::array();   // [{ "field": ..., "column": ... }, ...]
    nlohmann::json settings = nlohmann::json::object(); // schedule, batch size, ... (sync engine)
    bool operator==(const SyncDef &) const = default;
};

struct ProjectConfig {
    std::string name;
    std::vector<SourceDef> sources;
    std::vector<ModelDef> models;
    std::vector<DestinationDef> destinations;
    std::vector<SyncDef> syncs;
    // Audiences without SQL (engine/audiences): the customer schema an
    // analyst describes once (null for none) and the audiences built on it,
    // kept as the JSON documents audiences/audiencejson.h reads.
    nlohmann::json customerSchema = nullptr;
    std::vector<nlohmann::json> audiences;
    bool operator==(const ProjectConfig &) const = default;
};

} // namespace sluice
