package dataset

// productStone is a stone or look that SPS products are cut from: the
// stones of the Square catalog plus a few sold only to the trade, some with
// accented names and SKU codes.
type productStone struct {
	stone
	origins []string // countries the stone comes from
}

// colorNames spells the colour codes of stones as SPS shows them.
var colorNames = map[string]string{
	"BLK": "Black", "WHT": "White", "GRY": "Grey", "BEI": "Beige", "BRN": "Brown",
	"GLD": "Gold", "BLU": "Blue", "GRN": "Green", "RED": "Red", "MUL": "Multicolor",
}

// kindOrigins lists where each kind of stone is quarried or made.
var kindOrigins = map[string][]string{
	"GRN":  {"Brazil", "India", "India", "Brazil", "Norway", "China"},
	"MRB":  {"Italy", "Italy", "Spain", "Greece", "Turkey", "USA"},
	"QTZT": {"Brazil", "Brazil", "India"},
	"QTZ":  {"USA", "Spain", "Vietnam", "China", "Israel"},
	"SOP":  {"Brazil"},
	"ONX":  {"Iran", "Turkey", "Mexico"},
	"TRV":  {"Turkey", "Mexico", "Peru", "Italy"},
	"SLT":  {"India", "Brazil", "China", "USA"},
	"LMS":  {"Israel", "USA", "Portugal", "Germany", "France"},
	"BLS":  {"USA"},
	"SST":  {"India", "USA"},
	"PRC":  {"Italy", "Spain", "China", "USA"},
}

var porcelain = stoneKind{"PRC", "Porcelain", 0, 0}

// tradeStones are sold only through SPS. Three have SKU codes with
// accented letters, as some ERP users type them.
var tradeStones = []stone{
	{marble, "Calacatta Oro — Book-matched", "COB", "WHT"},
	{marble, "Crème Brûlée", "CRÈME", "BEI"},
	{granite, "Azul Bahía", "BAHÍA", "BLU"},
	{granite, "Branco Ceará", "BCE", "WHT"},
	{quartzite, "Verde São Francisco", "VSF", "GRN"},
	{marble, "Grün Tinos", "GRÜN", "GRN"},
	{marble, "Nero Marquiña Extra", "NMX", "BLK"},
	{limestone, "Jura Gelb Gebürstet", "JGG", "BEI"},
	{onyx, "Ónix Miel", "OMI", "GLD"},
	{quartz, "Lumière Blanc", "LBL", "WHT"},
	{porcelain, "Calacatta Oro", "PCO", "WHT"},
	{porcelain, "Statuario Venato", "PSV", "WHT"},
	{porcelain, "Pietra Grey", "PPG", "GRY"},
	{porcelain, "Cemento Ash", "PCA", "GRY"},
	{porcelain, "Travertino Navona", "PTN", "BEI"},
	{porcelain, "Legno Oak", "PLO", "BRN"},
	{porcelain, "Terrazzo Bianco", "PTB", "WHT"},
	{porcelain, "Nero Assoluto", "PNA", "BLK"},
}

// productStones returns every stone products are cut from.
func productStones() []productStone {
	all := make([]productStone, 0, len(stones)+len(tradeStones))
	for _, list := range [][]stone{stones, tradeStones} {
		for _, s := range list {
			all = append(all, productStone{stone: s, origins: kindOrigins[s.kind.code]})
		}
	}
	return all
}

// productLine is a family of SPS products: its category, subcategory and
// type, how its SKUs and names are built, and its wholesale price range in
// cents per unit.
type productLine struct {
	category    string
	subcategory string // "" means the stone kind's word, as for slabs
	kind        string // the SPS type field
	code        string // SKU part after the stone code
	unit        string // unit of sale a price is for: "slab", "sq ft", "sheet", "piece", "each"
	weight      int
	kinds       []string // stone kind codes cut this way; nil for supplies
	finishes    []string
	thicknesses []string
	dimensions  []string
	low, high   int64
}

