# Text the simulation produces: alarms, word readouts, faults, refusals, the debrief timeline,
# objective progress, penalties and defect causes. Station and control arguments arrive as
# names in the reader's language; numbers arrive formatted.

## Alarms (the station's name is shown beside each)
alarm-breakdown = breakdown: repair under way
alarm-calender-load-deviation = line load { $measured } N/mm deviates from the set { $set } N/mm
alarm-coater-wet-film-variation = wet-film gauge: thickness varies { $cv } % along the web
alarm-coater-bead = die camera: bead { $bead }
alarm-dryer-zone-temp-low = zone { $zone } air temperature low (set { $set } °C)
alarm-dryer-exhaust-lel = exhaust solvent at { $pct } % of the lower explosive limit (alarm above { $limit } %)
alarm-inspection-roll-rejected = roll rejected: residual solvent over spec
alarm-inspection-peel-low = lab: peel strength { $peel } N/m below the { $spec } N/m specification
alarm-inspection-flagged = { $pct } % of the roll flagged by inspection
alarm-mixer-batch-qc = batch QC out of spec (grind or air)
alarm-slitter-burr = burr sample { $burr } µm over the { $limit } µm limit
alarm-priority-low = low
alarm-priority-medium = medium
alarm-priority-high = high
alarm-priority-emergency = emergency
alarm-dry-room-dew-point = dew point above { $limit } °C
alarm-impregnator-uptake-low = sample uptake only { $pct } % of the pores
alarm-stacker-alignment = layers placed beyond the { $mm } mm anode overhang
alarm-sealer-leak = leak test failed ({ $rate } × 10⁻⁶ mbar·L/s)
alarm-formation-gas = pouch swollen with gas ({ $ml } mL)
alarm-formation-efficiency = first-cycle efficiency low ({ $pct } %)
alarm-eol-rejects = { $rejects } of the last { $cells } cells rejected
alarm-glovebox-h2o = glovebox water above { $limit } ppm
alarm-glovebox-o2 = glovebox oxygen above { $limit } ppm
alarm-glovebox-regenerating = purifier regenerating: the box is not purified
alarm-h2s = H₂S released above { $limit } cm³/g: leave the box closed, ventilate

## Readouts that are words
word-coater-bead-stable = stable
word-coater-bead-breaking-up = breaking up
word-coater-bead-heavy-edges = heavy edges
word-coater-bead-leaking = leaking
word-coater-bead-weeping = weeping into the vacuum box
word-slitter-blade-ok = good
word-slitter-blade-change-soon = change soon
word-slitter-blade-worn-out = worn out
word-inspection-verdict-rejected = roll rejected (residual solvent)
word-eol-grade-a = A
word-eol-grade-b = B
word-eol-grade-reject = reject

## Faults an instructor injects
fault-pump-pulsation = pump pulsation ({ $pct } %)
fault-pump-wear = worn slurry pump ({ $pct } % slip)
fault-clog-die-lip = clogged die lip
fault-heater-failure = zone { $zone } heater failure
fault-roll-gap-drift = roll gap drift ({ $pct_per_h } %/h)
fault-blade-damage = blade damage ({ $pct } % wear)
fault-knife-clearance = knife clearance open (+{ $um } µm burr)
fault-precursor-water = water in the electrolyte precursor (gel time { $pct } %)
fault-stacker-drift = stacker placement drift ({ $mm } mm)
fault-seal-bar-cold = seal bar { $k } K colder than set
fault-door-left-open = dry room door left open
fault-desiccant-wheel-stop = desiccant wheel stopped
fault-glove-leak = torn glove ({ $l_per_h } L/h of room air)
fault-purifier-saturated = purifier saturated
fault-air-exposed-batch = batch exposed to air ({ $h } h)
fault-target-arcing = cracked sputter target (arcing)
fault-precursor-depleted = ALD precursor running low ({ $pct } % dose)
fault-vacuum-leak = impregnation chamber leaks (+{ $kpa } kPa)
fault-gripper-worn = stacker grippers worn (scatter × { $x })

## Diagnoses a trainee can record
diagnosis-pump-pulsation = slurry pump pulsating
diagnosis-pump-wear = slurry pump worn (delivers less than asked)
diagnosis-clog-die-lip = die lip clogged
diagnosis-heater-failure = heater of zone { $zone } failed
diagnosis-roll-gap-drift = roll gap drifting open
diagnosis-blade-damage = blade damaged or worn
diagnosis-knife-clearance = knife clearance open
diagnosis-precursor-water = water in the precursor (gels too soon)
diagnosis-stacker-drift = stacker placement drifting
diagnosis-seal-bar-cold = seal bar heater band worn (runs cold)
diagnosis-door-left-open = dry room door left open
diagnosis-desiccant-wheel-stop = dehumidifier desiccant wheel stopped
diagnosis-glove-leak = a glove or seal leaks
diagnosis-purifier-saturated = the purifier is saturated
diagnosis-air-exposed-batch = the batch was exposed to air
diagnosis-target-arcing = the sputter target is cracked or contaminated
diagnosis-precursor-depleted = the ALD precursor is running low
blind-start-only = start the line, nothing else
blind-acknowledge = acknowledge every alarm
blind-maintain-on-alarm = acknowledge, and maintain every station that alarms
blind-guess-and-maintain-on-alarm = acknowledge, name every possible diagnosis, and maintain every station that alarms
blind-with-timetable = { $what }; maintain every station every { $h } h
diagnosis-vacuum-leak = impregnation chamber leaks (vacuum not reached)
diagnosis-gripper-worn = stacker grippers worn (placement scatters)

