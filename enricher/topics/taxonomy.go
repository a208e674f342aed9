package topics

// Top-level IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/), in code order.
var topLevel = [...]struct{ Code, Label string }{
	{"medtop:01000000", "arts, culture, entertainment and media"},
	{"medtop:02000000", "crime, law and justice"},
	{"medtop:03000000", "disaster, accident and emergency incident"},
	{"medtop:04000000", "economy, business and finance"},
	{"medtop:05000000", "education"},
	{"medtop:06000000", "environment"},
	{"medtop:07000000", "health"},
	{"medtop:08000000", "human interest"},
	{"medtop:09000000", "labour"},
	{"medtop:10000000", "lifestyle and leisure"},
	{"medtop:11000000", "politics"},
	{"medtop:12000000", "religion"},
	{"medtop:13000000", "science and technology"},
	{"medtop:14000000", "society"},
	{"medtop:15000000", "sport"},
	{"medtop:16000000", "conflict, war and peace"},
	{"medtop:17000000", "weather"},
}

// Indexes into topLevel of the topics the trained head covers.
const (
	topArts     = 0
	topEconomy  = 3
	topPolitics = 10
	topScience  = 12
	topSport    = 14
)

// bbcClasses maps the BBC corpus folders to the trained head's classes, in head order.
var bbcClasses = [...]struct {
	Folder string
	Top    int // index into topLevel
}{
	{"business", topEconomy},
	{"entertainment", topArts},
	{"politics", topPolitics},
	{"sport", topSport},
	{"tech", topScience},
}

// reutersSubjects maps the ten most frequent Reuters-21578 ModApte categories to IPTC
// subjects under medtop:04000000 (economy, business and finance). Commodity stories (crude,
// grain, wheat, corn) and shipping are mapped to "market and exchange" and "economy": the
// nearest subjects whose codes we could check offline.
var reutersSubjects = [...]struct{ Category, Code, Label string }{
	{"earn", "medtop:20000178", "corporate earnings"},
	{"acq", "medtop:20000204", "merger and acquisition"},
	{"money-fx", "medtop:20000385", "market and exchange"},
	{"grain", "medtop:20000385", "market and exchange"},
	{"crude", "medtop:20000385", "market and exchange"},
	{"trade", "medtop:20000373", "international trade"},
	{"interest", "medtop:20000371", "interest rates"},
	{"ship", "medtop:20000344", "economy"},
	{"wheat", "medtop:20000385", "market and exchange"},
	{"corn", "medtop:20000385", "market and exchange"},
}
