# The halls, sites and station models.

## Plant clock: $day counts from 1, $time is HH:MM:SS
world-clock = day { $day } { $time }

## Sites (the site picker and the note over a hall still waiting for its stations)
world-site-sint-truiden = Sint-Truiden: cell line
world-site-genk = Genk: thin-film lab
world-site-genk-note = imec thin-film lab: ALD coating and LiPON sputtering of cathode coupons, and the film tester.
world-site-diepenbeek = Diepenbeek: materials lab
world-site-diepenbeek-note = UHasselt lab: the glovebox with its anneal furnace and impedance tester, and the X-ray diffractometer.

## Scenario catalogue
world-catalogue-no-line = { $file }: no bundled line `{ $line }`

## Signs over the plant areas
area-electrode = Electrode line
area-dryroom = Dry room
area-assembly = Assembly
area-testhall = Formation and test
area-finishing = Finishing
area-cleanroom = Clean room
area-glovebox = Glovebox
area-store = Sample store
area-xrd = X-ray lab

## What flows between stations, as the view that follows a unit names it.
product-slurry = slurry batch
product-roll = electrode roll
product-sheets = sheet stack
product-cell = cell
product-sample = sample
product-part = part

## The view bar over the hall: presets per area, and following a unit.
view-label = View:
view-whole-line = Whole line
view-key = Key { $key }
view-follow = Follow the { $product } in { $station }
view-follow-tip = The camera rides along with it to every station and buffer until it leaves the line
view-following = Following { $product } { $unit } · { $station }
view-buffer-before = waiting before { $station }
view-stop-following = Stop following
view-left-line = Unit { $unit } has left the line (shipped or scrapped).
