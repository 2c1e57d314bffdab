package stats

// Path grouping (--group-paths) folds the segments of a path that identify
// one object rather than a route into ":id", so /users/123/orders and
// /users/456/orders count as one path. A segment folds when it is
//
//   - all decimal digits (123, 2026),
//   - a UUID (8-4-4-4-12 hex digits), or
//   - a run of at least minHexLen hex digits with at least one digit in it
//     (hashes, object IDs; the digit keeps words like "deadbeefcafe" or
//     "facade" intact).
//
// The folded path is written into a buffer the caller reuses, so grouping
// costs no allocation per line; paths without such a segment are used as
// they are.

const minHexLen = 16

// idToken replaces a folded segment.
const idToken = ":id"

// foldPath appends path to dst with ID-like segments folded.
func foldPath(dst, path []byte) []byte {
	start := 0
	for i := 0; i <= len(path); i++ {
		if i < len(path) && path[i] != '/' {
			continue
		}
		seg := path[start:i]
		if isIDSegment(seg) {
			dst = append(dst, idToken...)
		} else {
			dst = append(dst, seg...)
		}
		if i < len(path) {
			dst = append(dst, '/')
		}
		start = i + 1
	}
	return dst
}

func hasIDSegment(path []byte) bool {
	start := 0
	for i := 0; i <= len(path); i++ {
		if i == len(path) || path[i] == '/' {
			if isIDSegment(path[start:i]) {
				return true
			}
			start = i + 1
		}
	}
	return false
}

func isIDSegment(seg []byte) bool {
	if len(seg) == 0 {
		return false
	}
	digits, hex := 0, 0
	for _, c := range seg {
		switch {
		case c >= '0' && c <= '9':
			digits++
			hex++
		case c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
			hex++
		}
	}
	switch {
	case digits == len(seg):
		return true
	case hex == len(seg) && len(seg) >= minHexLen && digits > 0:
		return true
	}
	return isUUID(seg)
}

func isUUID(seg []byte) bool {
	if len(seg) != 36 {
		return false
	}
	for i, c := range seg {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
