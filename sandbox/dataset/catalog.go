package dataset

import (
	"fmt"
	"math/rand/v2"
	"time"

	square "github.com/square/square-go-sdk"
)

// saleForm is how a catalog item is sold, which decides the quantities
// an order line can carry.
type saleForm int

const (
	formSlab    saleForm = iota // whole slabs, 1 to a few per line
	formArea                    // tiles and mosaics per square foot, fractional quantities
	formPiece                   // pavers and ledger panels, whole pieces
	formRemnant                 // offcut pieces, usually one per line
	formSupply                  // care products, setting materials, sinks
	formCount
)

// sellable is one catalog variation as an order line refers to it.
type sellable struct {
	itemName      string
	variationName string
	variationID   string
	version       int64
	price         int64 // cents per unit (per slab, square foot or piece)
	form          saleForm
}

// catalogSet is the generated catalog: the objects Square serves and the
// variations grouped by sale form for building order lines.
type catalogSet struct {
	objects []*square.CatalogObject
	byForm  [formCount][]sellable
}

type itemSpec struct {
	name       string
	form       saleForm
	variations []variationSpec
}

type variationSpec struct {
	name  string
	sku   string
	price int64
}

// buildCatalog returns about 200 ITEM objects, each with one to three
// nested ITEM_VARIATION objects carrying a SKU and a price in cents.
func (g *generator) buildCatalog() catalogSet {
	r := g.stream(streamCatalog)
	updated := g.start.Add(-randomDuration(r, 24*time.Hour, 90*24*time.Hour))
	version := updated.UnixMilli()

	var set catalogSet
	for _, spec := range catalogSpecs(r) {
		version += between64(r, 1, 40)
		item := catalogItem(r, g.ids, spec, version, squareTime(updated))
		set.objects = append(set.objects, item)

		for _, v := range item.Item.ItemData.Variations {
			data := v.ItemVariation.ItemVariationData
			set.byForm[spec.form] = append(set.byForm[spec.form], sellable{
				itemName:      spec.name,
				variationName: *data.Name,
				variationID:   v.ItemVariation.ID,
				version:       version,
				price:         *data.PriceMoney.Amount,
				form:          spec.form,
			})
		}
	}

	return set
}

func catalogItem(
	r *rand.Rand, ids *idMaker, spec itemSpec, version int64, updated string,
) *square.CatalogObject {
	itemID := ids.catalogID(r)

	variations := make([]*square.CatalogObject, 0, len(spec.variations))
	for i, v := range spec.variations {
		variations = append(variations, &square.CatalogObject{
			Type: "ITEM_VARIATION",
			ItemVariation: &square.CatalogObjectItemVariation{
				ID:                    ids.catalogID(r),
				UpdatedAt:             square.String(updated),
				Version:               square.Int64(version),
				PresentAtAllLocations: square.Bool(true),
				ItemVariationData: &square.CatalogItemVariation{
					ItemID:         square.String(itemID),
					Name:           square.String(v.name),
					Sku:            square.String(v.sku),
					Ordinal:        square.Int(i),
					PricingType:    square.CatalogPricingTypeFixedPricing.Ptr(),
					PriceMoney:     usd(v.price),
					TrackInventory: square.Bool(spec.form != formArea),
					Sellable:       square.Bool(true),
					Stockable:      square.Bool(true),
				},
			},
		})
	}

	return &square.CatalogObject{
		Type: "ITEM",
		Item: &square.CatalogObjectItem{
			ID:                    itemID,
			UpdatedAt:             square.String(updated),
			Version:               square.Int64(version),
			PresentAtAllLocations: square.Bool(true),
			ItemData: &square.CatalogItem{
				Name:        square.String(spec.name),
				IsTaxable:   square.Bool(true),
				ProductType: square.CatalogItemProductTypeRegular.Ptr(),
				Variations:  variations,
			},
		},
	}
}

// catalogSpecs lists every item in a fixed order; only prices and a few
// optional variations are random.
func catalogSpecs(r *rand.Rand) []itemSpec {
	var specs []itemSpec
	for _, s := range stones {
		if s.kind.slabLow > 0 {
			specs = append(specs, slabSpec(r, s))
		}
	}
	for _, s := range stones {
		specs = append(specs, areaSpecs(r, s)...)
	}
	for _, s := range stones {
		specs = append(specs, pieceSpecs(r, s)...)
	}
	for _, s := range stones {
		if s.kind == granite || s.kind == quartz || s.kind == marble {
			specs = append(specs, remnantSpec(r, s))
		}
	}
	for _, s := range supplies {
		specs = append(specs, itemSpec{
			name:       s.name,
			form:       formSupply,
			variations: []variationSpec{{name: "Regular", sku: s.sku, price: s.price}},
		})
	}

	return specs
}

func skuBase(s stone) string {
	return s.kind.code + "-" + s.code + "-" + s.color
}

