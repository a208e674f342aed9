package topics

import (
	"math"
	"strings"
)

// The lexicon scorer covers the top-level topics that the corpora lack, and adds to two
// that the trained head knows only narrowly (politics: British politics of 2004-2005;
// science and technology: consumer technology). Its word lists are curated by hand for this
// project: "strong" words name the topic on their own ("earthquake", "ceasefire"), "weak"
// words lean towards it ("rescue", "troops"). Pairs of words are written with an
// underscore; a matched pair of another topic than its words' own entries replaces them
// ("european_union" is politics, not the labour of "union"). Words are matched after the
// tokenizer's light stemming (a final plural "s" dropped), so singular and plural forms
// match alike.
//
// The lexicons are a separate scorer, not weak labels: their scores are combined with the
// trained head's probabilities in Tagger.Tag (see combine).
type lexiconTopic struct {
	top          int // index into topLevel
	strong, weak string
}

var lexiconTopics = [...]lexiconTopic{
	{top: 1, // crime, law and justice
		strong: "police_arrested arrested charged convicted sentenced prison jailed jail murder murdered manslaughter robbery robbed burglary burglaries fraud theft stolen smuggling trafficking prosecutor prosecutors prosecution defendant defendants jury verdict acquitted guilty trial_of magistrates magistrate detectives detective indictment indicted lawsuit sued supreme_court high_court appeal_court homicide kidnapping kidnapped assault bail custody corruption bribery bribes embezzlement money_laundering extradition extradited mafia fraudsters scam scams stabbing stabbed gunman parole inmates",
		weak:   "police court judge judges lawyer lawyers law appeal criminal crime crimes suspect suspects investigation accused charges warrant offence offences sentence justice legal illegal convict gang gangs rape raided investigators prosecuted arrest"},
	{top: 2, // disaster, accident and emergency incident
		strong: "earthquake earthquakes quake tsunami derailed derailment plane_crash crashed crash_site wildfire wildfires floods flooding flooded landslide landslides avalanche explosion eruption volcano collapsed survivors rubble evacuated evacuation blaze firefighters casualties emergency_services rescue_teams shipwreck capsized drowned stampede fatalities mudslide mudslides gas_leak",
		weak:   "disaster disasters accident accidents emergency rescue rescued injured killed dead death_toll fire fires destroyed damage relief aid_agencies shelters missing crash collision victims hospital_with burns blast toll mourning"},
	{top: 4, // education
		strong: "school schools pupils pupil teachers teacher teaching university universities students student tuition curriculum classroom classrooms exam exams examination graduates graduate campus scholarship scholarships kindergarten headteacher head_teacher lecturer lecturers degree_course literacy",
		weak:   "education educational learning lessons lesson courses college colleges academic textbooks maths inspectors grades degree skills"},
	{top: 5, // environment
		strong: "climate_change global_warming emissions greenhouse carbon_dioxide pollution polluted deforestation conservation conservationists endangered wildlife biodiversity recycling renewable environmental environmentalists species habitat habitats rainforest plastic_waste ecosystem ecosystems extinction coral_reef glaciers ozone poaching poachers national_park fossil_fuels landfill net_zero",
		weak:   "environment climate carbon forests forest plastic waste litter nature coal river rivers sea ocean oceans emission green turtles animals energy spill nesting solar wind_farm"},
	{top: 6, // health
		strong: "hospital hospitals patients patient doctors doctor nurses nurse vaccine vaccines vaccinated vaccination disease diseases cancer diabetes infection infections outbreak epidemic pandemic flu influenza clinical_trial medical medicine medicines treatment surgery illness symptoms health_service public_health obesity measles malaria cholera tuberculosis polio ebola hiv dengue hepatitis vaccinations immunisation immunization physicians surgeons paediatric pediatric",
		weak:   "virus health healthy drug drugs care heart study wards clinic clinics treat treated therapy mental dementia elderly_patients dose doses pharmaceutical nhs"},
	{top: 7, // human interest
		strong: "birthday 100th centenarian great_grandchildren sweethearts reunited royal_family prince princess wedding married_couple anniversary heartwarming pet dog_that owners_said",
		weak:   "dog cat pets grandmother grandfather granddaughter grandson couple married neighbour neighbours kindness strangers celebrated celebration royal palace baby born queen king"},
	{top: 8, // labour
		strong: "strike strikes striking union unions trade_union workers employees employers unemployment jobless redundancies redundancy layoffs wages wage minimum_wage pay_rise pay_deal pay_dispute collective_bargaining pensions pension workforce walkout job_losses picket pickets furlough",
		weak:   "jobs job employment employer staff labour pay salaries salary hiring hired dismissed shifts workplace working_hours recruitment"},
	{top: 9, // lifestyle and leisure
		strong: "recipes recipe cooking chefs chef restaurant restaurants cuisine holiday holidays tourists tourism travel fashion catwalk gardening gardeners garden hobby hobbies leisure board_games puzzles resorts resort hiking hikers camping yoga wellness sightseeing",
		weak:   "food dishes dish wine beer hotels hotel flights beach designers collection collections shopping cafe cafes dining plants flowers travellers travelers"},
	{top: 10, // politics: supplements the trained head, which knows British politics of 2004-2005 only
		strong: "diplomatic diplomat diplomats diplomacy envoy envoys ambassador ambassadors embassy embassies foreign_minister foreign_ministers foreign_ministry foreign_secretary foreign_policy treaty treaties sovereignty parliament parliamentary lawmakers legislators legislature senate senator senators election elections electoral voters ballot referendum constitutional cabinet_minister state_visit diplomatic_relations united_nations security_council european_union african_union politician politicians presidential labour_party conservative_party ruling_party opposition_party coalition_government",
		weak:   "government governments president presidents minister ministers prime_minister political bilateral presidency negotiators summit delegation cabinet coalition opposition candidate candidates"},
	{top: 11, // religion
		strong: "church churches pope cathedral mosque mosques imam bishop bishops priest priests clergy worshippers pilgrims pilgrimage religious religion faith faiths prayer prayers prayed ramadan christmas_mass mass_in muslims muslim christians christian jews jewish hindu hindus buddhist synagogue vatican sermon holy theology pontiff archbishop diocese monks rabbi hajj pilgrim protestant evangelical islam buddhism hinduism sikh diwali",
		weak:   "god believers belief beliefs worship shrine holy_site parish parishioners spiritual sacred fasting gospel saint catholic temple temples cardinal cardinals"},
	{top: 12, // science and technology: supplements the trained head, which knows consumer technology of 2004-2005 only
		strong: "scientist scientists researchers research_team scientific astronomers astronomer astronomy telescope physicists physicist physics chemists chemistry biologists biologist biology geneticists genome genetic gene_editing genetically laboratory laboratories experiment experiments peer_reviewed fossil fossils palaeontologists archaeologists archaeological excavation dinosaur dinosaurs planet planets galaxy galaxies asteroid comet orbit spacecraft space_agency space_station astronaut astronauts nasa lunar molecules molecular quantum neuroscientists mathematicians artificial_intelligence robotics supercomputer",
		weak:   "research findings discovered discovery data samples engineers engineering technology innovation prototype satellite mission robot robots gene genes breeding breeders varieties crop crops"},
	{top: 13, // society
		strong: "homeless homelessness poverty charity charities food_bank food_banks discrimination equal_rights minorities census immigrants immigration refugees asylum social_housing welfare inequality racism gender_equality demographic ageing_population birth_rate fertility_rate demographers disability same_sex transgender affordable_housing rough_sleepers",
		weak:   "community communities families volunteers volunteer social housing population rights protest campaigners migrants marriage poor elderly youth women children orphans disabled"},
	{top: 15, // conflict, war and peace
		strong: "war wars troops soldiers military ceasefire truce peacekeepers rebels rebel militants insurgents airstrike airstrikes air_strikes shelling artillery army armies invasion bombing bomb_attack warring armed_forces peace_talks prisoners_war terrorist terrorists terrorism guerrilla militia militias insurgency peacekeeping drone_strike landmine landmines hostages jihadist jihadists paramilitary warplanes",
		weak:   "fighting attack attacks bomb bombs weapons defence defense conflict peace border civilians offensive battle forces nuclear missile missiles captured convoy siege"},
	{top: 16, // weather
		strong: "weather forecasters forecaster heatwave snowstorm snowfall blizzard hurricane hurricanes typhoon cyclone tornado tornadoes storm storms rainfall drought temperatures meteorological meteorologists met_office thunderstorms frost heavy_rain strong_winds weather_warning degrees_celsius monsoon hailstorm gale gales cold_front cold_snap el_nino",
		weak:   "rain snow winds wind gusts sunny cloudy icy freezing cold heat hot dry forecast temperature celsius fahrenheit showers fog humidity sleet humid"},
}

