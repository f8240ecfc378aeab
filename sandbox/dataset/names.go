package dataset

// name is a given or family name as people write it, with the ASCII form
// used to build e-mail addresses.
type name struct {
	text  string
	ascii string
}

var givenNames = []name{
	{"Maria", "maria"}, {"James", "james"}, {"Linda", "linda"}, {"Robert", "robert"},
	{"Jennifer", "jennifer"}, {"Michael", "michael"}, {"Elizabeth", "elizabeth"},
	{"David", "david"}, {"Susan", "susan"}, {"Daniel", "daniel"}, {"Karen", "karen"},
	{"Kevin", "kevin"}, {"Nancy", "nancy"}, {"Brian", "brian"}, {"Emily", "emily"},
	{"Jason", "jason"}, {"Megan", "megan"}, {"Ryan", "ryan"}, {"Laura", "laura"},
	{"Eric", "eric"}, {"Rachel", "rachel"}, {"Tyler", "tyler"}, {"Hannah", "hannah"},
	{"Aaron", "aaron"}, {"Olivia", "olivia"}, {"Nathan", "nathan"}, {"Grace", "grace"},
	{"Samuel", "samuel"}, {"Chloe", "chloe"}, {"Marcus", "marcus"}, {"Priya", "priya"},
	{"Arjun", "arjun"}, {"Fatima", "fatima"}, {"Omar", "omar"}, {"Aisha", "aisha"},
	{"Hiroshi", "hiroshi"}, {"Yuki", "yuki"}, {"Min-jun", "minjun"}, {"Ji-woo", "jiwoo"},
	{"Thanh", "thanh"}, {"Mai", "mai"}, {"Carlos", "carlos"}, {"Lucía", "lucia"},
	{"José", "jose"}, {"Zoë", "zoe"}, {"Renée", "renee"}, {"François", "francois"},
	{"Björn", "bjorn"}, {"Søren", "soren"}, {"Chloé", "chloe"}, {"Łukasz", "lukasz"},
	{"Siobhán", "siobhan"}, {"Dmitri", "dmitri"}, {"Ingrid", "ingrid"}, {"Mateo", "mateo"},
	{"Valentina", "valentina"}, {"Kofi", "kofi"}, {"Amara", "amara"}, {"Tomás", "tomas"},
	{"Noémie", "noemie"}, {"Jürgen", "jurgen"}, {"Ana", "ana"}, {"Luis", "luis"},
	{"Rosa", "rosa"}, {"Gabriel", "gabriel"}, {"Sofia", "sofia"}, {"Ethan", "ethan"},
	{"Ava", "ava"}, {"Noah", "noah"}, {"Mia", "mia"}, {"Liam", "liam"}, {"Isabel", "isabel"},
	{"Trevor", "trevor"}, {"Dana", "dana"}, {"Wesley", "wesley"}, {"Heather", "heather"},
	{"Greg", "greg"}, {"Tanya", "tanya"}, {"Colin", "colin"}, {"Brooke", "brooke"},
}

var familyNames = []name{
	{"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"},
	{"Brown", "brown"}, {"Jones", "jones"}, {"Miller", "miller"}, {"Davis", "davis"},
	{"Wilson", "wilson"}, {"Anderson", "anderson"}, {"Taylor", "taylor"},
	{"Thomas", "thomas"}, {"Moore", "moore"}, {"Martin", "martin"}, {"Jackson", "jackson"},
	{"Thompson", "thompson"}, {"White", "white"}, {"Harris", "harris"}, {"Clark", "clark"},
	{"Lewis", "lewis"}, {"Robinson", "robinson"}, {"Walker", "walker"}, {"Young", "young"},
	{"Allen", "allen"}, {"King", "king"}, {"Wright", "wright"}, {"Scott", "scott"},
	{"Hill", "hill"}, {"Green", "green"}, {"Adams", "adams"}, {"Baker", "baker"},
	{"Nelson", "nelson"}, {"Carter", "carter"}, {"Mitchell", "mitchell"},
	{"Lopez", "lopez"}, {"Gonzalez", "gonzalez"}, {"Rivera", "rivera"},
	{"Ramirez", "ramirez"}, {"Torres", "torres"}, {"Flores", "flores"},
	{"García", "garcia"}, {"Hernández", "hernandez"}, {"Núñez", "nunez"},
	{"Peña", "pena"}, {"Nguyen", "nguyen"}, {"Tran", "tran"}, {"Pham", "pham"},
	{"Kim", "kim"}, {"Park", "park"}, {"Lee", "lee"}, {"Chen", "chen"}, {"Wang", "wang"},
	{"Patel", "patel"}, {"Shah", "shah"}, {"Singh", "singh"}, {"Tanaka", "tanaka"},
	{"Sato", "sato"}, {"O'Neil", "oneil"}, {"O'Brien", "obrien"}, {"D'Angelo", "dangelo"},
	{"McAllister", "mcallister"}, {"MacDonald", "macdonald"}, {"Smith-Jones", "smithjones"},
	{"van der Berg", "vanderberg"}, {"de la Cruz", "delacruz"}, {"Schäfer", "schafer"},
	{"Müller", "muller"}, {"Østergaard", "ostergaard"}, {"Kowalski", "kowalski"},
	{"Wąsowski", "wasowski"}, {"Björklund", "bjorklund"}, {"Haddad", "haddad"},
	{"Okafor", "okafor"}, {"Mensah", "mensah"}, {"Ivanova", "ivanova"},
	{"Lindqvist", "lindqvist"}, {"Fitzgerald", "fitzgerald"}, {"Delgado", "delgado"},
	{"Castillo", "castillo"}, {"Morales", "morales"}, {"Sandoval", "sandoval"},
	{"Ferreira", "ferreira"}, {"Rossi", "rossi"}, {"Bianchi", "bianchi"},
}

