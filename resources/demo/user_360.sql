-- One row per user: profile, behaviour and spending, with a computed tier.
SELECT
    u.user_id,
    u.email,
    u.first_name,
    u.last_name,
    u.phone,
    u.country,
    u.city,
    u.status,
    p.subscription_plan,
    p.ltv_predicted,
    b.last_login_date,
    b.total_sessions,
    COALESCE(s.total_spend, 0) AS total_spend,
    s.last_order_date,
    CASE
        WHEN COALESCE(s.total_spend, 0) > 10000 THEN 'VIP'
        WHEN COALESCE(s.total_spend, 0) > 1000 THEN 'Premium'
        ELSE 'Standard'
    END AS user_tier
FROM users AS u
LEFT JOIN profiles AS p ON p.user_id = u.user_id
LEFT JOIN behaviours AS b ON b.user_id = u.user_id
LEFT JOIN user_spending AS s ON s.user_id = u.user_id
