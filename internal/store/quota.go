package store

// Unlimited is the value of a quota limit that is not set, as Cyrus's
// QUOTA_UNLIMITED (-1).
const Unlimited = -1

// QuotaLimits are an account's limits in Cyrus's units: STORAGE in
// kilobytes (1024 bytes), MESSAGE in messages (RFC 9208 §5.1, §5.2).
type QuotaLimits struct {
	StorageKB int64
	Messages  int64
}

// Quota is the usage of the account's quota root (the user's whole
// account, as Cyrus's user quota root) and its limits. Every copy of a
// message counts, as in Cyrus, even when the copies share one file.
type Quota struct {
	StorageBytes int64 // the IMAP layer reports STORAGE in KB
	Messages     int64
	Limits       QuotaLimits
}

// Allows reports whether adding messages of total size bytes is within the
// limits under policy.
func (q Quota) Allows(policy QuotaPolicy, messages, bytes int64) bool {
	switch policy {
	case QuotaIgnore:
		return true
	case QuotaLenient:
		messages, bytes = 0, 0
	}
	if q.Limits.Messages >= 0 && q.Messages+messages > q.Limits.Messages {
		return false
	}
	return q.Limits.StorageKB < 0 || q.StorageBytes+bytes <= q.Limits.StorageKB*1024
}
