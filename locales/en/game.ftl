# The game's screens, menus and panels (English).

## Title screen
title-name = Intellibat Twin
title-tagline = Train on a digital twin of a solid-state battery cell line
title-sites = Sint-Truiden cell line  ·  Genk thin-film lab  ·  Diepenbeek materials lab
title-choose = Choose a scenario
title-settings = Settings
title-quit = Quit

## Settings
settings-title = Settings
settings-language = Language
settings-volume = Volume
settings-ui-scale = UI scale
settings-colour-blind = Colour-blind-safe palette (Okabe-Ito)

## The twin command line's debrief
cli-debrief-scenario = scenario `{ $id }`: { $title }
cli-debrief-score = score { $score } / 100
cli-debrief-penalty = penalty
cli-debrief-points = { $points } pts
cli-debrief-causes = defect causes found:
cli-debrief-lessons = to work on:
cli-debrief-hash = state hash { $hash }
cli-fairness-title = scenario `{ $id }`: { $seeds ->
    [one] 1 seed
   *[other] { $seeds } seeds
} a player, { $seconds } s
cli-fairness-player = player
cli-fairness-mean = mean
cli-fairness-reference = the reference replay's commands
cli-fairness-fair = fair: every blind strategy's 90th percentile is under 60 and 30 points under good operation's score
cli-fairness-unfair = NOT FAIR: a blind strategy scores 60 or more, or within 30 points of good operation, in a tenth of the seeds
cli-fairness-not-judged = not judged (a tutorial, or no reference replay)
cli-fairness-own-seed = good operation (the reference replay at its own seed) scores { $score }
cli-results-recorded = recorded for { $trainee } in { $db }
cli-results-written = { $runs } { $runs ->
    [one] run
   *[other] runs
} written to { $path }
cli-results-none = no runs recorded that match
cli-results-when = finished (UTC)
cli-results-trainee = trainee
cli-results-scenario = scenario
cli-results-seed = seed
cli-results-score = score
cli-results-diagnoses = diagnoses
cli-results-instructor = instructor
cli-results-count = { $runs } { $runs ->
    [one] run
   *[other] runs
}
cli-passport-title = cell { $id } of line `{ $line }` ({ $recipe }), at { $h } h
cli-passport-lots = made from the sheet lots { $lots }
cli-passport-summary = { $layers } layers · { $ah } Ah · { $mohm } mΩ
cli-passport-electrolyte = electrolyte: pores { $fill } % filled, { $sigma } mS/cm in the electrode, { $ppm } ppm solvent
cli-passport-anode = anode: lithium { $um } µm, passivation film { $nm } nm
cli-passport-stack = stack: largest layer offset { $offset } mm, smallest anode overhang { $overhang } mm
cli-passport-press = pressed at { $mpa } MPa and { $degc } °C
cli-passport-seal = sealed at { $degc } °C for { $s } s: { $n } N/15 mm, leak { $leak } mbar·L/s
cli-passport-exposure = moisture exposure { $ppmvh } ppmv·h
cli-passport-formation = formed at { $c } C and { $degc } °C: { $ah } Ah, first-cycle efficiency { $ce } %, gas { $ml } mL
cli-passport-aging = aged { $days } d at { $degc } °C: OCV { $v0 } → { $v1 } V, K-value { $k } mV/d
cli-passport-eol = end-of-line test: { $ah } Ah at 1C, DCIR { $mohm } mΩ, OCV { $v } V: grade { $grade }
cli-passport-defects = defects and their causes:
cli-passport-no-defects = none
cli-passport-stations = stations passed:
cli-passport-room = { "  " }(room dew point { $degc } °C)
cli-passport-readings = measured: { $readings }
cli-passport-fault = fault active: { $fault }
cli-passport-no-cell = no cell reached the line's last station within { $hours } h
cli-passport-no-cells-made = line { $line } makes no cells, so there is no cell passport to follow (assets/lines/solid-state-cell.ron makes cells)
cli-cell-params = { $name } · model { $model } · { $ah } Ah nominal · { $degc } °C ambient
cli-cell-fit = equivalent circuit fitted from the SPMe: R0 { $r0 } mΩ · R1 { $r1 } mΩ, τ1 { $tau1 } s · R2 { $r2 } mΩ, τ2 { $tau2 } s · pulse RMSE { $rmse } mV
cli-cell-step = { $n }. { $text }: { $s } s, { $ah } Ah, ended { $ended } at { $v } V, { $degc } °C
cli-cell-end-duration = after its time
cli-cell-end-limit = on its limit
cli-cell-end-cell-limit = on the cell's voltage limit
cli-cell-end-safety = at its safety time, limit not reached
cli-cell-end-samples = at the sample limit
cli-cell-end-infeasible = because the cell could not hold it
cli-cell-end-outside = without running, as it is outside the cell's limits (a current above 100C, or a hold voltage past the cell's cut-offs)
cli-cell-capacity = discharge capacity { $ah } Ah ({ $wh } Wh)
cli-cell-time = solved in { $ms } ms ({ $rows } samples)
cli-cell-csv = wrote { $rows } rows to { $path }
cli-cell-unknown-params = unknown parameter set `{ $name }`: name a file or one of { $names }
cli-cell-bad-temperature = --temperature must be between -40 and 80 °C, got { $degc }
cli-xrd-structure = { $name }: a { $a } Å, b { $b } Å, c { $c } Å · { $atoms } atoms in the cell · { $ops } symmetry operations
cli-xrd-reflections = { $n } reflections at λ = { $lambda } Å
cli-xrd-header = 2θ (°)       d (Å)         (hkl)  mult  I (rel.)
cli-xrd-bad-range = --range must be FROM:TO in degrees between 1 and 170, got `{ $range }`
cli-xrd-bad-step = --step must be between 0.001 and 1 degree, got { $step }
cli-xrd-bad-size = --size must be between 1 and 10000 nm, got { $nm }
cli-xrd-unknown = unknown structure `{ $name }`: name a CIF file or one of { $names }
