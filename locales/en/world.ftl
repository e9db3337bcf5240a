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
