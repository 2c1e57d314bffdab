package units

import (
	"strings"
	"time"
)

// ParseTime reads an RFC 3339 time as people type it. RFC 3339 also allows
// a lowercase t and z, and a space between the date and the time
// (2026-11-20 14:00:00Z), none of which time.Parse takes.
func ParseTime(s string) (time.Time, error) {
	u := strings.ToUpper(s)
	if len(u) > 10 && u[10] == ' ' {
		u = u[:10] + "T" + u[11:]
	}
	return time.Parse(time.RFC3339, u)
}
