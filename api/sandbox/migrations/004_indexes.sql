-- Indexes for the queries every request makes, so that their cost does
-- not grow with the number of consumers a long-lived sandbox holds.

-- advanceKYC, at the start of every read: links that may expire, and
-- applications waiting on auto-approval (a multi-index OR uses both).
CREATE INDEX kyc_expiring ON kyc (expires_at) WHERE status = 'CREATED';
CREATE INDEX kyc_auto ON kyc (auto_at) WHERE auto_at > 0 AND status IN ('CREATED', 'PROCESSING');

-- A password change without the phone finds its secret among the live ones.
CREATE INDEX secrets_live ON secrets (purpose, expires_at);

-- The resend cooldown reads a consumer's last email link.
CREATE INDEX email_links_consumer ON email_links (consumer_id, sent_at);