// Lexicon scoring constants, set by hand (the check set is never used to tune them): a
// topic's evidence is the sum over its distinct words of weight × (1 + ln count), divided
// by a length norm for long texts, and mapped to (0, 1) by 1 − exp(−evidence/lexScale).
const (
	lexStrong = 2.0
	lexWeak   = 0.5
	lexScale  = 3.0
	// lexLengthWords is the length (in words) from which evidence is divided by
	// (words/lexLengthWords)^0.75: a long article mentions many words in passing.
	lexLengthWords = 150
)

type lexEntry struct {
	topic  int // index into lexiconTopics
	weight float64
}

// lexicon maps the stem hash of a word, or the pair hash of two stems, to its topic.
type lexicon map[uint64]lexEntry

func buildLexicon() lexicon {
	lex := make(lexicon)
	for ti, lt := range lexiconTopics {
		// Weak words first, so that a word listed as both is strong.
		for _, list := range []struct {
			words string
			w     float64
		}{{lt.weak, lexWeak}, {lt.strong, lexStrong}} {
			for _, w := range strings.Fields(list.words) {
				toks := tokens(nil, strings.ReplaceAll(w, "_", " "))
				var h uint64
				switch len(toks) {
				case 1:
					h = toks[0].stem
				case 2:
					h = pairHash(toks[0].stem, toks[1].stem)
				default:
					panic("topics: lexicon entry " + w + " is not one or two words")
				}
				lex[h] = lexEntry{topic: ti, weight: list.w}
			}
		}
	}
	return lex
}

