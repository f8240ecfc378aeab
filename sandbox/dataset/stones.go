package dataset

// stoneKind is a family of stone with its SKU prefix and its price range
// per 2 cm slab in cents.
type stoneKind struct {
	code     string // SKU prefix, e.g. "GRN"
	word     string // word used in item names, e.g. "Granite"
	slabLow  int64
	slabHigh int64
}

var (
	granite    = stoneKind{"GRN", "Granite", 95000, 210000}
	marble     = stoneKind{"MRB", "Marble", 140000, 320000}
	quartzite  = stoneKind{"QTZT", "Quartzite", 190000, 320000}
	quartz     = stoneKind{"QTZ", "Quartz", 120000, 260000}
	soapstone  = stoneKind{"SOP", "Soapstone", 160000, 240000}
	onyx       = stoneKind{"ONX", "Onyx", 260000, 320000}
	travertine = stoneKind{"TRV", "Travertine", 0, 0}
	slate      = stoneKind{"SLT", "Slate", 0, 0}
	limestone  = stoneKind{"LMS", "Limestone", 0, 0}
	bluestone  = stoneKind{"BLS", "Bluestone", 0, 0}
	sandstone  = stoneKind{"SST", "Sandstone", 0, 0}
)

// stone is one named stone sold by the store. code is unique within its
// kind; color is a three-letter colour code used in SKUs.
type stone struct {
	kind  stoneKind
	name  string
	code  string
	color string
}

// stones lists every stone in the catalog, grouped by kind. The order is
// fixed because catalog ids are drawn in this order.
var stones = []stone{
	{granite, "Absolute Black", "ABS", "BLK"},
	{granite, "Black Galaxy", "BGX", "BLK"},
	{granite, "Blue Pearl", "BPR", "BLU"},
	{granite, "Uba Tuba", "UBT", "GRN"},
	{granite, "Santa Cecilia", "SCC", "GLD"},
	{granite, "Giallo Ornamental", "GOR", "GLD"},
	{granite, "Baltic Brown", "BLB", "BRN"},
	{granite, "Steel Grey", "STG", "GRY"},
	{granite, "Colonial White", "CLW", "WHT"},
	{granite, "Kashmir White", "KSW", "WHT"},
	{granite, "Alaska White", "AKW", "WHT"},
	{granite, "White Ice", "WIC", "WHT"},
	{granite, "Tan Brown", "TNB", "BRN"},
	{granite, "Verde Butterfly", "VBF", "GRN"},
	{granite, "New Venetian Gold", "NVG", "GLD"},
	{granite, "Black Pearl", "BPL", "BLK"},
	{granite, "Bianco Antico", "BAN", "WHT"},
	{granite, "Typhoon Bordeaux", "TYB", "RED"},
	{granite, "Azul Aran", "AZA", "BLU"},
	{granite, "Costa Esmeralda", "CES", "GRN"},
	{marble, "Carrara", "CAR", "WHT"},
	{marble, "Calacatta Gold", "CCG", "WHT"},
	{marble, "Statuario", "STA", "WHT"},
	{marble, "Nero Marquina", "NMQ", "BLK"},
	{marble, "Emperador Dark", "EMD", "BRN"},
	{marble, "Crema Marfil", "CRM", "BEI"},
	{marble, "Thassos", "THS", "WHT"},
	{marble, "Arabescato", "ARB", "WHT"},
	{marble, "Rosso Levanto", "RLV", "RED"},
	{marble, "Verde Alpi", "VAL", "GRN"},
	{marble, "Bardiglio", "BRD", "GRY"},
	{marble, "Danby", "DNB", "WHT"},
	{quartzite, "Taj Mahal", "TAJ", "BEI"},
	{quartzite, "Mont Blanc", "MBL", "WHT"},
	{quartzite, "Fantasy Brown", "FNB", "BRN"},
	{quartzite, "Super White", "SPW", "WHT"},
	{quartzite, "Sea Pearl", "SEP", "GRY"},
	{quartzite, "Blue Roma", "BRM", "BLU"},
	{quartzite, "Macaubas", "MCB", "GRY"},
	{quartzite, "Cristallo", "CRS", "WHT"},
	{quartz, "Pure White", "PWH", "WHT"},
	{quartz, "Calacatta Nuvo", "CNV", "WHT"},
	{quartz, "Concrete Grey", "CNG", "GRY"},
	{quartz, "Midnight Black", "MNB", "BLK"},
	{quartz, "Statuario Maximus", "STM", "WHT"},
	{quartz, "Desert Sand", "DSS", "BEI"},
	{soapstone, "Barroca", "BAR", "GRY"},
	{soapstone, "Santa Rita", "SRT", "GRY"},
	{onyx, "Honey", "HON", "GLD"},
	{onyx, "White", "WON", "WHT"},
	{travertine, "Classic Ivory", "CIV", "BEI"},
	{travertine, "Noce", "NOC", "BRN"},
	{travertine, "Silver", "SLV", "GRY"},
	{travertine, "Walnut", "WAL", "BRN"},
	{slate, "Montauk Black", "MTB", "BLK"},
	{slate, "Vermont Grey", "VTG", "GRY"},
	{slate, "Rustic Gold", "RSG", "GLD"},
	{slate, "Indian Autumn", "IAU", "MUL"},
	{limestone, "Jerusalem Gold", "JRG", "GLD"},
	{limestone, "Indiana Buff", "INB", "BEI"},
	{limestone, "Lagos Blue", "LGB", "BLU"},
	{bluestone, "Pennsylvania", "PNS", "BLU"},
	{bluestone, "Full Color", "FCL", "MUL"},
	{sandstone, "Arizona Flagstone", "AZF", "RED"},
	{sandstone, "Indian Rainbow", "IRB", "MUL"},
}

