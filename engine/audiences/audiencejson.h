#pragma once
// The customer schema and audiences as JSON, the form they take in a project
// export and in the test cases (docs/audiences.md). Reading is strict: an
// unknown key, a wrong type or a value the operator does not take is an
// InvalidInput error whose `where` is the JSON path ("$.conditions[2].op").
// Writing is canonical: the same structs always give the same text.
#include "audience.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

namespace sluice::audiences {

Result<CustomerSchema> customerSchemaFromJson(const nlohmann::json &json, const std::string &path = "$");
nlohmann::json customerSchemaToJson(const CustomerSchema &schema);

Result<AudienceDef> audienceFromJson(const nlohmann::json &json, const std::string &path = "$");
nlohmann::json audienceToJson(const AudienceDef &audience);

// The project's structural edits on a customer schema as the project keeps
// it (JSON, possibly not yet valid): whether it names `model` (so the model
// cannot be deleted), and following a renamed model.
bool customerSchemaNamesModel(const nlohmann::json &schema, const std::string &model);
void renameModelInCustomerSchema(nlohmann::json &schema, const std::string &from, const std::string &to);

} // namespace sluice::audiences
