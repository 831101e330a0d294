package delivery

import "testing"

func TestNormalizeID(t *testing.T) {
	tests := map[string]string{
		"<a@x>":             "<a@x>",
		"a@x":               "<a@x>",
		"  <a@x> (comment)": "<a@x>",
		"<a@\r\n x>":        "<a@x>",
		"junk <a@x> <b@y>":  "<a@x>",
		"<>":                "",
		"< >":               "",
		"":                  "",
		"   ":               "",
		"<a@x":              "<a@x>",
	}
	for in, want := range tests {
		if got := normalizeID(in); got != want {
			t.Errorf("normalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}
