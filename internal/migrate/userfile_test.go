package migrate

import (
	"slices"
	"strings"
	"testing"
)

func TestParseUserFile(t *testing.T) {
	tests := []struct {
		in      string
		want    []Credential
		wantErr bool
	}{
		{"alice secret\n# comment\n\nbob  two words \r\n", []Credential{
			{User: "alice", AuthUser: "alice", Password: "secret"},
			{User: "bob", AuthUser: "bob", Password: "two words "}}, false},
		{"carol\tpw", []Credential{{User: "carol", AuthUser: "carol", Password: "pw"}}, false},
		{"alone\n", nil, true},
		{"dave \n", nil, true},
		{"", nil, false},
	}
	for _, tt := range tests {
		got, err := ParseUserFile(strings.NewReader(tt.in))
		if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
			t.Errorf("ParseUserFile(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestReadPassword(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"pw\nignored\n", "pw", false},
		{"pw with space\r\n", "pw with space", false},
		{"nonl", "nonl", false},
		{"\n", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := ReadPassword(strings.NewReader(tt.in))
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ReadPassword(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func FuzzParseUserFile(f *testing.F) {
	for _, s := range []string{"alice pw\n", "# x\n\n", "a\tb c\r\n", "x", " \t \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		creds, err := ParseUserFile(strings.NewReader(in))
		for _, c := range creds {
			if err == nil && (c.User == "" || c.Password == "" || strings.ContainsAny(c.User, " \t")) {
				t.Fatalf("ParseUserFile(%q) gave %+v", in, c)
			}
		}
	})
}