## Commands refused
reject-no-station = there is no station “{ $station }”
reject-no-control = { $station } has no control “{ $control }”
reject-out-of-range = { $control } = { $value } { $unit } is outside { $min }–{ $max } { $unit }
reject-maintenance-duration = a maintenance of { $s } s is outside 0–604,800 s
reject-repair-time = a repair of { $s } s is outside 0–604,800 s
reject-shelve-duration = shelving for { $s } s is outside 0–86,400 s
reject-instructor = instructor command refused: { $detail }
reject-hint-without-scenario = hints belong to a scenario; none is running
reject-diagnosis-without-scenario = diagnoses are scored by a scenario; none is running
reject-no-alarm = there is no alarm { $alarm }
reject-already-acknowledged = alarm { $alarm } is already acknowledged
reject-not-shelved = alarm { $alarm } is not shelved
reject-maintenance-while-down = { $station } is down; wait for the repair
reject-already-in-maintenance = { $station } is already in maintenance
reject-already-down = { $station } is already down
reject-no-hint = there is no hint { $hint }
reject-hint-taken = hint { $hint } was already taken
reject-hint-not-yet = hint { $hint } is available after { $after_h } h
reject-not-yours = { $control } is not yours to change in this scenario
reject-instructor-only = only the instructor can do that
reject-not-instructors = the instructor gives malfunctions, breakdowns, lots and messages; the rest is the trainee’s
reject-message-too-long = a message may have at most { $max } characters

## The debrief timeline
file-text = { $text }
timeline-breakdown = { $station } breaks down
timeline-lot-change = new material lot at { $station }
timeline-event-set-control = { $control } set to { $value }
message-new-order = New order: { $quantity } good units due at { $due_h } h
message-instructor = { $text }
timeline-fault = { $station }: { $fault }
timeline-alarm = #{ $alarm } ({ $priority }) { $station }: { $message }
timeline-set-control = { $control } → { $value }
timeline-stop = stop { $station }
timeline-start = start { $station }
timeline-maintenance = maintenance of { $station } ({ $min } min)
timeline-instructor-fault = instructor: { $fault } at { $station }
timeline-instructor-breakdown = instructor: breakdown of { $station }
timeline-instructor-lot = instructor: lot change at { $station }
timeline-instructor-message = instructor’s message: { $text }
timeline-hint = hint { $hint }
timeline-diagnose = diagnosis at { $station }: { $fault }
timeline-acknowledge = acknowledge alarm { $alarm }
timeline-shelve = shelve alarm { $alarm } ({ $min } min)
timeline-unshelve = unshelve alarm { $alarm }
timeline-safety-violation = { $control } = { $value }: { $reason }

## Objective progress
progress-deliver = { $got } of { $quantity } delivered good
progress-produce = { $station }: { $got } of { $quantity } first-pass good
progress-keep-in-limits = inside limits { $pct } % of the time
progress-no-fault = no fault occurred
progress-fix-faults = { $fixed } of { $faults } { $faults ->
    [one] fault
   *[other] faults
} fixed, { $diagnosed } diagnosed first
progress-fix-faults-live = { $fixed } of { $faults } { $faults ->
    [one] fault
   *[other] faults
} fixed (diagnoses are judged at the end)
progress-no-alarms = no alarms to acknowledge
progress-acknowledge = { $in_time } of { $alarms } { $alarms ->
    [one] alarm
   *[other] alarms
} acknowledged in time
progress-no-orders = no orders placed
progress-orders = { $met } of { $orders } { $orders ->
    [one] order
   *[other] orders
} met on time
progress-cost-per-area = { $cost } EUR per good m² (target { $target })
progress-nothing-good = nothing good made yet
progress-max-scrap = unplanned scrap { $pct } % of material (limit { $limit } %)

## Penalties
penalty-hint = hint { $hint } taken
penalty-safety = { $violations } safety { $violations ->
    [one] violation
   *[other] violations
}
penalty-scrap = unplanned scrap { $kg } kg
penalty-maintenance-cost = { $maintenances } { $maintenances ->
    [one] maintenance
   *[other] maintenances
}: technicians and parts
penalty-maintenance = { $maintenances } { $maintenances ->
    [one] maintenance
   *[other] maintenances
} without a diagnosis of a fault present
penalty-wrong-diagnosis = { $diagnoses } wrong { $diagnoses ->
    [one] diagnosis
   *[other] diagnoses
}

