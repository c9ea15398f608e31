-- The agent desk's accounts: one per person and tenant, with ASP.NET Core's password hash (never the password).
-- role: Agent, Supervisor or Admin; agent_id links an agent's account to the agent tickets are assigned to.
CREATE TABLE desk_users (
    tenant_id      text NOT NULL,
    user_name      text NOT NULL,
    display_name   text NOT NULL,
    role           text NOT NULL,
    agent_id       text,
    password_hash  text NOT NULL,
    PRIMARY KEY (tenant_id, user_name)
);

-- ASP.NET Core data protection keys, shared by every instance, so a desk session cookie (and its CSRF token)
-- issued by one instance is read by all.
CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL
);
