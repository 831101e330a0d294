package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// The search corpus: a mailbox as a busy list member's looks after a few
// years, made the same on every server from a fixed seed. Message i is a
// pure function of i (and the corpus's people and vocabulary, also fixed),
// so a fill can run in any order over any number of connections.
//
// What makes it realistic enough for SORT, THREAD and SEARCH to do real
// work: senders follow a Zipf law over 400 people, about half the
// messages answer an earlier one (In-Reply-To and References, "Re:",
// "RE:", "Re: Re:" or "Fwd:" subjects, some parents never received), Date
// headers spread over two years in several zones, sizes log-uniform over
// 1–50 KB, bodies drawn from a Zipf-distributed vocabulary, 85 % \Seen
// and 3 % \Flagged.

// corpusStart is the Date of the first message; one follows every
// corpusStep on average.
var corpusStart = time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)

const corpusSpan = 2 * 365 * 24 * time.Hour

// corpus holds what every message is drawn from.
type corpus struct {
	n       int
	people  []string // "First Last <first.last@domain>"
	subject []string // subject words
	body    []string // body words, most frequent first
	threads *threads
}

// newCorpus makes the corpus of n messages.
func newCorpus(n int) *corpus {
	rng := rand.New(rand.NewPCG(seed, 7))
	c := &corpus{n: n, subject: pseudoWords(rng, 600), body: pseudoWords(rng, 6000)}
	first := pseudoWords(rng, 80)
	last := pseudoWords(rng, 120)
	domains := []string{"example.org", "mail.example.com", "lists.example.net", "corp.example", "uni.example.edu"}
	for i := range 400 {
		f, l := title(first[i%len(first)]), title(last[(i*7)%len(last)])
		c.people = append(c.people, fmt.Sprintf("%s %s <%s.%s@%s>", f, l, strings.ToLower(f), strings.ToLower(l), domains[i%len(domains)]))
	}
	c.threads = c.makeThreads()
	return c
}

