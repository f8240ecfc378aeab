package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompanyName(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "comma llc", input: "Rivera Tile, LLC", want: "rivera tile"},
		{name: "plain lower", input: "rivera tile", want: "rivera tile"},
		{name: "upper with dotted suffix", input: "RIVERA TILE LLC.", want: "rivera tile"},
		{name: "inc", input: "Rivera Tile Inc", want: "rivera tile"},
		{name: "dotted llc", input: "Rivera Tile L.L.C.", want: "rivera tile"},
		{name: "incorporated", input: "Rivera Tile Incorporated", want: "rivera tile"},
		{name: "corp dot", input: "Granite Works Corp.", want: "granite works"},
		{name: "corporation", input: "Granite Works Corporation", want: "granite works"},
		{name: "company word", input: "Granite Works Company", want: "granite works"},
		{name: "ltd", input: "Slate & Sons Ltd.", want: "slate and sons"},
		{name: "limited", input: "Slate and Sons Limited", want: "slate and sons"},
		{name: "lp", input: "Quarry Partners LP", want: "quarry partners"},
		{name: "llp", input: "Quarry Partners, L.L.P.", want: "quarry partners"},
		{name: "pllc", input: "Design Build PLLC", want: "design build"},
		{name: "plc", input: "Marble Holdings plc", want: "marble holdings"},
		{name: "gmbh", input: "Müller Stein GmbH", want: "müller stein"},
		{name: "leading the and ampersand co", input: "The Stone Shop & Co.", want: "stone shop"},
		{name: "and co spelled out", input: "Stone Shop and Company", want: "stone shop"},
		{name: "repeated suffixes", input: "Rivera Tile Co., Inc.", want: "rivera tile"},
		{name: "ampersand without spaces", input: "Stone&Tile", want: "stone and tile"},
		{name: "and kept when not before suffix", input: "Sand and Gravel", want: "sand and gravel"},
		{name: "apostrophe joins", input: "O'Brien's Tile", want: "obriens tile"},
		{name: "curly apostrophe joins", input: "O’Brien’s Tile", want: "obriens tile"},
		{name: "hyphen separates", input: "Rivera-Tile", want: "rivera tile"},
		{name: "spaces collapsed", input: "  Rivera   Tile \t LLC ", want: "rivera tile"},
		{name: "unicode lower case", input: "ÉLAN PIERRE", want: "élan pierre"},
		{name: "decomposed accent composed", input: "E\u0301lan Pierre", want: "élan pierre"},
		{name: "full width letters", input: "ＲＩＶＥＲＡ ＴＩＬＥ", want: "rivera tile"},
		{name: "greek", input: "ΜΆΡΜΑΡΑ Α.Ε.", want: "μάρμαρα αε"},
		{name: "digits kept", input: "3M Stone Co", want: "3m stone"},
		{name: "the alone kept", input: "The", want: "the"},
		{name: "the the", input: "The The Tile Shop", want: "tile shop"},
		{name: "suffix only", input: "LLC", want: ""},
		{name: "punctuation only", input: "--- , ---", want: ""},
		{name: "empty", input: "", want: ""},
		{name: "invalid utf8 separates", input: "Rivera\xffTile", want: "rivera tile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, CompanyName(tt.input))
		})
	}
}

func TestCompanyNameVariantsShareKey(t *testing.T) {
	variants := []string{"Rivera Tile, LLC", "rivera tile", "RIVERA TILE LLC.", "Rivera Tile Inc", "The Rivera Tile Co."}
	for _, variant := range variants {
		assert.Equal(t, "rivera tile", CompanyName(variant), "variant %q", variant)
	}
}

func TestPersonName(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{name: "plain", raw: "Ann", want: "Ann"},
		{name: "case kept", raw: "mcDONALD", want: "mcDONALD"},
		{name: "surrounding spaces", raw: "  Ann  ", want: "Ann"},
		{name: "inner spaces collapsed", raw: "Mary   Ann\tLee", want: "Mary Ann Lee"},
		{name: "no-break space", raw: "Mary\u00a0Ann", want: "Mary Ann"},
		{name: "unicode kept", raw: "José Ñúñez", want: "José Ñúñez"},
		{name: "decomposed accent composed", raw: "Jose\u0301", want: "José"},
		{name: "control characters", raw: "Ann\x00\r\nLee", want: "Ann Lee"},
		{name: "invalid utf8 dropped", raw: "Ann\xff", want: "Ann"},
		{name: "only spaces", raw: " \t ", want: ""},
		{name: "empty", raw: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PersonName(tt.raw))
		})
	}
}
