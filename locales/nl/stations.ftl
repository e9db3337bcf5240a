# Stationtypes, hun instellingen en meetwaarden, en defectsoorten (de ids volgen de namen
# in de tabellen van de simulatie).

## Types
kind-generic = generiek
kind-mixer = slurrymenger
kind-coater = slot-die-coater
kind-dryer = droger
kind-calender = kalander
kind-inspection = inline inspectie
kind-slitter = snijder / notcher

## Instellingen
control-generic-cycle-time-s = Cyclustijd
control-mixer-solids-pct = Vastestofgehalte recept
control-mixer-mixing-speed-rpm = Mengsnelheid
control-mixer-mixing-time-min = Mengtijd
control-mixer-deaeration-min = Ontluchten onder vacuüm
control-mixer-temperature-degc = Manteltemperatuur
control-coater-pump-flow-l-per-min = Pompdebiet
control-coater-web-speed-m-per-min = Bandsnelheid
control-coater-coating-gap-um = Coatingspleet (lippen tot baan)
control-coater-bead-vacuum-kpa = Vacuüm onder de meniscus
control-coater-loading-control-on = Beladingsregeling (betameter naar pomp)
control-coater-loading-gain = Versterking beladingsregeling
control-coater-loading-reset-min = Integratietijd beladingsregeling
control-dryer-zone-n-temp-degc = Luchttemperatuur zone { $n }
control-dryer-zone-n-air-m-per-s = Luchtsnelheid zone { $n }
control-calender-line-load-n-per-mm = Lijnlast
control-calender-speed-m-per-min = Kalandersnelheid
control-slitter-speed-m-per-min = Snijsnelheid

## Meetwaarden
readout-mixer-batch-volume-l = Batchvolume
readout-mixer-viscosity-pa-s = Viscositeit bij 10 1/s (laatste batch)
readout-mixer-grind-um = Grindometer (laatste batch)
readout-mixer-density-g-per-cm3 = Densiteitsbeker (laatste batch)
readout-mixer-solids-pct = Vaste stof, ovenproef (laatste batch)
readout-coater-coated-width-m = Gecoate breedte
readout-coater-wet-thickness-um = Natte-filmmeter
readout-coater-wet-film-cv-pct = Variatie natte film (CV)
readout-coater-beta-loading-mg-per-cm2 = Betameter na de droger
readout-coater-pump-command-l-per-min = Pompcommando (nominaal debiet)
readout-coater-pump-output-l-per-min = Debietmeter na de pomp
readout-coater-roll-length-m = Gecoat op deze rol
readout-coater-bead = Camera aan de slot-die: bead
readout-coater-streaks-per-100-m = Camera aan de slot-die: strepen
readout-dryer-zone-n-measured-degc = Thermokoppel zone { $n }
readout-dryer-energy-kwh = Energie, laatste rol
readout-dryer-energy-kwh-per-m2 = Specifieke energie
readout-dryer-exhaust-lel-pct = Oplosmiddel in de afvoerlucht, deel van de LEL
readout-calender-measured-load-n-per-mm = Krachtopnemer (einde rol)
readout-calender-thickness-um = Diktemeter, gemiddelde van de rol
readout-inspection-length-m = Rollengte
readout-inspection-mean-loading-mg-per-cm2 = Belading, gemiddelde betameter
readout-inspection-loading-cv-pct = Variatie belading (CV)
readout-inspection-mean-thickness-um = Gemiddelde diktemeter
readout-inspection-mean-porosity-pct = Porositeit uit de meters
readout-inspection-sample-residual-solvent-ppm = Labo: restoplosmiddel
readout-inspection-sample-peel-n-per-m = Labo: pelsterkte
readout-inspection-flagged-n = Gemarkeerd: { $n }
readout-inspection-verdict = Oordeel
readout-slitter-blade-wear-pct = Messenteller (gebruikte levensduur)
readout-slitter-blade-limit-pct = Braam haalt de grens bij (deze snelheid)
readout-slitter-blade-status = Mes
readout-slitter-sheets = Vellen, laatste rol
readout-slitter-removed-m = Gemarkeerde meters uitgesneden
readout-slitter-sample-max-burr-um = Braam, staal van 5 vellen (max)

## Defectsoorten
defect-streak = strepen
defect-pinhole = speldenprikken
defect-skip = onbedekte plekken/straaltjes
defect-edgebead = randverdikking
defect-beadleak = bead-lek
defect-chatterband = trillingsbanden
defect-loadingofftarget = belading buiten doel
defect-residualsolvent = restoplosmiddel
defect-bindermigration = bindmiddelmigratie
defect-cracking = scheuren
defect-porosityofftarget = porositeit buiten doel
defect-particlecracking = deeltjesbreuk
defect-wrinkle = plooien

## Meetwaarden die elk station toont
readout-processed = Verwerkte eenheden
readout-scrapped = Afgekeurde eenheden
readout-failures = Storingen
readout-input-level = Niveau invoerbuffer
