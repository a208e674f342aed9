package synth

// The word lists below are hand-written for this generator. Countries, capitals, demonyms and
// the larger cities are real (so that the place tagger has something to find, including names
// with non-ASCII letters, whose byte offsets differ from their rune offsets); people, companies,
// clubs and news sources are invented. Source domains use the reserved .example top-level
// domain, so no generated URL points at a real site.

type country struct {
	name    string // as written mid-sentence: "the Netherlands"
	capital string
	demonym string
	cities  []string // other large cities, besides the capital
}

var countries = []country{
	{"France", "Paris", "French", []string{"Marseille", "Lyon", "Toulouse"}},
	{"Germany", "Berlin", "German", []string{"Hamburg", "Munich", "Frankfurt", "Cologne"}},
	{"Spain", "Madrid", "Spanish", []string{"Barcelona", "Valencia", "Seville"}},
	{"Italy", "Rome", "Italian", []string{"Milan", "Naples", "Turin"}},
	{"Portugal", "Lisbon", "Portuguese", []string{"Porto"}},
	{"Poland", "Warsaw", "Polish", []string{"Kraków", "Łódź", "Gdańsk"}},
	{"Sweden", "Stockholm", "Swedish", []string{"Gothenburg", "Malmö"}},
	{"Norway", "Oslo", "Norwegian", []string{"Bergen"}},
	{"Finland", "Helsinki", "Finnish", []string{"Tampere"}},
	{"Denmark", "Copenhagen", "Danish", []string{"Aarhus"}},
	{"the Netherlands", "Amsterdam", "Dutch", []string{"Rotterdam", "Utrecht"}},
	{"Belgium", "Brussels", "Belgian", []string{"Antwerp"}},
	{"Austria", "Vienna", "Austrian", []string{"Graz"}},
	{"Switzerland", "Bern", "Swiss", []string{"Zürich", "Geneva"}},
	{"Greece", "Athens", "Greek", []string{"Thessaloniki"}},
	{"Turkey", "Ankara", "Turkish", []string{"Istanbul", "Izmir"}},
	{"Ukraine", "Kyiv", "Ukrainian", []string{"Kharkiv", "Odesa", "Lviv"}},
	{"Russia", "Moscow", "Russian", []string{"Novosibirsk", "Kazan"}},
	{"Egypt", "Cairo", "Egyptian", []string{"Alexandria"}},
	{"Nigeria", "Abuja", "Nigerian", []string{"Lagos", "Kano", "Ibadan"}},
	{"Kenya", "Nairobi", "Kenyan", []string{"Mombasa"}},
	{"South Africa", "Pretoria", "South African", []string{"Johannesburg", "Cape Town", "Durban"}},
	{"Ethiopia", "Addis Ababa", "Ethiopian", nil},
	{"Morocco", "Rabat", "Moroccan", []string{"Casablanca", "Marrakesh"}},
	{"Ghana", "Accra", "Ghanaian", []string{"Kumasi"}},
	{"Senegal", "Dakar", "Senegalese", nil},
	{"Côte d'Ivoire", "Yamoussoukro", "Ivorian", []string{"Abidjan"}},
	{"India", "New Delhi", "Indian", []string{"Mumbai", "Bengaluru", "Chennai", "Kolkata"}},
	{"Pakistan", "Islamabad", "Pakistani", []string{"Karachi", "Lahore"}},
	{"Bangladesh", "Dhaka", "Bangladeshi", []string{"Chittagong"}},
	{"China", "Beijing", "Chinese", []string{"Shanghai", "Shenzhen", "Wuhan", "Chengdu"}},
	{"Japan", "Tokyo", "Japanese", []string{"Osaka", "Yokohama", "Nagoya"}},
	{"South Korea", "Seoul", "South Korean", []string{"Busan", "Incheon"}},
	{"Indonesia", "Jakarta", "Indonesian", []string{"Surabaya", "Bandung"}},
	{"Vietnam", "Hanoi", "Vietnamese", []string{"Ho Chi Minh City", "Da Nang"}},
	{"Thailand", "Bangkok", "Thai", []string{"Chiang Mai"}},
	{"the Philippines", "Manila", "Filipino", []string{"Cebu", "Davao"}},
	{"Australia", "Canberra", "Australian", []string{"Sydney", "Melbourne", "Brisbane", "Perth"}},
	{"New Zealand", "Wellington", "New Zealand", []string{"Auckland", "Christchurch"}},
	{"Canada", "Ottawa", "Canadian", []string{"Toronto", "Montreal", "Vancouver", "Calgary"}},
	{"the United States", "Washington", "American", []string{"New York", "Chicago", "Los Angeles", "Houston"}},
	{"Mexico", "Mexico City", "Mexican", []string{"Guadalajara", "Monterrey"}},
	{"Brazil", "Brasília", "Brazilian", []string{"São Paulo", "Rio de Janeiro", "Salvador"}},
	{"Argentina", "Buenos Aires", "Argentine", []string{"Córdoba", "Rosario"}},
	{"Chile", "Santiago", "Chilean", []string{"Valparaíso"}},
	{"Colombia", "Bogotá", "Colombian", []string{"Medellín", "Cali"}},
	{"Peru", "Lima", "Peruvian", []string{"Arequipa"}},
	{"Iran", "Tehran", "Iranian", []string{"Mashhad", "Isfahan"}},
	{"Iraq", "Baghdad", "Iraqi", []string{"Basra", "Mosul"}},
	{"Saudi Arabia", "Riyadh", "Saudi", []string{"Jeddah"}},
	{"Qatar", "Doha", "Qatari", nil},
	{"the United Kingdom", "London", "British", []string{"Manchester", "Birmingham", "Glasgow"}},
	{"Ireland", "Dublin", "Irish", []string{"Cork"}},
	{"Iceland", "Reykjavík", "Icelandic", nil},
	{"Hungary", "Budapest", "Hungarian", []string{"Debrecen"}},
	{"Romania", "Bucharest", "Romanian", []string{"Cluj-Napoca"}},
	{"Czech Republic", "Prague", "Czech", []string{"Brno"}},
}

