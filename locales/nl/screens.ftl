# Scenariolijst, briefing, speel- en nabesprekingsscherm, en het pauzemenu.

## Scenariolijst
select-title = Kies een scenario
select-col-scenario = scenario
select-col-level = niveau
select-col-minutes = minuten
select-col-line = lijn
select-col-audience = voor
select-back = Terug
select-briefing = Briefing

## Moeilijkheid van een scenario
select-difficulty-tutorial = Kennismaking
select-difficulty-beginner = Beginner
select-difficulty-intermediate = Gemiddeld
select-difficulty-advanced = Gevorderd

## Voor wie een scenario bedoeld is
select-audience-operator = Operator
select-audience-technician = Technicus
select-audience-engineer = Ingenieur
select-audience-public = Publiek

## Briefing
# $difficulty: een select-difficulty-…-tekst; $line: de titel van de lijn uit het lay-outbestand.
briefing-summary =
    { $difficulty } · ongeveer { $minutes } { $minutes ->
        [one] minuut
       *[other] minuten
    } · { $hours } u fabriekstijd op { $line }
briefing-learn = Wat je leert
briefing-objectives = Doelstellingen
briefing-objective = • { $title } (gewicht { $weight })
briefing-hints =
    { $count ->
        [one] 1 tip beschikbaar; die kost punten.
       *[other] { $count } tips beschikbaar; elke tip kost punten.
    }
briefing-back = Terug
briefing-start = Starten

## Nabespreking
debrief-title = Nabespreking: { $title }
debrief-score = Score
debrief-penalty = aftrek
debrief-lessons = Werkpunten
debrief-causes = Wat liep er mis en waarom
# $quantity en $unit: hoeveel er defect buitenkwam, in de eenheid van het station (m, vellen, …).
debrief-cause = • { $station }: { $cause } ({ $quantity } { $unit } defect, { $scrap } kg afgekeurd)
debrief-kpis = KPI's van de lijn tijdens de oefening
debrief-plant-hours = fabrieksuren
debrief-oee = OEE
debrief-first-pass-yield = first-pass yield
debrief-unplanned-scrap = ongeplande uitval, kg
debrief-timeline = Tijdlijn
debrief-kind-command = Opdracht
debrief-kind-rejected = Geweigerd
debrief-kind-event = Gebeurtenis
debrief-kind-hidden-event = Verborgen gebeurtenis
debrief-kind-alarm = Alarm
debrief-kind-hint = Tip
debrief-kind-safety-violation = Veiligheidsovertreding
debrief-kind-instructor = Instructeur
debrief-replay-saved = Replay opgeslagen in { $path } (controleer hem met `twin replay`).
debrief-replay-failed = De replay kon niet worden opgeslagen: { $reason }
debrief-replay-in-memory = Replay alleen in het geheugen bewaard.
debrief-progress = Jouw scores in dit scenario ({ $trainee })
debrief-progress-first = Je eerste run van dit scenario: de score is opgeslagen.
debrief-progress-summary = { $attempts } eerdere { $attempts ->
    [one] run
   *[other] runs
}: { $previous } (beste { $best })
debrief-progress-attempt = poging
debrief-progress-score = score
debrief-progress-now = deze run
debrief-results-failed = De run kon niet opgeslagen worden: { $reason }
briefing-trainee = Cursist (naam of id):
debrief-cannot-create = kan { $path } niet aanmaken: { $error }
debrief-cannot-write = kan { $path } niet schrijven: { $error }
debrief-state-hash = toestandshash { $hash }
debrief-play-again = Opnieuw spelen
debrief-choose-another = Ander scenario kiezen

## Pauzemenu
pause-title = Gepauzeerd
pause-resume = Hervatten
pause-settings = Instellingen
pause-end = Scenario beëindigen en nabespreking bekijken
pause-quit = Terug naar de scenariolijst

## Diagnoses in de nabespreking
debrief-diagnoses = Jouw diagnoses
debrief-diagnosis = • { $at }  { $station }: { $diagnosis } — { $verdict }
debrief-diagnosis-right = juist
debrief-diagnosis-wrong = fout

## Kostenrekening in de nabespreking
debrief-costs = Wat de oefening kostte
debrief-cost-account = verbruikt materiaal { $material } EUR · energie { $energy } EUR · onderhoud { $maintenance } EUR · technici { $technicians } EUR · totaal { $total } EUR
debrief-cost-per-area = { $area } m² goede elektrode: { $per_m2 } EUR/m²
debrief-cost-nothing-good = nog geen goede elektrode van de lijn gekomen (wat nog in de lijn zit, telt niet als verbruikt)
