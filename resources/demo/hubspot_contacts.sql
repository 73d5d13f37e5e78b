-- Contacts for HubSpot, keyed by e-mail. engagement_level: logged in within
-- the last 7 days of the demo's frozen clock (demo_clock.today).
SELECT
    u.email,
    CASE
        WHEN COALESCE(s.total_spend, 0) > 10000 THEN 'VIP'
        WHEN COALESCE(s.total_spend, 0) > 1000 THEN 'Premium'
        ELSE 'Standard'
    END AS user_tier,
    COALESCE(s.total_spend, 0) AS lifetime_value,
    b.last_login_date AS last_activity_date,
    CASE
        WHEN b.last_login_date >= date(c.today, '-7 days') THEN 'Active'
        ELSE 'Inactive'
    END AS engagement_level
FROM users AS u
CROSS JOIN demo_clock AS c
LEFT JOIN behaviours AS b ON b.user_id = u.user_id
LEFT JOIN user_spending AS s ON s.user_id = u.user_id
WHERE u.email IS NOT NULL
