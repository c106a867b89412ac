-- The tables that refer to a Weavr consumer, indexed by it: a consumer's
-- insert or delete checks them by consumer_id, which without an index
-- reads every token and idempotency key the sandbox holds.
CREATE INDEX weavr_tokens_consumer ON weavr_tokens (consumer_id);
CREATE INDEX weavr_idempotency_consumer ON weavr_idempotency (consumer_id);
