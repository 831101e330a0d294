// Command mkman writes the imapd.conf(5) man page, generated from the
// option table, to standard output:
//
//	go run ./conf/imapdconf/mkman > man/imapd.conf.5
package main

import (
	"fmt"
	"os"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

func main() {
	if err := imapdconf.WriteManPage(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkman:", err)
		os.Exit(1)
	}
}