// person is someone who appears in Square, HubSpot or both.
type person struct {
	given  string // as written, possibly odd case; empty when unknown
	family string
	handle string // ASCII e-mail local part, e.g. "maria.lopez"
}

// specialPeople are written into the customer directory once each, so
// that every dataset of useful size has them: Unicode in several scripts,
// odd case, apostrophes and names of about 200 characters.
var specialPeople = []person{
	{"José", "Núñez", "jose.nunez"},
	{"Zoë", "Schäfer", "zoe.schafer"},
	{"伟", "陈", "chen.wei"},
	{"娜", "李", "li.na"},
	{"mARIA", "gonzalez", "maria.g"},
	{"Kevin", "O'NEIL", "kevin.oneil"},
	{"Siobhán", "Ní Bhriain", "siobhan.nibhriain"},
	{"Юлия", "Смирнова", "yulia.smirnova"},
	{"Nguyễn", "Thị Hương", "huong.nguyen"},
	{"ŁUKASZ", "wąsowski", "lukasz.w"},
	{"Maria Fernanda Guadalupe de los Ángeles", longFamilyName, "mfg.delosangeles"},
	{longGivenName, "Featherstonehaugh", "r.featherstonehaugh"},
}

// longFamilyName and longGivenName are about 200 characters each. Square's
// OpenAPI spec (2025-05-21) sets no maximum length on customer names.
const (
	longFamilyName = "Castellanos-Villaseñor de la Fuente y Montemayor-Echeverría " +
		"Santibáñez de Bracamonte y Albornoz-Quintanilla de Valdés " +
		"Sotomayor y Fernández de Córdoba-Altamirano de la Torre y Mendoza-Arrieta de Zúñiga"
	longGivenName = "Reginald Bartholomew Algernon Montgomery Fitzwilliam Percival " +
		"Thaddeus Cornelius Augustus Leopold Maximilian Ferdinand Sebastian " +
		"Archibald Wellington Harrington-Smythe the Third of Wolverhampton-upon-Tyne"
)

// freeMailDomains are consumer mailbox providers: an address there does
// not identify the buyer's company.
var freeMailDomains = []string{
	"gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com",
	"hotmail.com", "icloud.com", "aol.com",
}

// streets and cities give customer and company addresses around the
// Puget Sound.
var streets = []string{
	"Aurora Ave N", "Rainier Ave S", "NE 45th St", "Greenwood Ave N", "Lake City Way NE",
	"California Ave SW", "Pacific Hwy S", "Bothell Way NE", "Meridian Ave E", "SE 36th St",
	"Mountain View Dr", "Cedar Ln", "Maple Valley Hwy", "Evergreen Way", "Harbor Pl",
}

var cities = []struct{ name, state, zip string }{
	{"Seattle", "WA", "98103"}, {"Seattle", "WA", "98118"}, {"Bellevue", "WA", "98004"},
	{"Redmond", "WA", "98052"}, {"Kirkland", "WA", "98033"}, {"Tacoma", "WA", "98402"},
	{"Everett", "WA", "98201"}, {"Renton", "WA", "98057"}, {"Kent", "WA", "98032"},
	{"Issaquah", "WA", "98027"}, {"Bothell", "WA", "98011"}, {"Shoreline", "WA", "98133"},
	{"Olympia", "WA", "98501"}, {"Bainbridge Island", "WA", "98110"},
	{"Portland", "OR", "97205"}, {"Vancouver", "WA", "98660"},
}