var firstNames = []string{
	"Amara", "Lukas", "Sofia", "Hiroshi", "Priya", "Mateo", "Ingrid", "Kwame", "Elena", "Omar",
	"Mei", "Aisha", "Javier", "Freya", "Nikolai", "Fatima", "Tomasz", "Leila", "Diego", "Yuki",
	"Samuel", "Zanele", "Henrik", "Marta", "Rafael", "Nadia", "Björn", "José", "Chloé", "Søren",
	"Anika", "Tariq", "Olivia", "Chidi", "Ana", "Pavel", "Grace", "Ravi", "Ines", "Kofi",
}

var lastNames = []string{
	"Okafor", "Lindqvist", "Moreau", "Tanaka", "Sharma", "Fernández", "Novak", "Mensah",
	"Kowalski", "Haddad", "Müller", "Rossi", "Petrov", "Nakamura", "Oliveira", "Dubois",
	"Ahmed", "Jensen", "Castillo", "Nguyen", "Brennan", "van der Berg", "Costa", "Ibrahim",
	"Schmidt", "Park", "Kaya", "Andersson", "Mwangi", "Duarte", "Halvorsen", "Szabó",
	"Reyes", "Whitfield", "Adeyemi", "Kovalenko", "Lambert", "Bakker", "Quispe", "Farouk",
}

var companies = []string{
	"Northwind Energy", "Helios Motors", "Bluecrest Bank", "Arcadia Pharmaceuticals",
	"Quantum Forge", "Meridian Airlines", "Vantage Telecom", "Orion Semiconductors",
	"Greenfield Foods", "Atlas Logistics", "Silverline Mining", "Keystone Insurance",
	"Lumen Robotics", "Harbourview Capital", "Cobalt Cloud Systems", "Tessera Biotech",
	"Polaris Shipping", "Evergreen Retail Group", "Nimbus Software", "Redwood Steel",
}

var institutions = []string{
	"the International Monetary Fund", "the World Bank", "the World Health Organization",
	"the United Nations", "the European Central Bank", "the World Trade Organization",
	"the Red Cross", "Médecins Sans Frontières", "the African Union", "the OECD",
}

var teams = []string{
	"Northbridge Rovers", "Harbour United", "Kestrel City", "Atlético Sierra",
	"Red Star Vale", "Olympic Lakeside", "Sporting Almeira", "Dynamo Eastfield",
	"Real Costa Verde", "Union Bergstadt", "Riverside Athletic", "FC Nordhavn",
}

// source is a news outlet; domain hosts its article URLs.
type source struct {
	name   string
	domain string
}

var sources = []source{
	{"The Daily Courier", "www.dailycourier.example"},
	{"Global Wire", "news.globalwire.example"},
	{"Harbour Times", "www.harbourtimes.example"},
	{"Metro Tribune", "metrotribune.example"},
	{"Continental Press", "www.continentalpress.example"},
	{"The Morning Ledger", "www.morningledger.example"},
	{"Pacific Herald", "pacificherald.example"},
	{"Nordic Bulletin", "www.nordicbulletin.example"},
	{"Sahel Observer", "www.sahelobserver.example"},
	{"Andes Chronicle", "andeschronicle.example"},
	{"Capital Report", "www.capitalreport.example"},
	{"The Evening Standard-Post", "eveningpost.example"},
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var ordinals = []string{"second", "third", "fourth", "fifth", "sixth", "seventh"}

var currencies = []string{"$", "€", "£"}

var bylineRoles = []string{"Reporting by", "Additional reporting by", "Writing by"}

var editRoles = []string{"Editing by", "Edited by"}