## Defect causes (ids follow the simulation's cause ids; `n` stands for a number in them)
cause-with-defect = { $defect }: { $cause }
cause-agglomerates-from-mixing = agglomerates from mixing (short or slow mixing, aged slurry)
cause-clogged-die-lip = clogged die lip
cause-air-left-in-the-slurry = air left in the slurry (no or short de-aeration)
cause-air-entrained-at-high-web-speed = air entrained at high web speed
cause-below-the-low-flow-limit = below the low-flow limit: too little flow for the speed and gap
cause-flow-above-the-coating-window = flow above the coating window: the bead leaks
cause-bead-vacuum-too-high = bead vacuum above what the upstream meniscus holds: the die weeps
cause-wet-film-close-to-the-die-gap = wet film too close to the die gap
cause-pump-pulsation = pump pulsation
cause-worn-pump-slips = worn pump: it slips and delivers less than its setpoint
cause-coating-start-up = start-up of the roll: the film builds up while the bead forms
cause-flow-or-speed-off-the-target-loading = pump flow / web speed set off the target loading
cause-zone-n-heater-failure = zone { $n } heater failure
cause-drying-too-short-or-too-cool = dryer residence too short for the web speed, or zone air too cool
cause-drying-too-fast = drying too fast: zone air too hot or too strong
cause-coating-too-thick-for-the-drying-rate = coating too thick for the drying rate
cause-line-load-too-high-over-compaction = line load too high: over-compaction
cause-roll-gap-drift = roll gap drift
cause-line-load-off-the-target-porosity = line load set off the target porosity
cause-edge-bead-from-coating = edge bead from coating carries extra load
cause-line-load-too-high-for-the-foil = line load too high for the foil
cause-flagged-by-the-gauge = flagged by the gauge (measurement near the limit)
cause-rejected-for-residual-solvent = residual solvent above spec (lab sample): roll rejected
cause-batch-agglomerates-over-spec = agglomerates (grind gauge over spec): mix longer or faster
cause-batch-air-over-spec = entrained air over spec: de-aerate under vacuum
cause-burr-above-limit = burr above limit: worn blade or too fast
cause-burr-from-knife-clearance = burr above limit: knife clearance open
cause-planned-edge-trim = edge trim (planned)
cause-planned-roll-end-remnant = roll-end remnant (planned)
cause-process-scrap = process scrap
cause-gel-point-reached-before-the-pores-filled = the sol reached its gel point before the pores filled (bath too warm, too old, or wet)
cause-gas-trapped-without-vacuum = gas trapped in the pores: filled without enough vacuum
cause-precursor-dose-too-low = precursor dose below what the pores and separator layer take
cause-cure-too-short-or-too-cool = cure too short or too cool
cause-cured-too-fast-for-the-layer = cured too fast for the layer: the gel cracked
cause-lamination-pressure-too-low = lamination pressure too low
cause-lithium-passivated-by-moisture = lithium passivated by moisture in the dry room
cause-stacker-alignment-drift = stacker placement drift
cause-stacking-too-fast-for-its-accuracy = stacking too fast for its accuracy
cause-stack-pressure-too-low = stack pressure too low
cause-stack-pressure-too-high-lithium-creeps = stack pressure too high: lithium creeps into the electrolyte
cause-seal-too-hot-inner-layer-thinned = seal too hot: the inner layer thinned
cause-precursor-residue-in-the-seal-zone = precursor residue in the seal zone (dose above what the sheets hold)
cause-seal-too-cold-or-too-short = seal too cold or too short
cause-vacuum-leak-in-the-chamber = the chamber leaked: vacuum not reached, gas trapped in the pores
cause-worn-stacker-grippers = worn stacker grippers scatter the layers
cause-lithium-foil-too-thin-for-the-cathode = lithium foil too thin for the cathode's capacity (N/P below 1.1)
cause-formation-current-above-critical = formation charge current above the critical current density
cause-formation-too-cold-for-its-current = formation room too cold for its charge current
cause-solvent-left-in-the-electrolyte = solvent left in the electrolyte
cause-water-taken-up-in-the-dry-room = water taken up in the dry room
cause-below-the-capacity-threshold = capacity below the grading threshold
cause-above-the-resistance-threshold = resistance above the grading threshold
cause-above-the-k-value-threshold = K-value above the grading threshold
cause-air-exposed-batch = the batch sat in room air before the box
cause-moisture-in-the-glovebox = water in the glovebox atmosphere
cause-too-little-aluminium = too little aluminium to keep the garnet cubic
cause-sintering-off-its-window = sintered outside its window
cause-lithium-lost-in-an-overheated-anneal = lithium lost in an overheated anneal
cause-arcing-target = arcs from a cracked or contaminated target
cause-arcing-at-high-power = arcs at too high an RF power
cause-eroded-target = an eroded target deposits slower
cause-deposition-time-or-rate-off = deposition time or rate off
cause-too-little-nitrogen-in-the-film = too little nitrogen in the film (N₂ pressure low, power high)
cause-coating-too-thin = coating too thin to protect the cathode
cause-coating-too-thick = coating so thick it blocks lithium
cause-precursor-under-dosing = precursor under-dosing (low, uneven growth)
cause-outside-the-ald-window = deposited outside the ALD temperature window

## Units that are words
unit-units = units
unit-sheets = sheets
unit-cells = cells
