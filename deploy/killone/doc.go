// Package killone holds the kill-one tests: three winnowd processes on
// 127.0.0.1, a few thousand documents balanced across them, one server
// killed with SIGKILL and one drained with SIGTERM mid-run; every document
// must be classified exactly once, and the throughput with 3, 2 and 1
// servers is logged. The binaries are built from the parent module with
// go build; nothing here imports it.
package killone
