# Tekst die de simulatie maakt: alarmen, uitlezingen in woorden, storingen, weigeringen, de
# tijdlijn van de debriefing, voortgang van doelen, strafpunten en oorzaken van defecten.

## Alarmen (de naam van het station staat ernaast)
alarm-breakdown = storing: herstelling bezig
alarm-calender-load-deviation = lijnlast { $measured } N/mm wijkt af van de ingestelde { $set } N/mm
alarm-coater-wet-film-variation = natte-filmmeter: dikte varieert { $cv } % over de baan
alarm-coater-bead = matrijscamera: meniscus { $bead }
alarm-dryer-zone-temp-low = luchttemperatuur zone { $zone } te laag (ingesteld { $set } °C)
alarm-dryer-exhaust-lel = oplosmiddel in de afvoerlucht op { $pct } % van de onderste explosiegrens (alarm boven { $limit } %)
alarm-inspection-roll-rejected = rol afgekeurd: restoplosmiddel boven specificatie
alarm-inspection-peel-low = labo: pelsterkte { $peel } N/m onder de specificatie van { $spec } N/m
alarm-inspection-flagged = { $pct } % van de rol gemarkeerd door de inspectie
alarm-mixer-batch-qc = batchcontrole buiten specificatie (korrel of lucht)
alarm-slitter-burr = braam in staal { $burr } µm boven de grens van { $limit } µm
alarm-priority-low = laag
alarm-priority-medium = middel
alarm-priority-high = hoog
alarm-priority-emergency = noodgeval
alarm-dry-room-dew-point = dauwpunt boven { $limit } °C
alarm-impregnator-uptake-low = opname van het staal slechts { $pct } % van de poriën
alarm-stacker-alignment = lagen geplaatst buiten de anode-overlap van { $mm } mm
alarm-sealer-leak = lektest mislukt ({ $rate } × 10⁻⁶ mbar·L/s)
alarm-formation-gas = pouch opgezwollen door gas ({ $ml } mL)
alarm-formation-efficiency = rendement eerste cyclus laag ({ $pct } %)
alarm-eol-rejects = { $rejects } van de laatste { $cells } cellen afgekeurd
alarm-glovebox-h2o = water in de handschoenkast boven { $limit } ppm
alarm-glovebox-o2 = zuurstof in de handschoenkast boven { $limit } ppm
alarm-glovebox-regenerating = zuiveraar regenereert: de kast wordt niet gezuiverd
alarm-h2s = H₂S vrijgekomen boven { $limit } cm³/g: kast gesloten houden, ventileren

## Uitlezingen in woorden
word-coater-bead-stable = stabiel
word-coater-bead-breaking-up = breekt open
word-coater-bead-heavy-edges = dikke randen
word-coater-bead-leaking = lekt
word-coater-bead-weeping = lekt naar de vacuümkamer
word-slitter-blade-ok = goed
word-slitter-blade-change-soon = binnenkort wisselen
word-slitter-blade-worn-out = versleten
word-inspection-verdict-rejected = rol afgekeurd (restoplosmiddel)
word-eol-grade-a = A
word-eol-grade-b = B
word-eol-grade-reject = afgekeurd

## Storingen die een instructeur inbrengt
fault-pump-pulsation = pulserende pomp ({ $pct } %)
fault-pump-wear = versleten slurrypomp ({ $pct } % slip)
fault-clog-die-lip = verstopte matrijslip
fault-heater-failure = verwarming zone { $zone } defect
fault-roll-gap-drift = walsspleet verloopt ({ $pct_per_h } %/h)
fault-blade-damage = beschadigd mes ({ $pct } % slijtage)
fault-knife-clearance = messpeling te groot (+{ $um } µm braam)
fault-precursor-water = water in de elektrolytprecursor (geltijd { $pct } %)
fault-stacker-drift = verloop van de plaatsing in de stapelaar ({ $mm } mm)
fault-seal-bar-cold = sealbalk { $k } K kouder dan ingesteld
fault-door-left-open = deur van de droge ruimte blijft open
fault-desiccant-wheel-stop = droogwiel stilgevallen
fault-glove-leak = gescheurde handschoen ({ $l_per_h } L/u kamerlucht)
fault-purifier-saturated = zuiveraar verzadigd
fault-air-exposed-batch = batch blootgesteld aan lucht ({ $h } u)
fault-target-arcing = gebarsten sputtertarget (boogontladingen)
fault-precursor-depleted = ALD-precursor raakt op ({ $pct } % dosis)
fault-vacuum-leak = impregneerkamer lekt (+{ $kpa } kPa)
fault-gripper-worn = grijpers van de stapelaar versleten (spreiding × { $x })

