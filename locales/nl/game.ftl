# De schermen, menu's en panelen van het spel (Nederlands).

## Titelscherm
title-name = Intellibat Twin
title-tagline = Oefen op een digitale tweeling van een productielijn voor vastestofbatterijcellen
title-sites = Cellijn Sint-Truiden  ·  Dunnefilmlab Genk  ·  Materialenlab Diepenbeek
title-choose = Kies een scenario
title-settings = Instellingen
title-quit = Afsluiten

## Instellingen
settings-title = Instellingen
settings-language = Taal
settings-volume = Volume
settings-ui-scale = Schaal van de interface
settings-colour-blind = Kleurenblindveilig palet (Okabe-Ito)

## Debriefing in de opdrachtregel (twin)
cli-debrief-scenario = scenario `{ $id }`: { $title }
cli-debrief-score = score { $score } / 100
cli-debrief-penalty = strafpunt
cli-debrief-causes = gevonden oorzaken van defecten:
cli-debrief-lessons = werkpunten:
cli-debrief-hash = toestandshash { $hash }
