package quant

// currencySymbols maps currency symbols to ISO 4217 codes. "$" alone is read as US dollars
// and "¥" as yen, unless a prefix says otherwise (see symbolPrefixes).
var currencySymbols = map[string]string{
	"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW",
	"₺": "TRY", "₦": "NGN", "₱": "PHP", "₪": "ILS", "₫": "VND", "₴": "UAH", "฿": "THB",
	"₡": "CRC", "₸": "KZT", "₵": "GHS", "₼": "AZN", "₾": "GEL",
}

// symbolPrefixes are the letters written against a currency symbol to name another currency
// than its default ("A$5", "HK$3bn", "CN¥10"), exactly in this case.
var symbolPrefixes = []struct{ prefix, symbol, currency string }{
	{"US", "$", "USD"}, {"U", "$", "USD"},
	{"A", "$", "AUD"}, {"AU", "$", "AUD"}, {"AUD", "$", "AUD"},
	{"C", "$", "CAD"}, {"CA", "$", "CAD"}, {"CAD", "$", "CAD"}, {"Can", "$", "CAD"},
	{"HK", "$", "HKD"}, {"NZ", "$", "NZD"}, {"S", "$", "SGD"}, {"SG", "$", "SGD"},
	{"NT", "$", "TWD"}, {"R", "$", "BRL"}, {"Mex", "$", "MXN"}, {"MX", "$", "MXN"},
	{"J", "$", "JMD"}, {"TT", "$", "TTD"}, {"Z", "$", "ZWL"}, {"EC", "$", "XCD"},
	{"CN", "¥", "CNY"}, {"RMB", "¥", "CNY"}, {"JP", "¥", "JPY"},
}

// moneyPrefixes are abbreviations written before an amount, with a space or without
// ("Rs 200 crore", "Rs.500"), exactly in this case. Three-letter ISO codes in capitals work
// the same way ("USD 38 billion", "EUR500m") and need no entry here.
var moneyPrefixes = map[string]string{"Rs": "INR", "RMB": "CNY", "Dh": "AED", "Dhs": "AED"}

// isoCodes are the ISO 4217 codes read when written in capitals before or after an amount
// ("USD 5m", "38 billion USD"). Codes that are also common capitalised words or
// abbreviations (ALL, CUP, TOP, MOP, BOB) are left out.
var isoCodes = []string{
	"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "PKR",
	"LKR", "BDT", "NPR", "IDR", "MYR", "THB", "PHP", "VND", "KRW", "TWD", "RUB", "UAH", "PLN",
	"CZK", "HUF", "RON", "BGN", "SEK", "NOK", "DKK", "ISK", "TRY", "ILS", "SAR", "AED", "QAR",
	"KWD", "BHD", "OMR", "JOD", "EGP", "MAD", "TND", "DZD", "NGN", "KES", "GHS", "ZAR", "ETB",
	"UGX", "TZS", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "VES", "KZT", "IRR", "IQD", "CNH",
}

