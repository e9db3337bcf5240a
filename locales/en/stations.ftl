# Station kinds, their controls and readouts, and defect kinds (ids follow the simulation's
# table names: control-<kind>-<name>, readout-<kind>-<name>, with `{n}` written as `n`).

## Kinds
kind-generic = generic
kind-mixer = slurry mixer
kind-coater = slot-die coater
kind-dryer = dryer
kind-calender = calender
kind-inspection = inline inspection
kind-slitter = slitter / notcher

## Controls
control-generic-cycle-time-s = Cycle time
control-mixer-solids-pct = Recipe solids
control-mixer-mixing-speed-rpm = Mixing speed
control-mixer-mixing-time-min = Mixing time
control-mixer-deaeration-min = Vacuum de-aeration
control-mixer-temperature-degc = Jacket temperature
control-coater-pump-flow-l-per-min = Pump flow
control-coater-web-speed-m-per-min = Web speed
control-coater-coating-gap-um = Coating gap (lips to web)
control-coater-bead-vacuum-kpa = Bead vacuum
control-coater-loading-control-on = Loading control (beta gauge to pump)
control-coater-loading-gain = Loading control gain
control-coater-loading-reset-min = Loading control reset time
control-dryer-zone-n-temp-degc = Zone { $n } air temperature
control-dryer-zone-n-air-m-per-s = Zone { $n } air velocity
control-calender-line-load-n-per-mm = Line load
control-calender-speed-m-per-min = Calender speed
control-slitter-speed-m-per-min = Cutting speed

## Readouts
readout-mixer-batch-volume-l = Batch volume
readout-mixer-viscosity-pa-s = Viscosity at 10 1/s (last batch)
readout-mixer-grind-um = Grind gauge (last batch)
readout-mixer-density-g-per-cm3 = Density cup (last batch)
readout-mixer-solids-pct = Solids, oven test (last batch)
readout-coater-coated-width-m = Coated width
readout-coater-wet-thickness-um = Wet-film gauge
readout-coater-wet-film-cv-pct = Wet-film variation (CV)
readout-coater-beta-loading-mg-per-cm2 = Beta gauge after the dryer
readout-coater-pump-command-l-per-min = Pump command (nominal flow)
readout-coater-pump-output-l-per-min = Flow meter after the pump
readout-coater-roll-length-m = Coated on this roll
readout-coater-bead = Die camera: bead
readout-coater-streaks-per-100-m = Die camera: streaks
readout-dryer-zone-n-measured-degc = Zone { $n } thermocouple
readout-dryer-energy-kwh = Energy, last roll
readout-dryer-energy-kwh-per-m2 = Specific energy
readout-dryer-exhaust-lel-pct = Exhaust solvent, share of LEL
readout-calender-measured-load-n-per-mm = Load cell (end of roll)
readout-calender-thickness-um = Thickness gauge, roll mean
readout-inspection-length-m = Roll length
readout-inspection-mean-loading-mg-per-cm2 = Loading, beta gauge mean
readout-inspection-loading-cv-pct = Loading variation (CV)
readout-inspection-mean-thickness-um = Thickness gauge mean
readout-inspection-mean-porosity-pct = Porosity from gauges
readout-inspection-sample-residual-solvent-ppm = Lab: residual solvent
readout-inspection-sample-peel-n-per-m = Lab: peel strength
readout-inspection-flagged-n = Flagged: { $n }
readout-inspection-verdict = Verdict
readout-slitter-blade-wear-pct = Blade counter (life used)
readout-slitter-blade-limit-pct = Burrs reach the limit at (this speed)
readout-slitter-blade-status = Blade
readout-slitter-sheets = Sheets, last roll
readout-slitter-removed-m = Flagged metres cut out
readout-slitter-sample-max-burr-um = Burr, sample of 5 sheets (max)

## Defect kinds
defect-streak = streaks
defect-pinhole = pinholes
defect-skip = skips/rivulets
defect-edgebead = edge bead
defect-beadleak = bead leak
defect-chatterband = chatter bands
defect-loadingofftarget = loading off target
defect-residualsolvent = residual solvent
defect-bindermigration = binder migration
defect-cracking = cracking
defect-porosityofftarget = porosity off target
defect-particlecracking = particle cracking
defect-wrinkle = wrinkles

## Readouts every station shows
readout-processed = Units processed
readout-scrapped = Units scrapped
readout-failures = Breakdowns
readout-input-level = Input buffer level
