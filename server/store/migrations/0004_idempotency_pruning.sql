-- The idempotency memory is pruned by age (jobs/idempotency_pruning.h): an
-- index on created_at lets the job find old rows without a full scan.
CREATE INDEX idempotency_by_created_at ON idempotency (created_at);