## Diagnoses die een cursist kan vastleggen
diagnosis-pump-pulsation = slurrypomp pulseert
diagnosis-pump-wear = slurrypomp versleten (levert minder dan gevraagd)
diagnosis-clog-die-lip = matrijslip verstopt
diagnosis-heater-failure = verwarming van zone { $zone } defect
diagnosis-roll-gap-drift = walsspleet loopt open
diagnosis-blade-damage = mes beschadigd of versleten
diagnosis-knife-clearance = messpeling te groot
diagnosis-precursor-water = water in de precursor (geleert te snel)
diagnosis-stacker-drift = plaatsing in de stapelaar verloopt
diagnosis-seal-bar-cold = verwarmingsband sealbalk versleten (te koud)
diagnosis-door-left-open = deur van de droge ruimte staat open
diagnosis-desiccant-wheel-stop = droogwiel van de ontvochtiger stilgevallen
diagnosis-glove-leak = een handschoen of afdichting lekt
diagnosis-purifier-saturated = de zuiveraar is verzadigd
diagnosis-air-exposed-batch = de batch werd aan lucht blootgesteld
diagnosis-target-arcing = het sputtertarget is gebarsten of vervuild
diagnosis-precursor-depleted = de ALD-precursor raakt op
blind-start-only = de lijn starten, verder niets
blind-acknowledge = elk alarm bevestigen
blind-maintain-on-alarm = bevestigen, en elk station dat alarmeert onderhouden
blind-guess-and-maintain-on-alarm = bevestigen, elke mogelijke diagnose opgeven, en elk station dat alarmeert onderhouden
blind-with-timetable = { $what }; elk station elke { $h } u onderhouden
diagnosis-vacuum-leak = impregneerkamer lekt (vacuüm niet bereikt)
diagnosis-gripper-worn = grijpers van de stapelaar versleten (plaatsing spreidt)

## Geweigerde opdrachten
reject-no-station = er is geen station “{ $station }”
reject-no-control = { $station } heeft geen regeling “{ $control }”
reject-out-of-range = { $control } = { $value } { $unit } ligt buiten { $min }–{ $max } { $unit }
reject-maintenance-duration = onderhoud van { $s } s ligt buiten 0–604.800 s
reject-repair-time = een herstelling van { $s } s ligt buiten 0–604.800 s
reject-shelve-duration = uitstellen voor { $s } s ligt buiten 0–86.400 s
reject-instructor = opdracht van de instructeur geweigerd: { $detail }
reject-hint-without-scenario = tips horen bij een scenario; er loopt er geen
reject-diagnosis-without-scenario = diagnoses worden door een scenario beoordeeld; er loopt er geen
reject-no-alarm = er is geen alarm { $alarm }
reject-already-acknowledged = alarm { $alarm } is al bevestigd
reject-not-shelved = alarm { $alarm } is niet uitgesteld
reject-maintenance-while-down = { $station } is in storing; wacht op de herstelling
reject-already-in-maintenance = { $station } is al in onderhoud
reject-already-down = { $station } is al in storing
reject-no-hint = er is geen tip { $hint }
reject-hint-taken = tip { $hint } is al genomen
reject-hint-not-yet = tip { $hint } is beschikbaar na { $after_h } h
reject-not-yours = { $control } mag je in dit scenario niet wijzigen
reject-instructor-only = alleen de instructeur kan dat doen
reject-not-instructors = de instructeur geeft storingen, defecten, lotwissels en berichten; de rest is aan de cursist
reject-message-too-long = een bericht telt hoogstens { $max } tekens

## De tijdlijn van de debriefing
file-text = { $text }
timeline-breakdown = { $station } valt uit
timeline-lot-change = nieuwe materiaallot bij { $station }
timeline-event-set-control = { $control } op { $value } gezet
message-new-order = Nieuwe order: { $quantity } goede eenheden tegen { $due_h } h
message-instructor = { $text }
timeline-fault = { $station }: { $fault }
timeline-alarm = #{ $alarm } ({ $priority }) { $station }: { $message }
timeline-set-control = { $control } → { $value }
timeline-stop = stop { $station }
timeline-start = start { $station }
timeline-maintenance = onderhoud van { $station } ({ $min } min)
timeline-instructor-fault = instructeur: { $fault } bij { $station }
timeline-instructor-breakdown = instructeur: storing van { $station }
timeline-instructor-lot = instructeur: lotwissel bij { $station }
timeline-instructor-message = bericht van de instructeur: { $text }
timeline-hint = tip { $hint }
timeline-diagnose = diagnose bij { $station }: { $fault }
timeline-acknowledge = alarm { $alarm } bevestigd
timeline-shelve = alarm { $alarm } uitgesteld ({ $min } min)
timeline-unshelve = alarm { $alarm } niet meer uitgesteld
timeline-safety-violation = { $control } = { $value }: { $reason }

