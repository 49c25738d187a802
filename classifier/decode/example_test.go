package decode_test

import (
	"fmt"

	"golang.org/x/text/encoding/charmap"

	"github.com/winnowhq/winnow/classifier/decode"
)

func ExampleDecode() {
	// An old Persian page served as windows-1256 without a declaration
	// (windows-1256 has no Persian yeh: such pages used the Arabic one).
	page, err := charmap.Windows1256.NewEncoder().String("<p>همکاري اطلاعاتي مسکو با طالبان عليه داعش</p>")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := decode.Decode([]byte(page), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Text)
	fmt.Println(r.Encoding, r.Source, r.HTML)

	// A page that declares windows-1252 but is UTF-8.
	r, _ = decode.Decode([]byte(`<meta charset="windows-1252"><p>L’économie</p>`), "")
	fmt.Println(r.Text)
	fmt.Println(r.Encoding, r.Declared, r.Source)
	// Output:
	// <p>همکاري اطلاعاتي مسکو با طالبان عليه داعش</p>
	// windows-1256 sniff true
	// <meta charset="windows-1252"><p>L’économie</p>
	// utf-8 windows-1252 utf8
}

func ExampleDecodeShared() {
	// Valid UTF-8 needs no conversion: Text is the page's own bytes, to
	// be read only while they stay unchanged (clone what is kept).
	page := []byte("<p>همکاری اطلاعاتی</p>")
	r, _ := decode.DecodeShared(page, "text/html")
	fmt.Println(r.Text, r.Shared)

	// A legacy charset is converted into a new string.
	r, _ = decode.DecodeShared([]byte("<p>caf\xe9</p>"), "text/html; charset=windows-1252")
	fmt.Println(r.Text, r.Shared)
	// Output:
	// <p>همکاری اطلاعاتی</p> true
	// <p>café</p> false
}
