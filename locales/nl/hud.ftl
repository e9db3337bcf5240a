# De panelen en vensters van het speelscherm.

## Bovenbalk
hud-duration = / { $hours } u
hud-speed = { $speed }x
hud-pause = Pauze
hud-all-scenarios = Alle scenario's
hud-all-scenarios-tip = Deze oefening verlaten en een ander scenario kiezen

## Dashboard
hud-line = Lijn
hud-throughput = Doorzet
hud-throughput-value = { $rate } eenheden/u
hud-completed = Afgewerkt (goed)
hud-output = Productie
hud-wip = Onderhanden werk nu / gemiddeld
hud-first-pass-yield = First-pass yield
hud-line-oee = OEE van de lijn (knelpunt)
hud-bottleneck = Knelpunt
hud-unplanned-scrap = Ongeplande uitval
hud-stations = Stations
hud-col-station = station
hud-col-state = toestand
hud-col-fpy = FPY
hud-col-oee = OEE
hud-scrap-removed = Verwijderde uitval

## Toestanden van de installatie
hud-state-idle = inactief
hud-state-running = in bedrijf
hud-state-blocked = geblokkeerd
hud-state-starved = zonder aanvoer
hud-state-down = in storing
hud-state-setup = omstelling
hud-state-held = wacht op de baan

## Doelstellingen
hud-objectives = Doelstellingen
hud-score-so-far = Score tot nu: { $score } / 100
hud-messages = Meldingen
hud-no-messages = Nog geen.
hud-hints = Tips
hud-take-hint = Tip { $number } nemen (-{ $points } punten)
hud-end-now = Scenario nu beëindigen

## Alarmen
alarms-title = Alarmen ({ $count })
alarms-none = Geen openstaande alarmen.
alarms-priority-low = Laag
alarms-priority-medium = Middel
alarms-priority-high = Hoog
alarms-priority-emergency = Nood
alarms-cleared = hersteld
alarms-ack = Bevestigen
alarms-ack-tip = Alarm bevestigen
alarms-unshelve = Uitstel opheffen
alarms-shelve = 30 min uitstellen
alarms-refused = Geweigerd: { $reason }

## Stationvenster
station-state = Toestand:
station-plot = grafiek
station-channel-screen = Kanaalscherm: { $station }
station-channel = kanaal { $channel } · cel { $cell }
station-channel-hours = uren in de test
xrd-window = Röntgenpatroon: { $station }
xrd-sample = staal { $sample }, Cu Kα, pieken benoemd door zoeken-en-vergelijken
xrd-reference = Vergelijk met
xrd-reference-none = geen referentie
xrd-two-theta = 2θ (°)
xrd-counts = tellingen
xrd-measured = gemeten
xrd-hint = Een fase is aanwezig als al haar sterke lijnen op pieken van het patroon staan. Streepjes onder de as: de gekozen referentie.
xrd-phase-llzo-cubic = LLZO (kubisch)
xrd-phase-llzo-tetragonal = LLZO (tetragonaal)
xrd-phase-licoo2 = LiCoO₂
xrd-phase-nmc811 = NMC811
xrd-phase-li-metal = Li
xrd-phase-la2zr2o7 = La₂Zr₂O₇
xrd-phase-li2co3 = Li₂CO₃
station-channel-voltage = spanning (V)
station-channel-current = stroom (A, + ontladen)
station-start = Starten
station-stop = Stoppen
station-maintenance = Onderhoud 30 min
station-maintenance-tip = Roept de technici voor 30 minuten. Leg eerst een diagnose vast: een herstelling zonder juiste diagnose kost punten, net als een foute diagnose.
station-diagnosis = Diagnose:
station-record-diagnosis = Vastleggen
station-diagnosis-tip = Leg vast wat er volgens jou mis is, op basis van wat de meters, alarmen en het labo tonen. Of het klopte, zie je in de nabespreking.
station-diagnosis-recorded = Vastgelegd: { $diagnosis } ({ $at })
station-tooltip-alarms = { $count } open { $count ->
    [one] alarm
   *[other] alarmen
}

## Trendvenster
trends-title = Trends
trends-plant-hours = fabrieksuren

## Instructeurspost
instructor-title = Instructeur
instructor-freeze = Bevriezen
instructor-resume = Hervatten
instructor-plant-time = fabriekstijd { $at }
instructor-snapshot-every = min tussen momentopnames
instructor-snapshots = Momentopnames (spoel terug naar een ervan: de cursist gaat van daar verder)
instructor-snapshot-commands = { $commands } { $commands ->
    [one] opdracht
   *[other] opdrachten
} tot dan
instructor-rewind = Terugspoelen
instructor-branches = { $count } keer teruggespoeld; de replay bewaart de verlaten takken
instructor-scenario-faults = De storingen van het scenario
instructor-malfunction = Storing aan een station
instructor-no-faults = Dit station heeft geen storingen om in te brengen.
instructor-severity = ernst (licht tot zwaar)
instructor-inject = Inbrengen: { $fault }
instructor-repair-min = min herstellen
instructor-breakdown = Laten uitvallen
instructor-lot = Nieuw materiaallot
instructor-lot-viscosity = viscositeit bindmiddel ×
instructor-lot-dispersion = dispergeerbaarheid ×
instructor-lot-send = Lot wisselen
instructor-message = Bericht aan de cursist
instructor-message-hint = bv. De klant meldt strepen op de rollen van gisteren.
instructor-message-send = Versturen
instructor-history = Geschiedenis van de cursist
instructor-history-trainee = Cursist:
instructor-history-refresh = Tonen
instructor-history-days = dagen sinds de eerste run
instructor-history-count = { $runs } { $runs ->
    [one] run
   *[other] runs
} opgeslagen
instructor-history-none = Geen runs opgeslagen voor deze cursist.
instructor-frozen = Bevroren door de instructeur
instructor-reloaded = { $file } herladen op fabriekstijd { $at }
instructor-reload-failed-title = Scenariobestand niet herladen
instructor-reload-failed = { $file } bevat fouten; de sessie loopt verder met de laatste geldige versie:

hud-show-dashboard = Dashboard
hud-show-objectives = Doelen
hud-panel-tip = Dit zijpaneel tonen of verbergen, om de hal meer van het venster te geven