// slabSpec prices a 2 cm slab in the kind's range and a 3 cm slab at 130 %,
// rounded to whole dollars. Slab prices are capped at $4,200 so that a
// one-slab order with tax stays under the VIP threshold.
func slabSpec(r *rand.Rand, s stone) itemSpec {
	twoCM := between64(r, s.kind.slabLow/100, s.kind.slabHigh/100) * 100
	threeCM := min(twoCM*13/10/100*100, 420000)
	base := skuBase(s)

	var variations []variationSpec
	switch s.kind {
	case soapstone:
		variations = []variationSpec{{"3cm Honed", base + "-3CM-HON", threeCM}}
	case onyx:
		variations = []variationSpec{{"2cm Polished", base + "-2CM", twoCM}}
	default:
		variations = []variationSpec{
			{"2cm Polished", base + "-2CM", twoCM},
			{"3cm Polished", base + "-3CM", threeCM},
		}
		if s.kind == marble && chance(r, 0.5) {
			variations = append(variations, variationSpec{"3cm Honed", base + "-3CM-HON", threeCM})
		}
		if s.kind == granite && chance(r, 0.3) {
			variations = append(variations, variationSpec{"3cm Leathered", base + "-3CM-LTH", threeCM})
		}
	}

	return itemSpec{name: s.name + " " + s.kind.word + " Slab", form: formSlab, variations: variations}
}

// areaSpecs returns the tiles and mosaics cut from s, priced per square
// foot in cents ending in 99.
func areaSpecs(r *rand.Rand, s stone) []itemSpec {
	finishes := tileFinishes(s)
	if len(finishes) == 0 {
		return nil
	}

	sizes := []string{"12x12", "12x24"}
	if s.kind == granite {
		sizes = sizes[:1]
	}

	var specs []itemSpec
	for _, size := range sizes {
		specs = append(specs, itemSpec{
			name:       fmt.Sprintf("%s %s Tile %s", s.name, s.kind.word, size),
			form:       formArea,
			variations: finishVariations(r, skuBase(s)+"-"+upper(size), finishes, 499, 2499),
		})
	}
	if s.kind == marble && isMosaicStone(s.code) {
		for _, pattern := range []string{"Hexagon 2 in", "Herringbone"} {
			specs = append(specs, itemSpec{
				name:       fmt.Sprintf("%s %s %s Mosaic", s.name, s.kind.word, pattern),
				form:       formArea,
				variations: finishVariations(r, skuBase(s)+"-MOS-"+upper(pattern[:3]), finishes, 1499, 3499),
			})
		}
	}

	return specs
}

// tileFinishes returns the finishes s is sold in as tile, or nil when the
// store sells no tile of s.
func tileFinishes(s stone) []string {
	switch s.kind {
	case marble:
		return []string{"Polished", "Honed"}
	case travertine:
		return []string{"Honed & Filled", "Tumbled"}
	case slate:
		return []string{"Natural Cleft"}
	case limestone:
		return []string{"Honed"}
	case granite:
		switch s.code {
		case "ABS", "BGX", "BPR", "UBT", "SCC", "STG", "KSW", "BLB":
			return []string{"Polished"}
		}
	}

	return nil
}

func isMosaicStone(code string) bool {
	switch code {
	case "CAR", "CCG", "STA", "NMQ", "EMD", "CRM":
		return true
	}
	return false
}

func finishVariations(r *rand.Rand, base string, finishes []string, low, high int64) []variationSpec {
	price := between64(r, low/100, high/100)*100 + 99
	variations := make([]variationSpec, 0, len(finishes))
	for i, f := range finishes {
		variations = append(variations, variationSpec{
			name:  f,
			sku:   base + "-" + upper(f[:3]),
			price: price + int64(i)*50,
		})
	}

	return variations
}

// pieceSpecs returns the pavers and ledger panels cut from s, priced per
// piece.
func pieceSpecs(r *rand.Rand, s stone) []itemSpec {
	switch s.kind {
	case travertine, limestone, bluestone, sandstone:
		sizes := []string{"16x24", "24x24"}
		if s.kind == bluestone {
			sizes = []string{"12x12", "12x24", "24x24"}
		}
		base := between64(r, 3, 9)*100 + 99
		var variations []variationSpec
		for i, size := range sizes {
			variations = append(variations, variationSpec{
				name:  size,
				sku:   skuBase(s) + "-PVR-" + upper(size),
				price: base + int64(i)*between64(r, 3, 5)*100,
			})
		}
		return []itemSpec{{name: s.name + " " + s.kind.word + " Paver", form: formPiece, variations: variations}}
	case slate, quartzite:
		price := between64(r, 12, 28)*100 + 99
		return []itemSpec{{
			name:       s.name + " " + s.kind.word + " Ledger Panel 6x24",
			form:       formPiece,
			variations: []variationSpec{{"Split Face", skuBase(s) + "-LDG-6X24", price}},
		}}
	}

	return nil
}

func remnantSpec(r *rand.Rand, s stone) itemSpec {
	small := between64(r, 150, 350) * 100
	large := small + between64(r, 150, 300)*100
	base := "REM-" + skuBase(s)

	return itemSpec{
		name: "Remnant - " + s.name + " " + s.kind.word,
		form: formRemnant,
		variations: []variationSpec{
			{"Small (up to 15 sq ft)", base + "-S", small},
			{"Large (up to 30 sq ft)", base + "-L", large},
		},
	}
}

// upper returns s in upper case with spaces and "&" removed, for SKUs.
func upper(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			out = append(out, c-'a'+'A')
		case c == ' ' || c == '&':
		default:
			out = append(out, c)
		}
	}

	return string(out)
}
