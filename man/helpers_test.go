package man

import "testing"

// TestNameLine checks the NAME extraction the render test relies on, so a
// broken helper cannot make TestManRenders pass vacuously.
func TestNameLine(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"plain", ".TH X 8\n.SH NAME\nmaster \\- process master\n.SH SYNOPSIS\n", "master - process master"},
		{"quoted heading", ".SH \"NAME\"\nfoo \\- bar\n", "foo - bar"},
		{"two lines", ".SH NAME\nfoo, bar\n\\- both\n.SH DESCRIPTION\n", "foo, bar - both"},
		{"fonts and escapes", ".SH NAME\n\\fBa\\&.b\\fP \\- c\\eb\n", "a.b - c\\b"},
		{"comment skipped", ".SH NAME\n.\\\" note\nfoo \\- bar\n", "foo - bar"},
		{"missing", ".SH SYNOPSIS\nfoo\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nameLine(tt.src); got != tt.want {
				t.Errorf("nameLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPlain checks that rendered text from UTF-8 locales and pagers that
// keep overstrike compares equal to the ASCII NAME line.
func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"master \u2212 Corvus  process\n       master", "master - Corvus process master"},
		{"m\bma\bas\bst\bte\ber\br", "master"},
		{"Cyrus\u2010compatible", "Cyrus-compatible"},
	}
	for _, tt := range tests {
		if got := plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSections checks heading extraction, quoted or not.
func TestSections(t *testing.T) {
	got := sections(".TH X 8\n.SH NAME\nx\n.SH \"SEE ALSO\"\n.SS Sub\n.SHX\n")
	for _, want := range []string{"NAME", "SEE ALSO"} {
		if !got[want] {
			t.Errorf("sections lacks %q: %v", want, got)
		}
	}
	if len(got) != 2 {
		t.Errorf("sections = %v, want exactly NAME and SEE ALSO", got)
	}
}

// TestRendersAs checks the comparison against the ways groff wraps and
// hyphenates a NAME line.
func TestRendersAs(t *testing.T) {
	want := "cyrus.conf - configuration of the Corvus master (Cyrus-compatible)"
	tests := []struct {
		name, rendered string
		ok             bool
	}{
		{"one line", "NAME\n       cyrus.conf  \u2212  configuration of the Corvus master (Cyrus-compatible)\n", true},
		{"wrapped at text hyphen", "       cyrus.conf - configuration of the Corvus master (Cyrus-\n       compatible)\n", true},
		{"groff hyphenation", "       cyrus.conf - configura\u2010\n       tion of the Corvus master (Cyrus-compatible)\n", true},
		{"ascii hyphenation", "       cyrus.conf - configura-\n       tion of the Corvus master (Cyrus-compatible)\n", true},
		{"different text", "       cyrus.conf - settings of the Corvus master (Cyrus-compatible)\n", false},
		{"missing dash", "       cyrus.conf configuration of the Corvus master (Cyrus-compatible)\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rendersAs(tt.rendered, want); got != tt.ok {
				t.Errorf("rendersAs = %v, want %v", got, tt.ok)
			}
		})
	}
}