// supply is a non-stone product: care products, setting materials, tools
// and sinks, sold per unit at a fixed price in cents.
type supply struct {
	name  string
	sku   string
	price int64
}

var supplies = []supply{
	{"Stone Sealer Pro, 1 qt", "SUP-SEAL-QT", 3499},
	{"Stone Sealer Pro, 1 gal", "SUP-SEAL-GAL", 8999},
	{"Granite & Quartz Cleaner Spray", "SUP-CLN-SPR", 1299},
	{"Marble Polishing Powder", "SUP-POL-PWD", 2499},
	{"Knife-Grade Epoxy Kit", "SUP-EPX-KIT", 4599},
	{"Color-Matched Silicone Caulk", "SUP-CLK-CM", 1599},
	{"Polymer-Modified Thinset, 50 lb", "SUP-THN-50", 3899},
	{"Large-Format Tile Mortar, 50 lb", "SUP-LFT-50", 4799},
	{"Sanded Grout, 25 lb", "SUP-GRT-SND", 2899},
	{"Unsanded Grout, 10 lb", "SUP-GRT-UNS", 1899},
	{"Diamond Polishing Pad Set", "SUP-DPP-SET", 6999},
	{"Undermount Sink Clips, set of 10", "SUP-SNK-CLP", 2299},
	{"Stainless Undermount Sink, 30 in", "SUP-SNK-30", 32900},
	{"Fireclay Farmhouse Sink, 33 in", "SUP-SNK-FC33", 89900},
	{"Edge Profile Sample Set", "SUP-EDG-SMP", 4900},
	{"Stone Care Kit", "SUP-CARE-KIT", 5999},
	{"Tile Leveling System, 100 pcs", "SUP-LVL-100", 3999},
	{"Backer Board, 3x5 ft", "SUP-BKR-35", 1699},
	{"Waterproofing Membrane Roll", "SUP-WPM-ROLL", 11999},
	{"Polished Edge Touch-Up Kit", "SUP-EDG-TUK", 2799},
}

// customCharges are the CUSTOM_AMOUNT lines a cashier keys in by hand:
// labour and delivery with no catalog item. Prices are in cents.
var customCharges = []struct {
	name      string
	low, high int64
}{
	{"Fabrication labor", 15000, 90000},
	{"Delivery - local", 7500, 25000},
	{"Sink cut-out", 12500, 25000},
	{"Edge polishing", 4000, 30000},
	{"Template fee", 15000, 35000},
	{"Custom Amount", 1000, 50000},
}
