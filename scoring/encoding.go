package scoring

import (
	"bufio"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeInput returns r as UTF-8: a UTF-8 byte order mark is dropped,
// UTF-16 with a byte order mark (as Windows PowerShell 5.1 writes) is
// decoded, and UTF-32, or UTF-16 without a mark, is refused with
// ErrEncoding naming the encoding, rather than read as garbage.
func decodeInput(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(4)
	switch {
	case len(head) >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf:
		br.Discard(3)
		return br, nil
	case len(head) == 4 && (string(head) == "\xff\xfe\x00\x00" || string(head) == "\x00\x00\xfe\xff"):
		return nil, errorf(ErrEncoding, "the input is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8")
	case len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff):
		br.Discard(2)
		return &utf16Reader{r: br, big: head[0] == 0xfe, read: 2}, nil
	case len(head) == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0,
		len(head) == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		return nil, errorf(ErrEncoding, "the input looks like UTF-16 without a byte order mark; save it as UTF-8 (or UTF-16 with a byte order mark)")
	}
	return br, nil
}

// A utf16Reader decodes UTF-16 to UTF-8.
type utf16Reader struct {
	r    *bufio.Reader
	big  bool // big-endian
	read int  // bytes of input read, for messages
	out  []byte
	err  error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 && u.err == nil {
		u.decode()
	}
	if len(u.out) > 0 {
		n := copy(p, u.out)
		u.out = u.out[n:]
		return n, nil
	}
	return 0, u.err
}

// decode decodes up to 4096 characters into u.out.
func (u *utf16Reader) decode() {
	u.out = u.out[:0]
	for range 4096 {
		c, err := u.unit()
		if err != nil {
			u.err = err
			return
		}
		r := rune(c)
		if utf16.IsSurrogate(r) {
			at := u.read - 2
			c2, err := u.unit()
			r = utf16.DecodeRune(r, rune(c2))
			if err != nil || r == utf8.RuneError {
				u.err = errorf(ErrEncoding, "UTF-16 input: a lone surrogate at byte %d", at)
				return
			}
		}
		u.out = utf8.AppendRune(u.out, r)
	}
}

// unit reads one UTF-16 code unit.
func (u *utf16Reader) unit() (uint16, error) {
	a, err := u.r.ReadByte()
	if err != nil {
		return 0, err // io.EOF at the end
	}
	b, err := u.r.ReadByte()
	if err != nil {
		return 0, errorf(ErrEncoding, "UTF-16 input: an odd number of bytes")
	}
	u.read += 2
	if u.big {
		return uint16(a)<<8 | uint16(b), nil
	}
	return uint16(b)<<8 | uint16(a), nil
}