// pseudoWords makes n distinct pronounceable words of 2–4 syllables.
func pseudoWords(rng *rand.Rand, n int) []string {
	syl := strings.Fields("ba be bi bo bu ca ce co da de di do fa fe fi ga go ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zo an en in on ar er or el al")
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func title(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// corpusMsg is one generated message and the flags and internal date
// its APPEND gives it.
type corpusMsg struct {
	raw      []byte
	flags    string // "(\Seen)" or "()"
	internal time.Time
}

// message makes message i.
func (c *corpus) message(i int) corpusMsg {
	rng := rand.New(rand.NewPCG(seed, uint64(3_000_000+i)))
	date := c.date(i)
	subj, parent := c.subjectOf(i)
	var b strings.Builder
	size := int(1024 * math.Exp(rng.Float64()*math.Log(50))) // 1–50 KB, log-uniform
	b.Grow(size + 512)
	zones := []*time.Location{time.UTC, time.FixedZone("", 3600), time.FixedZone("", -5*3600), time.FixedZone("", 9*3600)}
	fmt.Fprintf(&b, "Date: %s\r\n", date.In(zones[i%len(zones)]).Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: %s\r\n", c.sender(i))
	fmt.Fprintf(&b, "To: %s\r\n", c.people[(i*13+5)%len(c.people)])
	fmt.Fprintf(&b, "Subject: %s\r\n", subj)
	fmt.Fprintf(&b, "Message-ID: %s\r\n", msgID(i))
	if parent != "" {
		fmt.Fprintf(&b, "In-Reply-To: %s\r\nReferences: %s\r\n", lastRef(parent), parent)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(c.body)-1))
	for b.Len() < size {
		for line := 0; line < 72; {
			w := c.body[zipf.Uint64()]
			b.WriteString(w)
			b.WriteByte(' ')
			line += len(w) + 1
		}
		b.WriteString("\r\n")
	}
	m := corpusMsg{raw: fit([]byte(b.String()), max(size, 512)), flags: "()", internal: date.Add(time.Duration(30+i%600) * time.Second)}
	switch r := rng.IntN(100); {
	case r < 3:
		m.flags = `(\Seen \Flagged)`
	case r < 85:
		m.flags = `(\Seen)`
	}
	return m
}

// date is message i's Date: evenly spread with jitter, so Date order is
// mostly but not entirely the UID order.
func (c *corpus) date(i int) time.Time {
	step := corpusSpan / time.Duration(c.n)
	jitter := time.Duration(rand.New(rand.NewPCG(seed, uint64(4_000_000+i))).IntN(int(3*step/time.Second+1))) * time.Second
	return corpusStart.Add(time.Duration(i)*step + jitter).Truncate(time.Second)
}

// sender is message i's From: Zipf over the people, so some write a lot.
func (c *corpus) sender(i int) string {
	rng := rand.New(rand.NewPCG(seed, uint64(5_000_000+i)))
	return c.people[rand.NewZipf(rng, 1.2, 3, uint64(len(c.people)-1)).Uint64()]
}

func msgID(i int) string { return fmt.Sprintf("<c%d.%x@peers.example>", i, uint32(i)*2654435761) }

// lastRef is the last message id of a References value.
func lastRef(refs string) string {
	if j := strings.LastIndexByte(refs, ' '); j >= 0 {
		return refs[j+1:]
	}
	return refs
}

// threads decides, for every message, what it answers: parent[i] is the
// message it replies to (-1 for a thread's first message), base[i] the
// thread's subject without prefixes, ghost[i] a reply whose parent never
// reached this mailbox (THREAD REFERENCES then makes a dummy).
type threads struct {
	parent []int32
	ghost  []bool
	base   []string
	prefix []string
}

// makeThreads draws the thread structure of n messages: 55 % are replies
// to a recent message, 3 % of those to one not in the mailbox.
func (c *corpus) makeThreads() *threads {
	rng := rand.New(rand.NewPCG(seed, 8))
	t := &threads{parent: make([]int32, c.n), ghost: make([]bool, c.n), base: make([]string, c.n), prefix: make([]string, c.n)}
	for i := range c.n {
		t.parent[i] = -1
		if i == 0 || rng.IntN(100) >= 55 {
			words := make([]string, 3+rng.IntN(4))
			for k := range words {
				words[k] = c.subject[rng.IntN(len(c.subject))]
			}
			t.base[i] = title(strings.Join(words, " "))
			if rng.IntN(20) == 0 {
				t.prefix[i] = "Fwd: "
			}
			continue
		}
		back := 1 + int(rng.ExpFloat64()*200)
		j := max(0, i-back)
		t.parent[i], t.base[i] = int32(j), t.base[j]
		t.ghost[i] = rng.IntN(100) < 3
		t.prefix[i] = []string{"Re: ", "Re: ", "Re: ", "Re: ", "RE: ", "Re: Re: ", "Fwd: ", "Re: [list] "}[rng.IntN(8)]
	}
	return t
}

// subjectOf is message i's Subject and References (empty for a thread's
// first message): the ids of up to 10 ancestors, oldest first, as mail
// clients trim them.
func (c *corpus) subjectOf(i int) (string, string) {
	t := c.threads
	subj := t.prefix[i] + t.base[i]
	if t.parent[i] < 0 {
		return subj, ""
	}
	var ids []string
	for j := int(t.parent[i]); j >= 0 && len(ids) < 10; j = int(t.parent[j]) {
		ids = append(ids, msgID(j))
	}
	if t.ghost[i] {
		ids[0] = msgID(c.n + i) // the parent this mailbox never got
	}
	for l, r := 0, len(ids)-1; l < r; l, r = l+1, r-1 {
		ids[l], ids[r] = ids[r], ids[l]
	}
	return subj, strings.Join(ids, " ")
}
