//go:build unix

package token

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, used to report
// throughput per CPU second next to the wall-clock MB/s on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