## Voortgang van de doelen
progress-deliver = { $got } van { $quantity } goed geleverd
progress-produce = { $station }: { $got } van { $quantity } goed in één keer
progress-keep-in-limits = { $pct } % van de tijd binnen de grenzen
progress-no-fault = geen storing opgetreden
progress-fix-faults = { $fixed } van { $faults } { $faults ->
    [one] storing
   *[other] storingen
} verholpen, { $diagnosed } eerst gediagnosticeerd
progress-fix-faults-live = { $fixed } van { $faults } { $faults ->
    [one] storing
   *[other] storingen
} verholpen (diagnoses worden op het einde beoordeeld)
progress-no-alarms = geen alarmen te bevestigen
progress-acknowledge = { $in_time } van { $alarms } { $alarms ->
    [one] alarm
   *[other] alarmen
} op tijd bevestigd
progress-no-orders = geen orders geplaatst
progress-orders = { $met } van { $orders } { $orders ->
    [one] order
   *[other] orders
} op tijd geleverd
progress-cost-per-area = { $cost } EUR per goede m² (doel { $target })
progress-nothing-good = nog niets goeds gemaakt
progress-max-scrap = ongepland afval { $pct } % van het materiaal (grens { $limit } %)

## Strafpunten
penalty-hint = tip { $hint } genomen
penalty-safety = { $violations } { $violations ->
    [one] veiligheidsovertreding
   *[other] veiligheidsovertredingen
}
penalty-scrap = ongepland afval { $kg } kg
penalty-maintenance-cost = { $maintenances } { $maintenances ->
    [one] onderhoudsbeurt
   *[other] onderhoudsbeurten
}: technici en onderdelen
penalty-maintenance = { $maintenances } { $maintenances ->
    [one] onderhoudsbeurt
   *[other] onderhoudsbeurten
} zonder diagnose van een aanwezige storing
penalty-wrong-diagnosis = { $diagnoses } { $diagnoses ->
    [one] foute diagnose
   *[other] foute diagnoses
}

