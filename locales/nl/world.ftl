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

## Wat tussen de stations loopt, zoals het volgzicht een eenheid noemt.
product-slurry = slurrybatch
product-roll = elektroderol
product-sheets = vellenstapel
product-cell = cel
product-sample = staal
product-part = onderdeel

## De zichtbalk boven de hal: voorinstellingen per zone en een eenheid volgen.
view-label = Zicht:
view-whole-line = Hele lijn
view-key = Toets { $key }
view-follow = Meerijden: { $product } in { $station }
view-follow-tip = De camera rijdt mee naar elk station en elke buffer tot de eenheid de lijn verlaat
view-following = Meerijden met { $product } { $unit } · { $station }
view-buffer-before = wacht voor { $station }
view-stop-following = Niet meer volgen
view-left-line = Eenheid { $unit } heeft de lijn verlaten (verzonden of afgekeurd).
