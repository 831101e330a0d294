// Package man holds Corvus's manual pages as roff source (master.8,
// cyrus.conf.5, the generated imapd.conf.5, …) and Section, the one helper
// the programs' tests use to find their flags in a page. Its tests lint
// every page with mandoc and render it with man-db, so a page that
// would display badly on an admin's terminal fails the build.
package man