// lexHit is one matched lexicon entry of a text.
type lexHit struct {
	h     uint64
	entry lexEntry
}

// score sets out[i] to the probability-like score of lexiconTopics[i] for toks. hits is
// scratch space; the returned slice may be reused.
func (lex lexicon) score(toks []token, out []float64, hits []lexHit) []lexHit {
	hits = hits[:0]
	prevSingle := -1 // index in hits of the previous word's own entry, if it is the last hit
	for k, t := range toks {
		single, hasSingle := lex[t.stem]
		if k > 0 {
			h := pairHash(toks[k-1].stem, t.stem)
			if e, ok := lex[h]; ok {
				// A pair of another topic than its words' own entries speaks for both
				// words ("European Union" is not labour news).
				if prevSingle >= 0 && prevSingle == len(hits)-1 && hits[prevSingle].entry.topic != e.topic {
					hits = hits[:prevSingle]
				}
				hasSingle = hasSingle && single.topic == e.topic
				hits = append(hits, lexHit{h, e})
			}
		}
		prevSingle = -1
		if hasSingle {
			prevSingle = len(hits)
			hits = append(hits, lexHit{t.stem, single})
		}
	}
	for i := range out {
		out[i] = 0
	}
	if len(hits) == 0 {
		return hits
	}
	// Count each distinct entry: sort-free, since hits are few, by marking repeats.
	counted := make(map[uint64]int, len(hits))
	for _, h := range hits {
		counted[h.h]++
	}
	for _, h := range hits {
		c := counted[h.h]
		if c == 0 {
			continue
		}
		counted[h.h] = 0
		out[h.entry.topic] += h.entry.weight * (1 + math.Log(float64(c)))
	}
	norm := 1.0
	if n := float64(len(toks)); n > lexLengthWords {
		norm = math.Pow(n/lexLengthWords, 0.75)
	}
	for i := range out {
		out[i] = 1 - math.Exp(-out[i]/norm/lexScale)
	}
	return hits
}
