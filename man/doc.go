// Package man holds Corvus's manual pages as roff source (master.8,
// cyrus.conf.5, and the generated imapd.conf.5). It has no code: its tests
// lint every page with mandoc and render it with man-db, so a page that
// would display badly on an admin's terminal fails the build.
package man
