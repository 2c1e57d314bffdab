package genlog

// Formatting of generated requests as log lines.

import "strconv"

func (g *Generator) appendTarget(dst []byte, q *request) []byte {
	if q.rt == nil {
		dst = append(dst, "/catalog/item/"...)
		return strconv.AppendUint(dst, q.id, 10)
	}
	dst = append(dst, q.rt.prefix...)
	switch q.rt.kind {
	case withID:
		dst = strconv.AppendUint(dst, q.id, 10)
	case withHash:
		dst = strconv.AppendUint(dst, 0x5eed0000+q.id*0x9e37, 16)
	case withSlug:
		dst = append(dst, q.word...)
	}
	dst = append(dst, q.rt.suffix...)
	if q.query != "" {
		dst = append(dst, '?')
		dst = append(dst, q.query...)
	}
	return dst
}

func (g *Generator) appendCombined(dst []byte, q *request) []byte {
	dst = append(dst, q.client...)
	dst = append(dst, " - "...)
	dst = append(dst, q.user...)
	dst = append(dst, " ["...)
	dst = append(dst, g.stamp...)
	dst = append(dst, "] \""...)
	dst = append(dst, q.method...)
	dst = append(dst, ' ')
	dst = g.appendTarget(dst, q)
	dst = append(dst, ' ')
	dst = append(dst, q.proto...)
	dst = append(dst, "\" "...)
	dst = strconv.AppendInt(dst, int64(q.status), 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, q.bytes, 10)
	dst = append(dst, " \""...)
	dst = append(dst, q.referer...)
	dst = append(dst, "\" \""...)
	dst = append(dst, q.agent...)
	dst = append(dst, '"')
	if g.cfg.Timings {
		dst = append(dst, ' ')
		dst = appendSeconds(dst, q.reqMs)
		dst = append(dst, ' ')
		dst = appendSeconds(dst, q.upMs)
	}
	return append(dst, '\n')
}

// appendJSON writes the line nginx writes for
//
//	log_format json escape=json '{"time":"$time_iso8601",'
//	  '"remote_addr":"$remote_addr","remote_user":"$remote_user",'
//	  '"request":"$request","status":"$status",'
//	  '"body_bytes_sent":"$body_bytes_sent","http_referer":"$http_referer",'
//	  '"http_user_agent":"$http_user_agent","request_time":"$request_time",'
//	  '"upstream_response_time":"$upstream_response_time"}';
//
// With escape=json nginx writes an absent value as an empty string. The
// agents' \" is already valid JSON for a quote.
func (g *Generator) appendJSON(dst []byte, q *request) []byte {
	dst = append(dst, `{"time":"`...)
	dst = append(dst, g.stamp...)
	dst = append(dst, `","remote_addr":"`...)
	dst = append(dst, q.client...)
	dst = append(dst, `","remote_user":"`...)
	dst = appendOrEmpty(dst, q.user)
	dst = append(dst, `","request":"`...)
	dst = append(dst, q.method...)
	dst = append(dst, ' ')
	dst = g.appendTarget(dst, q)
	dst = append(dst, ' ')
	dst = append(dst, q.proto...)
	dst = append(dst, `","status":"`...)
	dst = strconv.AppendInt(dst, int64(q.status), 10)
	dst = append(dst, `","body_bytes_sent":"`...)
	dst = strconv.AppendInt(dst, q.bytes, 10)
	dst = append(dst, `","http_referer":"`...)
	dst = appendOrEmpty(dst, q.referer)
	dst = append(dst, `","http_user_agent":"`...)
	dst = appendOrEmpty(dst, q.agent)
	dst = append(dst, `","request_time":"`...)
	dst = appendSeconds(dst, q.reqMs)
	dst = append(dst, `","upstream_response_time":"`...)
	if q.upMs >= 0 {
		dst = appendSeconds(dst, q.upMs)
	}
	return append(dst, "\"}\n"...)
}

func appendOrEmpty(dst []byte, s string) []byte {
	if s == "-" {
		return dst
	}
	return append(dst, s...)
}

// appendSeconds writes ms as seconds with three decimals, as nginx logs
// $request_time; a negative value is written "-" (no upstream).
func appendSeconds(dst []byte, ms int64) []byte {
	if ms < 0 {
		return append(dst, '-')
	}
	dst = strconv.AppendInt(dst, ms/1000, 10)
	frac := ms % 1000
	return append(dst, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}
