package store

import (
	"errors"
	"strings"
	"testing"
)

func TestCanonicalMetadataEntry(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/private/comment", "/private/comment", true},
		{"/Shared/Comment", "/shared/comment", true},
		{"/shared/vendor/cmu/cyrus-imapd/size", "/shared/vendor/cmu/cyrus-imapd/size", true},
		{"/private", "", false},
		{"/private/", "", false},
		{"/shared//x", "", false},
		{"/shared/x/", "", false},
		{"/other/x", "", false},
		{"private/x", "", false},
		{"/shared/a*", "", false},
		{"/shared/a%", "", false},
		{"/shared/\x19", "", false},
		{"/shared/é", "", false},
		{"/shared/" + strings.Repeat("x", MaxMetadataEntry), "", false},
	}
	for _, tc := range tests {
		got, err := CanonicalMetadataEntry(tc.in)
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("CanonicalMetadataEntry(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidName) {
			t.Errorf("error %v is not ErrInvalidName", err)
		}
	}
	if !IsPrivateMetadata("/private/x") || IsPrivateMetadata("/shared/x") {
		t.Error("IsPrivateMetadata")
	}
}
