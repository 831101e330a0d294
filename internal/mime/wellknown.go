package mime

// wellKnown are strings the blob stores as a one-byte index instead of the
// text. Part of format version 1: append only, never reorder or remove.
var wellKnown = [...]string{
	"", "text", "plain", "html", "multipart", "mixed", "alternative",
	"related", "message", "rfc822", "application", "octet-stream", "image",
	"jpeg", "png", "gif", "pdf", "charset", "us-ascii", "utf-8",
	"iso-8859-1", "windows-1252", "name", "filename", "boundary", "format",
	"flowed", "delsp", "yes", "7bit", "8bit", "base64", "quoted-printable",
	"binary", "attachment", "inline", "signed", "protocol", "micalg",
	"application/pgp-signature", "pgp-signature", "report", "report-type",
	"delivery-status", "calendar", "method", "size", "creation-date",
	"modification-date", "digest", "rfc822-headers", "zip", "msword",
	"ms-tnef", "pkcs7-signature", "pkcs7-mime", "smime.p7s", "pgp-sha256",
	"sha-256", "global", "partial", "external-body", "audio", "video",
	"iso-8859-15", "utf8", "UTF-8", "US-ASCII", "ISO-8859-1", MissingHost,
	"en", "en-US", "de", "fr",
}

// wellKnownIndex maps a well-known string to its index.
var wellKnownIndex = func() map[string]int {
	m := make(map[string]int, len(wellKnown))
	for i, s := range wellKnown {
		if _, dup := m[s]; !dup {
			m[s] = i
		}
	}
	return m
}()