var (
	slabFinishes        = []string{"Polished", "Polished", "Polished", "Honed", "Leathered", "Brushed", "Satin"}
	productTileFinishes = []string{"Polished", "Honed", "Tumbled", "Matte", "Brushed"}
	paverFinishes       = []string{"Tumbled", "Thermal", "Flamed", "Sandblasted", "Natural Cleft"}
	slabSizes           = []string{"126 x 63 in", "120 x 60 in", "130 x 77 in", "118x55", ""}
)

// productLines are the stone yard's product families. Weights give each
// line's share of the generated catalogue.
var productLines = []productLine{
	{"Slabs", "", "Slab", "SLAB", "slab", 34, []string{"GRN", "MRB", "QTZT", "QTZ", "SOP", "ONX", "PRC"},
		slabFinishes, []string{"2cm", "3cm", "3cm", "2CM", "12mm"}, slabSizes, 45000, 260000},
	{"Tile", "", "Floor Tile", "TILE", "sq ft", 20, []string{"MRB", "TRV", "SLT", "LMS", "PRC", "GRN"},
		productTileFinishes, []string{"3/8\"", "1/2\"", "10mm", ""}, []string{"12x24", "24x24", "12x12", "3x12", "18x18", "24 x 48"}, 299, 2899},
	{"Tile", "Wall Tile", "Wall Tile", "WALL", "sq ft", 6, []string{"MRB", "PRC", "LMS"},
		productTileFinishes, []string{"3/8\"", ""}, []string{"3x6", "4x12", "2x8", "3x12"}, 499, 3299},
	{"Mosaics", "", "Mosaic", "MOS", "sheet", 10, []string{"MRB", "PRC", "TRV", "ONX"},
		[]string{"Polished", "Honed", "Tumbled"}, []string{"3/8\"", ""},
		[]string{"12x12 sheet", "Hexagon 2 in", "Herringbone 1x3", "Basketweave", "Penny Round", "Arabesque"}, 1299, 4999},
	{"Pavers", "", "Paver", "PAV", "sq ft", 9, []string{"TRV", "BLS", "SST", "PRC", "GRN", "LMS"},
		paverFinishes, []string{"2cm", "3cm", "1 1/4\""}, []string{"16x24", "24x24", "12x24", "French Pattern"}, 399, 1599},
	{"Ledger Panels", "", "Ledger Panel", "LDG", "piece", 6, []string{"SLT", "QTZT", "LMS", "SST"},
		[]string{"Split Face", "Split Face", "Honed"}, []string{""}, []string{"6x24", "6x18 corner", "6 x 24 in"}, 1499, 4599},
	{"Sinks", "Undermount", "Sink", "SNK", "each", 3, []string{"MRB", "GRN", "TRV"},
		[]string{"Polished", "Honed"}, []string{""}, []string{"30 x 18 in", "16 in round", "33 x 22 in"}, 19900, 129900},
}

// supplyLine is a family of care products or setting materials, sold
// per unit in a few sizes and, for grout and caulk, in many colours.
type supplyLine struct {
	category    string
	subcategory string
	code        string
	names       []string
	sizes       []string
	colors      []string
	brands      []string
	low, high   int64
}

var groutColors = []string{"Bright White", "Snow White", "Bone", "Antique White", "Alabaster", "Warm Grey", "Delorean Gray",
	"Charcoal", "Mocha", "Sable Brown", "Sandstone", "Haystack", "Earth", "Platinum", "Silverado", "Tobacco Road", "Natural Gray",
	"Oyster Gray", "Light Smoke", "Quartz Beige", "Black", "Summer Wheat"}

