package keywords

// stopWords end a phrase whatever the vocabulary says: function words, and nouns of time,
// measure and reporting that are never what an article is about. Written by the newsflow
// team.
const stopWords = `
a an the this that these those such any some each every all both either neither no none
other another same own much many more most few less least several enough only just even
i me my mine we us our ours you your yours he him his she her hers it its they them their
theirs who whom whose which what where when why how whether whatever whoever
and or but nor so yet if then than because as since while although though unless until
of in on at by for with without from to into onto over under about above below across
after before between among through during against within along around behind beyond
near off out up down upon via per toward towards amid despite like unlike
is am are was were be been being has have had having do does did done doing
will would shall should can could may might must ought
not very too also still already again ever never always often sometimes soon now then
here there today yesterday tomorrow tonight
said says say saying told tell according added adding
mr mrs ms dr sir
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
year years week weeks month months day days hour hours minute minutes time times
percent cent pct per-cent
lot lots thing things way ways part parts number numbers kind sort
one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred thousand million billion trillion first second third fourth fifth last next
`
