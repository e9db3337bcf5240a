# The play screen's panels and windows.

## Top bar
hud-duration = / { $hours } h
hud-speed = { $speed }x
hud-pause = Pause
hud-all-scenarios = All scenarios
hud-all-scenarios-tip = Leave this run and pick another scenario

## Dashboard
hud-line = Line
hud-throughput = Throughput
hud-throughput-value = { $rate } units/h
hud-completed = Completed (good)
hud-output = Output
hud-wip = WIP now / average
hud-first-pass-yield = First-pass yield
hud-line-oee = Line OEE (bottleneck)
hud-bottleneck = Bottleneck
hud-unplanned-scrap = Unplanned scrap
hud-stations = Stations
hud-col-station = station
hud-col-state = state
hud-col-fpy = FPY
hud-col-oee = OEE
# What was scrapped, by the station that removed it and what showed there (never the root
# cause, which the trainee is to find; the debrief names it).
hud-scrap-removed = Scrap removed

## Equipment states
hud-state-idle = idle
hud-state-running = running
hud-state-blocked = blocked
hud-state-starved = starved
hud-state-down = down
hud-state-setup = setup
# Mid-roll, waiting for the station its web runs into (a coater whose dryer stopped).
hud-state-held = held by web

## Objectives panel
hud-objectives = Objectives
hud-score-so-far = Score so far: { $score } / 100
hud-messages = Messages
hud-no-messages = None yet.
hud-hints = Hints
hud-take-hint = Take hint { $number } (-{ $points } points)
hud-end-now = End the scenario now

## Alarms
alarms-title = Alarms ({ $count })
alarms-none = No open alarms.
alarms-priority-low = Low
alarms-priority-medium = Medium
alarms-priority-high = High
alarms-priority-emergency = Emergency
alarms-cleared = cleared
alarms-ack = Ack
alarms-ack-tip = Acknowledge the alarm
alarms-unshelve = Unshelve
alarms-shelve = Shelve 30 min
alarms-refused = Refused: { $reason }

## Station window
station-state = State:
station-plot = plot
station-channel-screen = Channel screen: { $station }
station-channel = channel { $channel } · cell { $cell }
station-channel-hours = hours into the test
xrd-window = X-ray pattern: { $station }
xrd-sample = sample { $sample }, Cu Kα, peaks labelled by search-match
xrd-reference = Compare with
xrd-reference-none = no reference
xrd-two-theta = 2θ (°)
xrd-counts = counts
xrd-measured = measured
xrd-hint = A phase is there when its strong lines all stand at peaks of the pattern. Sticks below the axis: the reference you picked.
xrd-phase-llzo-cubic = LLZO (cubic)
xrd-phase-llzo-tetragonal = LLZO (tetragonal)
xrd-phase-licoo2 = LiCoO₂
xrd-phase-nmc811 = NMC811
xrd-phase-li-metal = Li
xrd-phase-la2zr2o7 = La₂Zr₂O₇
xrd-phase-li2co3 = Li₂CO₃
station-channel-voltage = voltage (V)
station-channel-current = current (A, + discharge)
station-start = Start
station-stop = Stop
station-maintenance = Maintenance 30 min
station-maintenance-tip = Calls the technicians for 30 minutes. Record a diagnosis first: a repair without a right one costs points, as does a wrong diagnosis.
station-diagnosis = Diagnosis:
station-record-diagnosis = Record
station-diagnosis-tip = Record what you think is wrong here, from what the gauges, alarms and lab show. You learn whether it was right in the debrief.
# $diagnosis: what the trainee named; $at: plant clock.
station-diagnosis-recorded = Recorded: { $diagnosis } ({ $at })
station-tooltip-alarms = { $count } open { $count ->
    [one] alarm
   *[other] alarms
}

## Trends window
trends-title = Trends
trends-plant-hours = plant hours

## Instructor's station
instructor-title = Instructor
instructor-freeze = Freeze
instructor-resume = Resume
instructor-plant-time = plant time { $at }
instructor-snapshot-every = min between snapshots
instructor-snapshots = Snapshots (rewind to one: the trainee goes on from there)
instructor-snapshot-commands = { $commands } { $commands ->
    [one] command
   *[other] commands
} so far
instructor-rewind = Rewind
instructor-branches = { $count } { $count ->
    [one] rewind
   *[other] rewinds
} so far; the replay keeps the abandoned branches
instructor-scenario-faults = The scenario's malfunctions
instructor-malfunction = Malfunction at a station
instructor-no-faults = This station has no malfunctions to inject.
instructor-severity = severity (mild to severe)
instructor-inject = Inject: { $fault }
instructor-repair-min = min to repair
instructor-breakdown = Break down
instructor-lot = New material lot
instructor-lot-viscosity = binder viscosity ×
instructor-lot-dispersion = dispersibility ×
instructor-lot-send = Change the lot
instructor-message = Message to the trainee
instructor-message-hint = e.g. The customer reports streaks on yesterday's rolls.
instructor-message-send = Send
instructor-history = Trainee history
instructor-history-trainee = Trainee:
instructor-history-refresh = Show
instructor-history-days = days since the first run
instructor-history-count = { $runs } { $runs ->
    [one] run
   *[other] runs
} recorded
instructor-history-none = No runs recorded for this trainee.
instructor-frozen = Frozen by the instructor
instructor-reloaded = { $file } reloaded at plant time { $at }
instructor-reload-failed-title = Scenario file not reloaded
instructor-reload-failed = { $file } has errors; the session goes on with the last valid version:

hud-show-dashboard = Dashboard
hud-show-objectives = Objectives
hud-panel-tip = Show or hide this side panel, to give the hall more of the window
