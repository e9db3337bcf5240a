# The halls, sites and station models.

## Plant clock: $day counts from 1, $time is HH:MM:SS
world-clock = day { $day } { $time }

## Sites (the site picker and the note over a hall still waiting for its stations)
world-site-sint-truiden = Sint-Truiden: cell line
world-site-genk = Genk: thin-film lab
world-site-genk-note = imec thin-film lab: LiPON sputtering and ALD coating stations will stand here.
world-site-diepenbeek = Diepenbeek: materials lab
world-site-diepenbeek-note = UHasselt lab: X-ray diffraction and the glovebox will stand here.

## Scenario catalogue
world-catalogue-no-line = { $file }: no bundled line `{ $line }`