// currencyNames are the names of currencies written after an amount, singular and plural:
// the code, then the forms separated by "|". An empty code means money of a currency the
// name alone does not tell ("pesos"). Forms are matched as whole token sequences,
// case-insensitively; the longest wins, so "Australian dollars" beats "dollars".
var currencyNames = []struct{ currency, forms string }{
	{"USD", "dollar|dollars|dlr|dlrs|US dollar|US dollars|U.S. dollar|U.S. dollars|American dollars|USD dollars"},
	{"EUR", "euro|euros"},
	{"GBP", "sterling|pound sterling|pounds sterling|British pound|British pounds|pounds stg|stg"},
	{"JPY", "yen|Japanese yen"},
	{"CNY", "yuan|renminbi|Chinese yuan|yuan renminbi"},
	{"INR", "rupee|rupees|Indian rupee|Indian rupees"},
	{"PKR", "Pakistani rupee|Pakistani rupees|Pakistan rupees"},
	{"LKR", "Sri Lankan rupee|Sri Lankan rupees|Sri Lanka rupees"},
	{"NPR", "Nepalese rupee|Nepalese rupees|Nepali rupees"},
	{"RUB", "rouble|roubles|ruble|rubles|Russian rouble|Russian roubles|Russian ruble|Russian rubles"},
	{"AUD", "Australian dollar|Australian dollars|Aussie dollars"},
	{"CAD", "Canadian dollar|Canadian dollars"},
	{"NZD", "New Zealand dollar|New Zealand dollars|NZ dollars"},
	{"HKD", "Hong Kong dollar|Hong Kong dollars|HK dollars"},
	{"SGD", "Singapore dollar|Singapore dollars|Singaporean dollars"},
	{"TWD", "Taiwan dollar|Taiwan dollars|Taiwanese dollars|New Taiwan dollars"},
	{"JMD", "Jamaican dollar|Jamaican dollars"},
	{"ZWL", "Zimbabwean dollar|Zimbabwean dollars|Zimbabwe dollars"},
	{"CHF", "Swiss franc|Swiss francs"},
	{"SEK", "Swedish krona|Swedish kronor|Swedish crowns"},
	{"NOK", "Norwegian krone|Norwegian kroner|Norwegian crowns"},
	{"DKK", "Danish krone|Danish kroner|Danish crowns"},
	{"ISK", "Icelandic krona|Icelandic kronur"},
	{"CZK", "koruna|korunas|Czech koruna|Czech korunas|Czech crowns"},
	{"HUF", "forint|forints|Hungarian forint|Hungarian forints"},
	{"PLN", "zloty|zlotys|zlotych|Polish zloty|Polish zlotys"},
	{"RON", "lei|Romanian lei|Romanian leu"},
	{"TRY", "lira|liras|Turkish lira|Turkish liras"},
	{"ILS", "shekel|shekels|Israeli shekel|Israeli shekels|new shekels"},
	{"UAH", "hryvnia|hryvnias|hryvnya|hryvnyas|Ukrainian hryvnia|Ukrainian hryvnias"},
	{"KRW", "South Korean won|Korean won"},
	{"KPW", "North Korean won"},
	{"BRL", "reais|Brazilian real|Brazilian reais"},
	{"MXN", "Mexican peso|Mexican pesos"},
	{"ARS", "Argentine peso|Argentine pesos|Argentinian pesos"},
	{"CLP", "Chilean peso|Chilean pesos"},
	{"COP", "Colombian peso|Colombian pesos"},
	{"PHP", "Philippine peso|Philippine pesos"},
	{"ZAR", "rand|South African rand"},
	{"NGN", "naira|Nigerian naira"},
	{"KES", "Kenyan shilling|Kenyan shillings|Kenya shillings"},
	{"UGX", "Ugandan shilling|Ugandan shillings|Uganda shillings"},
	{"TZS", "Tanzanian shilling|Tanzanian shillings|Tanzania shillings"},
	{"GHS", "cedi|cedis|Ghanaian cedi|Ghanaian cedis"},
	{"ETB", "birr|Ethiopian birr"},
	{"EGP", "Egyptian pound|Egyptian pounds"},
	{"LBP", "Lebanese pound|Lebanese pounds"},
	{"SYP", "Syrian pound|Syrian pounds"},
	{"SDG", "Sudanese pound|Sudanese pounds"},
	{"SAR", "Saudi riyal|Saudi riyals"},
	{"QAR", "Qatari riyal|Qatari riyals"},
	{"IRR", "rial|rials|Iranian rial|Iranian rials"},
	{"AED", "UAE dirham|UAE dirhams|Emirati dirham|Emirati dirhams"},
	{"MAD", "Moroccan dirham|Moroccan dirhams"},
	{"KWD", "Kuwaiti dinar|Kuwaiti dinars"},
	{"IQD", "Iraqi dinar|Iraqi dinars"},
	{"JOD", "Jordanian dinar|Jordanian dinars"},
	{"LYD", "Libyan dinar|Libyan dinars"},
	{"TND", "Tunisian dinar|Tunisian dinars"},
	{"DZD", "Algerian dinar|Algerian dinars"},
	{"RSD", "Serbian dinar|Serbian dinars"},
	{"THB", "baht|Thai baht"},
	{"MYR", "ringgit|Malaysian ringgit"},
	{"IDR", "rupiah|Indonesian rupiah"},
	{"VND", "dong|Vietnamese dong"},
	{"BDT", "taka|Bangladeshi taka"},
	{"VES", "bolivar|bolivars|bolivares|Venezuelan bolivar|Venezuelan bolivars"},
	{"KZT", "tenge|Kazakh tenge"},
	// withdrawn currencies, still met in archives and wire copy of their time
	{"DEM", "Deutsche mark|Deutsche marks|German mark|German marks|D-mark|D-marks|deutschmark|deutschmarks"},
	{"FRF", "French franc|French francs"},
	{"BEF", "Belgian franc|Belgian francs"},
	{"ITL", "Italian lira|Italian lire"},
	{"ESP", "peseta|pesetas|Spanish peseta|Spanish pesetas"},
	{"NLG", "guilder|guilders|Dutch guilder|Dutch guilders"},
	{"ATS", "schilling|schillings|Austrian schilling|Austrian schillings"},
	{"PTE", "escudo|escudos|Portuguese escudo|Portuguese escudos"},
	{"GRD", "drachma|drachmas|drachmae|Greek drachma|Greek drachmas"},
	{"FIM", "markka|markkaa|Finnish markka|Finnish marks"},
	{"IEP", "punt|punts|Irish punt|Irish punts"},
	{"XEU", "ecu|ecus|European currency units"},
	{"", "peso|pesos|franc|francs|dinar|dinars|krona|kronor|krone|kroner|shilling|shillings|riyal|riyals|dirham|dirhams|kwacha|lire"},
}

// Names that are money only after a scale word: "3 billion won", "5 million pounds", "2.8
// billion marks". Without one, "won" and "marks" are not read ("top marks"), and "pounds"
// is read as the weight.
var scaledNames = []struct {
	currency, forms, alt string
}{
	{"KRW", "won", ""},
	{"DEM", "mark|marks", ""},
	{"GBP", "pound|pounds", "lb"},
}

// Fractional units: the currency, the power of ten, the forms. "p" counts only written
// against the number ("50p").
var centNames = []struct {
	currency string
	exp      int8
	forms    string
}{
	{"USD", -2, "cent|cents|ct|cts"},
	{"GBP", -2, "pence|penny|+=p"},
}
