package quant

// unitTable lists the units of quantities: the canonical unit, a power of ten the form
// multiplies by, and the forms news text writes it in, separated by "|". A form starting
// with "=" must be written with exactly that case ("=g": "5g" is grams, "5G" is not); one
// starting with "+" must be written against the number. The bare "m" (metres or millions?),
// "l", "t" and "in" are deliberately absent: too many false readings.
var unitTable = []struct {
	unit  string
	exp   int8
	forms string
}{
	{"percent", 0, "%|percent|per cent|pct|=pc"},
	{"percentage point", 0, "percentage point|percentage points|percentage-point|=pp"},
	{"basis point", 0, "basis point|basis points|=bp|=bps"},

	{"km", 0, "km|kms|kilometre|kilometres|kilometer|kilometers"},
	{"m", 0, "metre|metres|meter|meters"},
	{"cm", 0, "cm|centimetre|centimetres|centimeter|centimeters"},
	{"mm", 0, "mm|millimetre|millimetres|millimeter|millimeters"},
	{"mile", 0, "mile|miles"},
	{"nautical mile", 0, "nautical mile|nautical miles"},
	{"foot", 0, "ft|foot|feet"},
	{"inch", 0, "inch|inches|+in"},
	{"yard", 0, "yard|yards|yd|yds"},

	{"kg", 0, "kg|kgs|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes"},
	{"g", 0, "=g|gram|grams|gramme|grammes"},
	{"mg", 0, "mg|milligram|milligrams|milligramme|milligrammes"},
	{"tonne", 0, "tonne|tonnes|metric ton|metric tons|metric tonne|metric tonnes"},
	{"ton", 0, "ton|tons"},
	{"lb", 0, "lb|lbs"},
	{"ounce", 0, "ounce|ounces|oz|troy ounce|troy ounces"},

	{"litre", 0, "litre|litres|liter|liters"},
	{"ml", 0, "ml|millilitre|millilitres|milliliter|milliliters"},
	{"gallon", 0, "gallon|gallons"},
	{"barrel", 0, "barrel|barrels|bbl|bbls"},
	{"bushel", 0, "bushel|bushels"},
	{"barrel/day", 0, "barrels per day|barrels a day|bpd|b/d|barrels of oil per day|barrels of oil a day"},
	{"m3", 0, "cubic metre|cubic metres|cubic meter|cubic meters|m3|m³|cu m"},
	{"m3", 9, "bcm"},
	{"ft3", 0, "cubic foot|cubic feet|cu ft"},

	{"hectare", 0, "hectare|hectares|ha"},
	{"acre", 0, "acre|acres"},
	{"km2", 0, "square kilometre|square kilometres|square kilometer|square kilometers|square km|sq km|km2|km²"},
	{"m2", 0, "square metre|square metres|square meter|square meters|sq m|m2|m²"},
	{"mile2", 0, "square mile|square miles|sq mi|sq miles"},
	{"ft2", 0, "square foot|square feet|sq ft"},

	{"W", 0, "watt|watts"},
	{"kW", 0, "kw|kilowatt|kilowatts"},
	{"MW", 0, "mw|megawatt|megawatts"},
	{"GW", 0, "gw|gigawatt|gigawatts"},
	{"TW", 0, "=TW|terawatt|terawatts"},
	{"kWh", 0, "kwh|kilowatt hour|kilowatt hours|kilowatt-hour|kilowatt-hours"},
	{"MWh", 0, "mwh|megawatt hour|megawatt hours|megawatt-hour|megawatt-hours"},
	{"GWh", 0, "gwh|gigawatt hour|gigawatt hours|gigawatt-hour|gigawatt-hours"},
	{"TWh", 0, "twh|terawatt hour|terawatt hours|terawatt-hour|terawatt-hours"},

	{"km/h", 0, "km/h|kph|kmh|kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour"},
	{"mph", 0, "mph|miles per hour|miles an hour"},
	{"knot", 0, "knot|knots"},

	{"°C", 0, "°C|° C|degrees Celsius|degrees C|degrees centigrade|degree Celsius|Celsius|+=C"},
	{"°F", 0, "°F|° F|degrees Fahrenheit|degrees F|degree Fahrenheit|Fahrenheit|+=F"},

	{"KB", 0, "=KB|kilobyte|kilobytes"},
	{"MB", 0, "=MB|megabyte|megabytes"},
	{"GB", 0, "=GB|gigabyte|gigabytes"},
	{"TB", 0, "=TB|terabyte|terabytes"},

	{"kbit/s", 0, "kbps|kbit/s|kilobits per second"},
	{"Mbit/s", 0, "mbps|mbit/s|megabits per second"},
	{"Gbit/s", 0, "gbps|gbit/s|gigabits per second"},

	{"person", 0, "people|persons"},
}
