package productmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKey(t *testing.T) {
	cases := []struct {
		name, sku, want string
	}{
		{"already a key", "CAL-ORO-3CM", "CAL-ORO-3CM"},
		{"lower case with leading space", " cal-oro-3cm", "CAL-ORO-3CM"},
		{"single spaces", "BLK GAL 2CM", "BLK-GAL-2CM"},
		{"double space", "BLK  GAL 2CM", "BLK-GAL-2CM"},
		{"tab and newline", "BLK\tGAL\n2CM", "BLK-GAL-2CM"},
		{"no-break space", "BLK\u00a0GAL 2CM", "BLK-GAL-2CM"},
		{"ideographic space", "BLK\u3000GAL", "BLK-GAL"},
		{"accented letters", "mrb-crème-bei-2cm", "MRB-CRÈME-BEI-2CM"},
		{"eszett has no single upper case", "straße", "STRAßE"},
		{"CJK kept", "石材 a1", "石材-A1"},
		{"empty", "", ""},
		{"blank", " \t\u00a0 ", ""},
		{"hyphens kept", "--A--", "--A--"},
		{"invalid UTF-8", "a\xffb", "A\uFFFDB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Key(tc.sku))
		})
	}
}
