-- Marketing-qualified leads created since yesterday, with Salesforce field
-- names. Sluice_Id__c is the external ID field used to upsert.
SELECT
    'u-' || u.user_id AS Sluice_Id__c,
    u.email AS Email,
    u.first_name AS FirstName,
    u.last_name AS LastName,
    u.company AS Company,
    u.lead_score AS Lead_Score__c,
    u.lead_source AS LeadSource
FROM users AS u
CROSS JOIN demo_clock AS c
WHERE u.lifecycle_stage = 'MQL'
  AND u.created_at >= date(c.today, '-1 day')
