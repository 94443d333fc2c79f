-- One database per owning service (the social node and the gateway never share tables).
-- The image creates POSTGRES_DB (wya_social) for POSTGRES_USER; the gateway's database is created here.
CREATE DATABASE wya_gateway OWNER wya;
