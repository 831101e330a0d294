package adminenv

import (
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/store"
)

// Names maps between the store's (user, mailbox) pairs and the names an
// admin types: Cyrus's admin namespace as cyradm shows it, user<sep>alice
// for alice's INBOX and user<sep>alice<sep>Sent for her Sent, with
// "@domain" at the end for virtual domains (user/alice/Sent@example.com).
type Names struct {
	Sep         byte // '/' with unixhierarchysep, '.' without
	VirtDomains bool // virtdomains is not off: a trailing @domain names the domain
}

// NamesFrom reads unixhierarchysep and virtdomains.
func NamesFrom(cfg *imapdconf.Config) Names {
	n := Names{Sep: '.', VirtDomains: cfg.String("virtdomains") != "off"}
	if cfg.Switch("unixhierarchysep") {
		n.Sep = '/'
	}
	return n
}

// External returns the admin name of a user's mailbox. As Cyrus, a dot in
// a user name shows as '^' when '.' separates levels.
func (n Names) External(user, mailbox string) string {
	local, domain, hasDomain := strings.Cut(user, "@")
	sep := string(n.Sep)
	if n.Sep == '.' {
		local = strings.ReplaceAll(local, ".", "^")
	}
	s := "user" + sep + local
	if mailbox != store.Inbox {
		s += sep + strings.ReplaceAll(mailbox, "/", sep)
	}
	if hasDomain {
		s += "@" + domain
	}
	return s
}

// Parse splits an admin name into a user and the store's canonical
// mailbox name. Corvus keeps mailboxes only in user accounts, so every
// name starts with user<sep>.
func (n Names) Parse(name string) (user, mailbox string, err error) {
	sep := string(n.Sep)
	domain := ""
	if i := strings.LastIndexByte(name, '@'); n.VirtDomains && i >= 0 && store.CheckUser("x"+name[i:]) == nil {
		name, domain = name[:i], name[i+1:]
	}
	rest, ok := strings.CutPrefix(name, "user"+sep)
	if !ok {
		return "", "", fmt.Errorf("%q is not a user's mailbox (user%salice%sSent): Corvus has no shared mailboxes", name, sep, sep)
	}
	local, box, more := strings.Cut(rest, sep)
	if n.Sep == '.' {
		local = strings.ReplaceAll(local, "^", ".")
	}
	user = local
	if domain != "" {
		user += "@" + domain
	}
	if err := store.CheckUser(user); err != nil {
		return "", "", err
	}
	if !more {
		return user, store.Inbox, nil
	}
	if n.Sep != '/' {
		if strings.Contains(box, "/") {
			return "", "", fmt.Errorf("mailbox name %q: '/' is not the separator here: %w", box, store.ErrInvalidName)
		}
		box = strings.ReplaceAll(box, sep, "/")
	}
	if mailbox, err = store.CanonicalMailbox(box); err != nil {
		return "", "", err
	}
	return user, mailbox, nil
}

// Match reports whether an admin name matches a LIST-style pattern:
// '*' matches anything, '%' anything but the separator (RFC 9051 §6.3.9).
func (n Names) Match(pattern, name string) bool {
	// memo[i][j]: pattern[i:] against name[j:] was already found not to
	// match; keeps patterns with many wildcards linear in practice.
	memo := make(map[[2]int]bool)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(pattern) {
			switch c := pattern[i]; c {
			case '*', '%':
				if memo[[2]int{i, j}] {
					return false
				}
				for k := j; k <= len(name); k++ {
					if match(i+1, k) {
						return true
					}
					if k < len(name) && c == '%' && name[k] == n.Sep {
						break
					}
				}
				memo[[2]int{i, j}] = true
				return false
			default:
				if j >= len(name) || name[j] != c {
					return false
				}
				i, j = i+1, j+1
			}
		}
		return j == len(name)
	}
	return match(0, 0)
}
