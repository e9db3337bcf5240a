# Scenario list, briefing, play and debrief screens, and the pause menu.

## Scenario list
select-title = Choose a scenario
select-col-scenario = scenario
select-col-level = level
select-col-minutes = minutes
select-col-line = line
select-col-audience = for
select-back = Back
select-briefing = Briefing

## Scenario difficulty
select-difficulty-tutorial = Tutorial
select-difficulty-beginner = Beginner
select-difficulty-intermediate = Intermediate
select-difficulty-advanced = Advanced

## Who a scenario is for
select-audience-operator = Operator
select-audience-technician = Technician
select-audience-engineer = Engineer
select-audience-public = Public

## Briefing
# $difficulty: a select-difficulty-… text; $line: the line's title from its layout file.
briefing-summary =
    { $difficulty } · about { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } · { $hours } h of plant time on { $line }
briefing-learn = You will learn
briefing-objectives = Objectives
briefing-objective = • { $title } (weight { $weight })
briefing-hints =
    { $count ->
        [one] 1 hint available; it costs points.
       *[other] { $count } hints available, each costs points.
    }
briefing-back = Back
briefing-start = Start

## Debrief
debrief-title = Debrief: { $title }
debrief-score = Score
debrief-penalty = penalty
debrief-lessons = To work on
debrief-causes = What went wrong and why
# $quantity and $unit: how much came out defective, in the station's unit (m, sheets, …).
debrief-cause = • { $station }: { $cause } ({ $quantity } { $unit } defective, { $scrap } kg scrapped)
debrief-kpis = Line KPIs over the run
debrief-plant-hours = plant hours
debrief-oee = OEE
debrief-first-pass-yield = first-pass yield
debrief-unplanned-scrap = unplanned scrap, kg
debrief-timeline = Timeline
debrief-kind-command = Command
debrief-kind-rejected = Refused
debrief-kind-event = Event
debrief-kind-hidden-event = Hidden event
debrief-kind-alarm = Alarm
debrief-kind-hint = Hint
debrief-kind-safety-violation = Safety violation
debrief-kind-instructor = Instructor
debrief-replay-saved = Replay saved to { $path } (check it with `twin replay`).
debrief-replay-failed = The replay could not be saved: { $reason }
debrief-replay-in-memory = Replay kept in memory.
debrief-progress = Your scores on this scenario ({ $trainee })
debrief-progress-first = Your first run of this scenario: its score is recorded.
debrief-progress-summary = { $attempts } earlier { $attempts ->
    [one] run
   *[other] runs
}: { $previous } (best { $best })
debrief-progress-attempt = attempt
debrief-progress-score = score
debrief-progress-now = this run
debrief-results-failed = The run could not be recorded: { $reason }
briefing-trainee = Trainee (name or id):
debrief-cannot-create = cannot create { $path }: { $error }
debrief-cannot-write = cannot write { $path }: { $error }
debrief-state-hash = state hash { $hash }
debrief-play-again = Play again
debrief-choose-another = Choose another scenario

## Pause menu
pause-title = Paused
pause-resume = Resume
pause-settings = Settings
pause-end = End the scenario and see the debrief
pause-quit = Quit to the scenario list

## Diagnoses in the debrief
debrief-diagnoses = Your diagnoses
# $verdict: debrief-diagnosis-right or -wrong.
debrief-diagnosis = • { $at }  { $station }: { $diagnosis } — { $verdict }
debrief-diagnosis-right = right
debrief-diagnosis-wrong = wrong

## Cost account in the debrief
debrief-costs = What the run cost
debrief-cost-account = material used up { $material } EUR · energy { $energy } EUR · maintenance { $maintenance } EUR · technicians { $technicians } EUR · total { $total } EUR
debrief-cost-per-area = { $area } m² of good electrode: { $per_m2 } EUR/m²
debrief-cost-nothing-good = no good electrode has left the line yet (what is still in the line is not counted as used up)
