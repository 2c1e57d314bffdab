package parser

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// Scanning JSON in place. Nothing is decoded that is not asked for: keys and
// values are sub-slices of the line, a string is decoded only when a mapped
// field holds an escape (appendText, unescape), and values
// nobody maps are skipped by finding where they end. Nesting is skipped with
// a depth counter, not recursion, so a hostile line of ten thousand '['
// costs a loop, not the stack.
//
// The scanner is lenient where access logs are not strict JSON: nginx's
// escape=default writes \xHH inside strings, and a variable left unquoted in
// a hand-written log_format writes a bare - or 0.001 as a value. Bytes of
// 0x80 and above (invalid UTF-8 included) are content like any other.

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index of the quote closing a string whose contents
// start at b[i] (or -1), and whether the string may hold escapes. It looks
// at eight bytes at a time for a quote or a backslash (a backslash skips the
// byte after it). Keys and most values are short, and for them this beats a
// call into the vectorised bytes.IndexByte; a string still open after 64
// bytes (a long header) is left to that, and reported as maybe escaped.
func stringEnd(b []byte, i int) (int, bool) {
	j := i
	esc := false
	for j+8 <= len(b) && j < i+64 {
		x := binary.LittleEndian.Uint64(b[j : j+8])
		m := hasByte(x, '"') | hasByte(x, '\\')
		if m == 0 {
			j += 8
			continue
		}
		k := j + bits.TrailingZeros64(m)>>3
		if b[k] == '"' {
			return k, esc
		}
		esc = true
		j = k + 2
	}
	if j < len(b) && j >= i+64 {
		// j is never inside an escape here, so closeQuote can start at j.
		if q := closeQuote(b[j:]); q >= 0 {
			return j + q, true
		}
		return -1, true
	}
	for ; j < len(b); j++ {
		switch b[j] {
		case '"':
			return j, esc
		case '\\':
			esc = true
			j++
		}
	}
	return -1, esc
}

// hasByte sets the high bit of each byte of x that equals c (the lowest set
// bit is exact; bits above a match may be false positives, and are never
// looked at).
func hasByte(x uint64, c byte) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	y := x ^ (lo * uint64(c))
	return (y - lo) &^ y & hi
}

// scalarEnd returns where a bare value (number, true, false, null, or an
// unquoted nginx variable) starting at b[i] ends.
func scalarEnd(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// skipNested skips the object or array opening at b[i] and returns the index
// after its closing bracket, or -1 when the line ends first.
func skipNested(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			e, _ := stringEnd(b, i+1)
			if e < 0 {
				return -1
			}
			i = e
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return -1
}

// skipValue skips any value at b[i] and returns the index after it.
func skipValue(b []byte, i int) (int, *Error) {
	switch b[i] {
	case '"':
		e, _ := stringEnd(b, i+1)
		if e < 0 {
			return i, ErrBadJSON
		}
		return e + 1, nil
	case '{', '[':
		e := skipNested(b, i)
		if e < 0 {
			return i, ErrBadJSON
		}
		return e, nil
	}
	e := scalarEnd(b, i)
	if e == i {
		return i, ErrBadJSON
	}
	return e, nil
}

// unescape decodes the JSON (and nginx \xHH) escapes of s into buf, for the
// few values that must be decoded to be read: status, sizes, times. It
// returns false when s does not fit or holds a broken escape.
func unescape(s []byte, buf *[64]byte) ([]byte, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if n >= len(buf) {
			return nil, false
		}
		c := s[i]
		if c != '\\' {
			buf[n] = c
			n++
			continue
		}
		if i+1 >= len(s) {
			return nil, false
		}
		i++
		switch s[i] {
		case '"', '\\', '/':
			buf[n] = s[i]
		case 'b':
			buf[n] = '\b'
		case 'f':
			buf[n] = '\f'
		case 'n':
			buf[n] = '\n'
		case 'r':
			buf[n] = '\r'
		case 't':
			buf[n] = '\t'
		case 'u', 'x':
			width := 4
			if s[i] == 'x' {
				width = 2
			}
			if i+width >= len(s) {
				return nil, false
			}
			v := 0
			for _, h := range s[i+1 : i+1+width] {
				d := unhex(h)
				if d < 0 {
					return nil, false
				}
				v = v<<4 | d
			}
			if v > 0x7f {
				// Not a character that can be part of a number or a
				// time: keep the text unreadable rather than guess.
				return nil, false
			}
			buf[n] = byte(v)
			i += width
		default:
			return nil, false
		}
		n++
	}
	return buf[:n], true
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// appendText appends the text of the JSON string contents s to dst, its
// escapes decoded: \" \\ \/ \b \f \n \r \t and \uXXXX, a surrogate pair
// as one character and a lone surrogate as U+FFFD. What is no JSON escape
// (nginx's escape=default \xHH, a backslash at the end) is kept as written,
// as the NCSA formats keep it.
func appendText(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		// The text between escapes is copied whole.
		k := bytes.IndexByte(s[i:], '\\')
		if k < 0 {
			return append(dst, s[i:]...)
		}
		dst = append(dst, s[i:i+k]...)
		i += k
		c := s[i]
		if i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		switch s[i+1] {
		case '"', '\\', '/':
			dst = append(dst, s[i+1])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, n := unicodeEscape(s[i:])
			if n == 0 {
				dst = append(dst, c)
				continue
			}
			dst = utf8.AppendRune(dst, r)
			i += n - 1
			continue
		default:
			dst = append(dst, c)
			continue
		}
		i++
	}
	return dst
}

// unicodeEscape decodes the \uXXXX at the start of s, with the low half
// of a surrogate pair after it, and returns the character and the bytes
// it took; 0 bytes when s does not start with four hex digits.
func unicodeEscape(s []byte) (rune, int) {
	hex4 := func(b []byte) rune {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return -1
		}
		var v rune
		for _, h := range b[2:6] {
			d := unhex(h)
			if d < 0 {
				return -1
			}
			v = v<<4 | rune(d)
		}
		return v
	}
	r := hex4(s)
	switch {
	case r < 0:
		return 0, 0
	case utf16.IsSurrogate(r):
		if lo := hex4(s[6:]); lo >= 0 {
			if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
				return pair, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}
