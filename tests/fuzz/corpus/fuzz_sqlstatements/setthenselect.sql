SET search_path TO analytics, public;
-- the model
SELECT id, 'it''s' AS s, $q$ ; $q$ AS body /* a /* nested */ comment */ FROM users;
