package parser

// Small helpers over []byte that never allocate.

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func lastByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// parseStatus accepts one to three digits ("0", "000", "502").
func parseStatus(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseBytes accepts a decimal count or "-" (nothing sent: -1).
func parseBytes(b []byte) (int64, bool) {
	if len(b) == 1 && b[0] == '-' {
		return -1, true
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parseSeconds decodes "0.123" (seconds with a fraction) into microseconds.
// nginx writes "-" when there was no upstream, and "0.1, 0.2" when it tried
// several: the first value counts.
func parseSeconds(b []byte) (int64, bool) {
	if c := indexByte(b, ','); c >= 0 {
		b = b[:c]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var whole, frac int64
	scale := int64(1000000)
	i := 0
	for ; i < len(b) && b[i] != '.'; i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		whole = whole*10 + int64(b[i]-'0')
	}
	if i < len(b) {
		i++
		for ; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return 0, false
			}
			if scale > 1 {
				scale /= 10
				frac += int64(b[i]-'0') * scale
			}
		}
	}
	return whole*1000000 + frac, true
}
