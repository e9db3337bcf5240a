# The game's screens, menus and panels (English).

## Title screen
title-name = Intellibat Twin
title-tagline = Train on a digital twin of a solid-state battery cell line
title-sites = Sint-Truiden cell line  ·  Genk thin-film lab  ·  Diepenbeek materials lab
title-choose = Choose a scenario
title-settings = Settings
title-quit = Quit

## Settings
settings-title = Settings
settings-language = Language
settings-volume = Volume
settings-ui-scale = UI scale
settings-colour-blind = Colour-blind-safe palette (Okabe-Ito)

## The twin command line's debrief
cli-debrief-scenario = scenario `{ $id }`: { $title }
cli-debrief-score = score { $score } / 100
cli-debrief-penalty = penalty
cli-debrief-causes = defect causes found:
cli-debrief-lessons = to work on:
cli-debrief-hash = state hash { $hash }