## Oorzaken van defecten
cause-with-defect = { $defect }: { $cause }
cause-agglomerates-from-mixing = agglomeraten uit het mengen (te kort of te traag gemengd, verouderde slurry)
cause-clogged-die-lip = verstopte matrijslip
cause-air-left-in-the-slurry = lucht in de slurry gebleven (niet of te kort ontlucht)
cause-air-entrained-at-high-web-speed = lucht meegesleurd bij hoge baansnelheid
cause-below-the-low-flow-limit = onder de lagedebietgrens: te weinig debiet voor snelheid en spleet
cause-flow-above-the-coating-window = debiet boven het coatingvenster: de meniscus lekt
cause-bead-vacuum-too-high = vacuüm onder de meniscus hoger dan de meniscus stroomopwaarts houdt: de slot-die lekt
cause-wet-film-close-to-the-die-gap = natte film te dicht bij de matrijsspleet
cause-pump-pulsation = pulserende pomp
cause-worn-pump-slips = versleten pomp: ze slipt en levert minder dan haar setpoint
cause-coating-start-up = opstart van de rol: de film bouwt op terwijl de meniscus zich vormt
cause-flow-or-speed-off-the-target-loading = pompdebiet / baansnelheid naast de doelbelading
cause-zone-n-heater-failure = verwarming zone { $n } defect
cause-drying-too-short-or-too-cool = verblijftijd in de droger te kort voor de baansnelheid, of zonelucht te koel
cause-drying-too-fast = te snel gedroogd: zonelucht te heet of te sterk
cause-coating-too-thick-for-the-drying-rate = coating te dik voor de droogsnelheid
cause-line-load-too-high-over-compaction = lijnlast te hoog: overcompactie
cause-roll-gap-drift = verlopende walsspleet
cause-line-load-off-the-target-porosity = lijnlast naast de doelporositeit ingesteld
cause-edge-bead-from-coating = randverdikking uit de coating draagt extra last
cause-line-load-too-high-for-the-foil = lijnlast te hoog voor de folie
cause-flagged-by-the-gauge = gemarkeerd door de meter (meting dicht bij de grens)
cause-rejected-for-residual-solvent = restoplosmiddel boven specificatie (labostaal): rol afgekeurd
cause-batch-agglomerates-over-spec = agglomeraten (korrelmeter boven specificatie): langer of sneller mengen
cause-batch-air-over-spec = meegesleurde lucht boven specificatie: ontluchten onder vacuüm
cause-burr-above-limit = braam boven de grens: versleten mes of te snel
cause-burr-from-knife-clearance = braam boven de grens: messpeling te groot
cause-planned-edge-trim = randafsnijding (gepland)
cause-planned-roll-end-remnant = restant aan het rolseinde (gepland)
cause-process-scrap = procesafval
cause-gel-point-reached-before-the-pores-filled = de sol bereikte zijn gelpunt voor de poriën gevuld waren (bad te warm, te oud of nat)
cause-gas-trapped-without-vacuum = gas opgesloten in de poriën: gevuld zonder voldoende vacuüm
cause-precursor-dose-too-low = dosis precursor lager dan wat de poriën en de scheidingslaag opnemen
cause-cure-too-short-or-too-cool = te kort of te koel uitgehard
cause-cured-too-fast-for-the-layer = te snel uitgehard voor de laag: de gel barstte
cause-lamination-pressure-too-low = lamineerdruk te laag
cause-lithium-passivated-by-moisture = lithium gepassiveerd door vocht in de droge ruimte
cause-stacker-alignment-drift = verloop van de plaatsing in de stapelaar
cause-stacking-too-fast-for-its-accuracy = te snel gestapeld voor de nauwkeurigheid
cause-stack-pressure-too-low = stapeldruk te laag
cause-stack-pressure-too-high-lithium-creeps = stapeldruk te hoog: lithium kruipt in het elektrolyt
cause-seal-too-hot-inner-layer-thinned = seal te heet: de binnenlaag werd dunner
cause-precursor-residue-in-the-seal-zone = precursorresten in de sealzone (dosis boven wat de vellen opnemen)
cause-seal-too-cold-or-too-short = seal te koud of te kort
cause-vacuum-leak-in-the-chamber = de kamer lekte: vacuüm niet bereikt, gas opgesloten in de poriën
cause-worn-stacker-grippers = versleten grijpers in de stapelaar spreiden de lagen
cause-lithium-foil-too-thin-for-the-cathode = lithiumfolie te dun voor de capaciteit van de kathode (N/P onder 1,1)
cause-formation-current-above-critical = laadstroom bij formatie boven de kritische stroomdichtheid
cause-formation-too-cold-for-its-current = formatieruimte te koud voor de laadstroom
cause-solvent-left-in-the-electrolyte = oplosmiddel achtergebleven in het elektrolyt
cause-water-taken-up-in-the-dry-room = water opgenomen in de droge ruimte
cause-below-the-capacity-threshold = capaciteit onder de sorteergrens
cause-above-the-resistance-threshold = weerstand boven de sorteergrens
cause-above-the-k-value-threshold = K-waarde boven de sorteergrens
cause-air-exposed-batch = de batch stond in kamerlucht voor de kast
cause-moisture-in-the-glovebox = water in de atmosfeer van de handschoenkast
cause-too-little-aluminium = te weinig aluminium om het granaat kubisch te houden
cause-sintering-off-its-window = gesinterd buiten het venster
cause-lithium-lost-in-an-overheated-anneal = lithium verloren bij te heet gloeien
cause-arcing-target = bogen van een gebarsten of vervuild target
cause-arcing-at-high-power = bogen door te hoog RF-vermogen
cause-eroded-target = een versleten target deponeert trager
cause-deposition-time-or-rate-off = depositietijd of -snelheid verkeerd
cause-too-little-nitrogen-in-the-film = te weinig stikstof in de film (N₂-druk laag, vermogen hoog)
cause-coating-too-thin = coating te dun om de kathode te beschermen
cause-coating-too-thick = coating zo dik dat ze lithium blokkeert
cause-precursor-under-dosing = te lage precursordosis (lage, ongelijke groei)
cause-outside-the-ald-window = gedeponeerd buiten het ALD-temperatuurvenster

## Eenheden die woorden zijn
unit-units = eenheden
unit-sheets = vellen
unit-cells = cellen