var supplyLines = []supplyLine{
	{"Care Products", "Sealers", "CARE-SEAL", []string{"Penetrating Sealer", "Enhancing Sealer", "Impregnator Pro", "Color Enhancer"},
		[]string{"1 qt", "1 gal", "5 gal", "24 oz"}, nil, []string{"ProSeal", "StoneCare Pro", "Aqua Mix"}, 899, 18999},
	{"Care Products", "Cleaners", "CARE-CLN", []string{"Daily Stone Cleaner", "Heavy-Duty Stripper", "Grout Haze Remover", "Soap Scum Remover"},
		[]string{"32 oz", "1 gal", "24 oz"}, nil, []string{"StoneCare Pro", "ProSeal"}, 699, 5999},
	{"Care Products", "Polishes", "CARE-POL", []string{"Marble Polishing Powder", "Granite Polish", "Etch Remover"},
		[]string{"1 lb", "16 oz", "8 oz"}, nil, []string{"StoneCare Pro"}, 1299, 4999},
	{"Setting Materials", "Grout", "SET-GRT", []string{"Sanded Grout", "Unsanded Grout", "Epoxy Grout"},
		[]string{"25 lb", "10 lb", "1 gal kit"}, groutColors, []string{"SetRite", "BondMaster"}, 1299, 12999},
	{"Setting Materials", "Caulk", "SET-CLK", []string{"Color-Matched Silicone Caulk", "Sanded Caulk"},
		[]string{"10 oz"}, groutColors, []string{"SetRite"}, 899, 2499},
	{"Setting Materials", "Thinset", "SET-THN", []string{"Polymer-Modified Thinset", "Large-Format Tile Mortar", "Rapid-Set Mortar"},
		[]string{"50 lb"}, []string{"White", "Gray"}, []string{"SetRite", "BondMaster"}, 2499, 6999},
	{"Setting Materials", "Adhesives", "SET-ADH", []string{"Knife-Grade Epoxy", "Flowable Epoxy", "Stone Adhesive"},
		[]string{"1 qt kit", "1 L", "400 ml"}, []string{"Clear", "Ivory", "Black", "Straw"}, []string{"BondMaster"}, 2499, 9999},
}

// suppliersByOrigin lists the suppliers of each origin, with Unicode and
// CJK spellings as SPS holds them.
var suppliersByOrigin = map[string][]string{
	"Brazil":   {"Vitória Granitos Ltda.", "Mármores Cachoeiro S.A.", "Brazil Stone Export"},
	"India":    {"Rajasthan Stone Exports Pvt. Ltd.", "Bangalore Granites", "Südindien Granit GmbH"},
	"Italy":    {"Marmi Apuani S.r.l.", "Graniti Fiorentini", "Ceramiche di Sassuolo S.p.A."},
	"Spain":    {"Piedras Levante S.L.", "Cerámica Castellón S.A.", "Mármoles Macael"},
	"Greece":   {"Thassos Marble Ε.Π.Ε."},
	"Turkey":   {"Denizli Traverten A.Ş.", "Anatolia Stone"},
	"USA":      {"Vermont Quarries Co.", "Keystone Porcelain Mfg.", "Stone City Supply"},
	"China":    {"厦门石材进出口有限公司", "南安市鑫源石业有限公司", "Xiamen Sunrise Stone"},
	"Vietnam":  {"Công ty Đá Việt Nam", "Saigon Quartz JSC"},
	"Israel":   {"Jerusalem Stone Ltd.", "Caesarea Surfaces"},
	"Iran":     {"Persian Onyx Trading"},
	"Mexico":   {"Canteras del Bajío", "Mármoles de Querétaro"},
	"Peru":     {"Travertinos Andinos S.A.C."},
	"Portugal": {"Pedras de Portugal Lda."},
	"Germany":  {"Böhm Naturstein GmbH"},
	"France":   {"Carrières de Bourgogne"},
	"Norway":   {"Larvik Stein AS"},
}

// brandsByKind lists the brands of manufactured surfaces; natural stone
// mostly has none.
var brandsByKind = map[string][]string{
	"QTZ": {"Quartzform", "Lumina Surfaces", "Caesarea Surfaces"},
	"PRC": {"TerraPorcelana", "Gres Italia", "Keystone Porcelain"},
}
