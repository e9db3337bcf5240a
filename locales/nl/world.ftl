# De hallen, sites en stationsmodellen.

## Fabrieksklok: $day telt vanaf 1, $time is UU:MM:SS
world-clock = dag { $day } { $time }

## Sites (de sitekeuze en de notitie boven een hal die nog op zijn stations wacht)
world-site-sint-truiden = Sint-Truiden: cellijn
world-site-genk = Genk: dunnefilmlab
world-site-genk-note = Dunnefilmlab van imec: ALD-coating en LiPON-sputteren van kathodeschijfjes, en de filmtester.
world-site-diepenbeek = Diepenbeek: materialenlab
world-site-diepenbeek-note = Lab van UHasselt: de handschoenkast met gloeioven en impedantietester, en de röntgendiffractometer.

## Scenariocatalogus
world-catalogue-no-line = { $file }: geen meegeleverde lijn `{ $line }`

## Signs over the plant areas
area-electrode = Elektrodelijn
area-dryroom = Droge ruimte
area-assembly = Assemblage
area-testhall = Formatie en test
area-finishing = Afwerking
area-cleanroom = Cleanroom
area-glovebox = Handschoenkast
area-store = Stalenopslag
area-xrd = Röntgenlab
