# De schermen, menu's en panelen van het spel (Nederlands).

## Titelscherm
title-name = Intellibat Twin
title-tagline = Oefen op een digitale tweeling van een productielijn voor vastestofbatterijcellen
title-sites = Cellijn Sint-Truiden  ·  Dunnefilmlab Genk  ·  Materialenlab Diepenbeek
title-choose = Kies een scenario
title-settings = Instellingen
title-quit = Afsluiten

## Instellingen
settings-title = Instellingen
settings-language = Taal
settings-volume = Volume
settings-ui-scale = Schaal van de interface
settings-colour-blind = Kleurenblindveilig palet (Okabe-Ito)

## Debriefing in de opdrachtregel (twin)
cli-debrief-scenario = scenario `{ $id }`: { $title }
cli-debrief-score = score { $score } / 100
cli-debrief-penalty = strafpunt
cli-debrief-points = { $points } ptn
cli-debrief-causes = gevonden oorzaken van defecten:
cli-debrief-lessons = werkpunten:
cli-debrief-hash = toestandshash { $hash }
cli-fairness-title = scenario `{ $id }`: { $seeds ->
    [one] 1 seed
   *[other] { $seeds } seeds
} per speler, { $seconds } s
cli-fairness-player = speler
cli-fairness-mean = gemiddeld
cli-fairness-reference = de commando's van de referentiereplay
cli-fairness-fair = eerlijk: het 90e percentiel van elke blinde strategie ligt onder 60 en 30 punten onder de score van goed werk
cli-fairness-unfair = NIET EERLIJK: een blinde strategie haalt 60 of meer, of komt binnen 30 punten van goed werk, in een tiende van de seeds
cli-fairness-not-judged = niet beoordeeld (een handleiding, of geen referentiereplay)
cli-fairness-own-seed = goed werk (de referentiereplay met zijn eigen seed) scoort { $score }
cli-results-recorded = opgeslagen voor { $trainee } in { $db }
cli-results-written = { $runs } { $runs ->
    [one] run
   *[other] runs
} geschreven naar { $path }
cli-results-none = geen opgeslagen runs die overeenkomen
cli-results-when = beëindigd (UTC)
cli-results-trainee = cursist
cli-results-scenario = scenario
cli-results-seed = seed
cli-results-score = score
cli-results-diagnoses = diagnoses
cli-results-instructor = instructeur
cli-results-count = { $runs } { $runs ->
    [one] run
   *[other] runs
}
cli-passport-title = cel { $id } van lijn `{ $line }` ({ $recipe }), op { $h } h
cli-passport-lots = gemaakt uit de vellenloten { $lots }
cli-passport-summary = { $layers } lagen · { $ah } Ah · { $mohm } mΩ
cli-passport-electrolyte = elektrolyt: poriën { $fill } % gevuld, { $sigma } mS/cm in de elektrode, { $ppm } ppm oplosmiddel
cli-passport-anode = anode: lithium { $um } µm, passiveringslaag { $nm } nm
cli-passport-stack = stapel: grootste laagverschuiving { $offset } mm, kleinste anode-overlap { $overhang } mm
cli-passport-press = geperst op { $mpa } MPa en { $degc } °C
cli-passport-seal = geseald op { $degc } °C gedurende { $s } s: { $n } N/15 mm, lek { $leak } mbar·L/s
cli-passport-exposure = blootstelling aan vocht { $ppmvh } ppmv·h
cli-passport-formation = geformeerd bij { $c } C en { $degc } °C: { $ah } Ah, rendement eerste cyclus { $ce } %, gas { $ml } mL
cli-passport-aging = { $days } d verouderd bij { $degc } °C: OCV { $v0 } → { $v1 } V, K-waarde { $k } mV/d
cli-passport-eol = eindtest: { $ah } Ah bij 1C, DCIR { $mohm } mΩ, OCV { $v } V: klasse { $grade }
cli-passport-defects = gebreken en hun oorzaken:
cli-passport-no-defects = geen
cli-passport-stations = doorlopen stations:
cli-passport-room = { "  " }(dauwpunt ruimte { $degc } °C)
cli-passport-readings = gemeten: { $readings }
cli-passport-fault = actieve storing: { $fault }
cli-passport-no-cell = geen cel bereikte het laatste station van de lijn binnen { $hours } h
cli-passport-no-cells-made = lijn { $line } maakt geen cellen, dus er is geen celpaspoort te volgen (assets/lines/solid-state-cell.ron maakt cellen)
cli-cell-params = { $name } · model { $model } · nominaal { $ah } Ah · omgeving { $degc } °C
cli-cell-fit = vervangingsschema gefit op het SPMe: R0 { $r0 } mΩ · R1 { $r1 } mΩ, τ1 { $tau1 } s · R2 { $r2 } mΩ, τ2 { $tau2 } s · RMSE van de puls { $rmse } mV
cli-cell-step = { $n }. { $text }: { $s } s, { $ah } Ah, beëindigd { $ended } bij { $v } V, { $degc } °C
cli-cell-end-duration = na zijn tijd
cli-cell-end-limit = op zijn grens
cli-cell-end-cell-limit = op de spanningsgrens van de cel
cli-cell-end-safety = op zijn veiligheidstijd, grens niet bereikt
cli-cell-end-samples = op de grens van het aantal meetpunten
cli-cell-end-infeasible = omdat de cel hem niet kon volgen
cli-cell-end-outside = zonder te lopen, want de stap valt buiten de grenzen van de cel (een stroom boven 100C, of een vaste spanning voorbij de afsnijspanningen)
cli-cell-capacity = ontlaadcapaciteit { $ah } Ah ({ $wh } Wh)
cli-cell-time = opgelost in { $ms } ms ({ $rows } meetpunten)
cli-cell-csv = { $rows } rijen geschreven naar { $path }
cli-cell-unknown-params = onbekende parameterset `{ $name }`: geef een bestand of een van { $names }
cli-cell-bad-temperature = --temperature moet tussen -40 en 80 °C liggen, niet { $degc }
cli-xrd-structure = { $name }: a { $a } Å, b { $b } Å, c { $c } Å · { $atoms } atomen in de cel · { $ops } symmetrie-operaties
cli-xrd-reflections = { $n } reflecties bij λ = { $lambda } Å
cli-xrd-header = 2θ (°)       d (Å)         (hkl)  mult  I (rel.)
cli-xrd-bad-range = --range moet VAN:TOT zijn in graden tussen 1 en 170, niet `{ $range }`
cli-xrd-bad-step = --step moet tussen 0,001 en 1 graad liggen, niet { $step }
cli-xrd-bad-size = --size moet tussen 1 en 10000 nm liggen, niet { $nm }
cli-xrd-unknown = onbekende structuur `{ $name }`: geef een CIF-bestand of een van { $names }
