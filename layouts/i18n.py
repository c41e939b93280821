"""The one translation table of the dashboard: every visible label, German first.

Use :func:`t` with a key and a language code (``"de"`` or ``"en"``). A missing key
raises ``KeyError`` so an untranslated label cannot slip into the interface.
"""

from __future__ import annotations

from typing import Final, Literal

from dash import dcc

Lang = Literal["de", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("de", "en")
DEFAULT_LANG: Final[Lang] = "de"

TEXT: Final[dict[str, tuple[str, str]]] = {
    # key: (German, English)
    "title": ("Atlas der Integrationspotenziale", "Atlas of integration potential"),
    "subtitle": (
        "Bedingungen in Deutschlands 400 Kreisen und kreisfreien Städten",
        "Conditions in Germany's 400 rural districts and independent cities",
    ),
    "language": ("Sprache", "Language"),
    "loading": ("Wird geladen …", "Loading …"),
    # views
    "view.map": ("Karte & Profil", "Map & profile"),
    "view.compare": ("Vergleich", "Compare"),
    "view.types": ("Stadt und Land", "Rural vs urban"),
    "view.uncertainty": ("Unsicherheit", "Uncertainty"),
    "view.export": ("Export", "Export"),
    "view.about": ("Über die Daten", "About the data"),
    # map controls
    "measure": ("Dargestellter Wert", "Shown value"),
    "measure.composite": ("Gesamtwert (gewichtet)", "Composite score (weighted)"),
    "measure.group.domains": ("Bereichswerte", "Domain scores"),
    "measure.group.indicators": ("Indikatoren", "Indicators"),
    "measure.domain": ("Bereich: {name}", "Domain: {name}"),
    "class.method": ("Klassenbildung", "Classification"),
    "class.quantiles": ("Quantile", "Quantiles"),
    "class.fisher_jenks": ("Natürliche Brüche (Fisher-Jenks)", "Natural breaks (Fisher-Jenks)"),
    "class.equal_interval": ("Gleiche Abstände", "Equal intervals"),
    "class.std_mean": ("Standardabweichung", "Standard deviation"),
    "class.k": ("Anzahl Klassen", "Number of classes"),
    "palette": ("Farbpalette", "Colour palette"),
    "map.title": ("Karte der Kreise", "Map of districts"),
    "map.aria": (
        "Choroplethenkarte der 400 Kreise; Werte auch in Profil und Vergleich als Tabelle",
        "Choropleth map of the 400 districts; values also as tables in profile and compare",
    ),
    "map.changed": (
        "{n} von {total} Kreisen haben die Klasse gewechselt.",
        "{n} of {total} districts changed class.",
    ),
    "map.unchanged": ("Keine Klasse hat sich geändert.", "No district changed class."),
    "legend": ("Legende", "Legend"),
    "legend.missing": ("keine Daten", "no data"),
    "legend.count": ("{n} Kreise", "{n} districts"),
    "hover.value": ("Wert", "Value"),
    "hover.year": ("Jahr", "Year"),
    "hover.rank": ("Rang (Gesamtwert)", "Rank (composite)"),
    "hover.interval": ("Rangintervall 5–95 %", "Rank interval 5–95 %"),
    "score.unit": ("Punkte (z-Wert)", "points (z-score)"),
    "attribution": ("Quellen", "Sources"),
    # weights
    "weights": ("Gewichte", "Weights"),
    "weights.help": (
        "Gewichte sind eine Wertentscheidung: Sie legen fest, wie stark jeder Bereich in den "
        "Gesamtwert eingeht. Die Rangintervalle zeigen, wie sehr ein Rang davon abhängt.",
        "Weights are a value judgement: they set how much each domain counts in the composite. "
        "The rank intervals show how much a rank depends on them.",
    ),
    "weights.indicators": ("Indikatorgewichte", "Indicator weights"),
    "preset.equal_domains": ("Bereiche gleich", "Equal domains"),
    "preset.equal_indicators": ("Indikatoren gleich", "Equal indicators"),
    "preset.pca": ("Hauptkomponenten (PCA)", "Principal components (PCA)"),
    "reset": ("Zurücksetzen", "Reset"),
    "weights.share": ("Anteil {pct} %", "share {pct} %"),
    # profile
    "profile": ("Kreisprofil", "District profile"),
    "profile.search": ("Kreis suchen (Name oder AGS)", "Find a district (name or AGS)"),
    "profile.empty": (
        "Klicken Sie auf einen Kreis in der Karte oder suchen Sie ihn nach Name oder AGS.",
        "Click a district on the map or search for it by name or AGS.",
    ),
    "profile.composite": ("Gesamtwert", "Composite score"),
    "profile.rank": ("Rang {rank} von {total}", "Rank {rank} of {total}"),
    "profile.interval": (
        "Rangintervall (5–95 %) bei variierten Annahmen: {lo}–{hi}",
        "Rank interval (5–95 %) under varied assumptions: {lo}–{hi}",
    ),
    "profile.draws": ("({n} Ziehungen für diese Gewichte)", "({n} draws for these weights)"),
    "col.direction": ("Richtung", "Direction"),
    "profile.type": ("Siedlungstyp", "Settlement type"),
    "profile.rural_type": (
        "Ländlicher Raumtyp (nach Küpper 2016, neu berechnet)",
        "Rural type (after Küpper 2016, recomputed)",
    ),
    "profile.domains": ("Bereichswerte", "Domain scores"),
    "profile.indicators": ("Indikatoren", "Indicators"),
    "profile.gaps": ("Datenlücken", "Data gaps"),
    "profile.pct_help": (
        "Perzentil: Anteil der Kreise (in Deutschland bzw. im gleichen Siedlungstyp) mit "
        "weniger günstigen Bedingungen bei diesem Wert; 100 = am günstigsten. Bei "
        "Indikatoren, bei denen niedrige Werte günstiger sind, ist die Richtung berücksichtigt.",
        "Percentile: share of districts (in Germany or of the same settlement type) with less "
        "favourable conditions on this value; 100 = most favourable. For indicators where low "
        "values are more favourable, the direction is taken into account.",
    ),
    "profile.nogaps": ("Keine Datenlücken.", "No data gaps."),
    "profile.coverage": ("Datenabdeckung {pct} %", "Data coverage {pct} %"),
    "profile.flagged": (
        "Zu wenige Daten für einen belastbaren Gesamtwert.",
        "Too few data for a reliable composite score.",
    ),
    "col.indicator": ("Indikator", "Indicator"),
    "col.value": ("Wert", "Value"),
    "col.unit": ("Einheit", "Unit"),
    "col.year": ("Jahr", "Year"),
    "col.period": ("Bezugszeitraum", "Reference period"),
    "col.caveats": ("Hinweise", "Caveats"),
    "col.pct_de": ("Perzentil Deutschland", "Percentile Germany"),
    "col.pct_type": ("Perzentil gleicher Siedlungstyp", "Percentile same settlement type"),
    "col.domain": ("Bereich", "Domain"),
    "col.score": ("Wert", "Score"),
    "col.district": ("Kreis", "District"),
    "col.type": ("Typ", "Type"),
    "col.mean": ("Mittelwert", "Mean"),
    "col.median": ("Median", "Median"),
    "col.n": ("Anzahl", "Count"),
    "col.rank": ("Rang", "Rank"),
    "col.source": ("Quelle", "Source"),
    "col.licence": ("Lizenz", "Licence"),
    "col.proxy": ("Ersatzgröße für", "Proxy for"),
    "col.method": ("Methode", "Method"),
    "col.item": ("Eintrag", "Item"),
    "col.assumption": ("Annahme", "Assumption"),
    "missing": ("fehlt", "missing"),
    "better": ("günstiger", "more favourable"),
    # compare
    "compare": ("Kreise vergleichen", "Compare districts"),
    "compare.select": ("2 bis 6 Kreise wählen", "Choose 2 to 6 districts"),
    "compare.mode": ("Werte", "Values"),
    "compare.normalised": ("normiert (z-Werte)", "normalised (z-scores)"),
    "compare.raw": ("Originalwerte", "raw values"),
    "compare.hint": (
        "Bitte mindestens zwei Kreise wählen.",
        "Please choose at least two districts.",
    ),
    "compare.max": (
        "Höchstens {n} Kreise; die ersten {n} werden verglichen.",
        "At most {n} districts; the first {n} are compared.",
    ),
    # rural / urban
    "types": ("Stadt und Land", "Rural vs urban"),
    "types.by": ("Gruppieren nach", "Group by"),
    "types.settlement": (
        "Siedlungstyp (Näherung an die BBSR-Kreistypen, ohne Kriterium des Stadtanteils)",
        "Settlement type (approximation of the BBSR district types, without the town-share "
        "criterion)",
    ),
    "types.rural": (
        "Ländlichkeit nach Küpper (2016), mit Daten {data} neu berechnet",
        "Rurality after Küpper (2016), recomputed with {data} data",
    ),
    "types.data_current": ("aktuellen", "current"),
    "types.sizes": ("Größe der Typen", "Size of the types"),
    "types.spread": ("Md {median} ({q25}–{q75})", "Md {median} ({q25}–{q75})"),
    "types.means_help": (
        "Je Zelle der Mittelwert, darunter Median (Md) und Spanne vom unteren zum oberen "
        "Quartil der Kreise dieses Typs; das Kästchendiagramm zeigt die ganze Verteilung des "
        "gewählten Werts.",
        "Each cell: the mean, below it the median (Md) and the range from the lower to the "
        "upper quartile of the districts of this type; the box plot shows the whole "
        "distribution of the chosen value.",
    ),
    "types.rural_total": ("Ländliche Typen zusammen", "All rural types"),
    "types.published": (
        "Zum Vergleich die Veröffentlichung (Küpper 2016, Daten 2011–2015): ländliche Räume mit "
        "57,2 % der Bevölkerung auf 91,3 % der Fläche, 267 von 361 Kreisregionen. Die Typen hier "
        "sind mit dem veröffentlichten Verfahren und neueren Daten neu berechnet, nicht die "
        "amtliche Einstufung; Abweichungen vom Verfahren stehen in den Metadaten des Exports.",
        "For comparison, the publication (Küpper 2016, data 2011–2015): rural areas with 57.2 % "
        "of the population on 91.3 % of the area, 267 of 361 Kreisregionen. The types here are "
        "recomputed with the published method and newer data, not the official classification; "
        "deviations from the method are listed in the export's metadata.",
    ),
    "types.settlement_note": (
        "Näherung: Die BBSR-Kreistypen berücksichtigen auch den Bevölkerungsanteil in Groß- und "
        "Mittelstädten; dieses Kriterium fehlt hier, die Typen folgen nur Kreisart, Einwohnerzahl "
        "und Dichte.",
        "Approximation: the BBSR district types also use the population share in large and "
        "medium-sized towns; that criterion is missing here, the types follow only the kind of "
        "district, its population and density.",
    ),
    "col.districts": ("Kreise", "Districts"),
    "col.kreisregionen": ("Kreisregionen", "Kreisregionen"),
    "col.pop_share": ("Bevölkerungsanteil", "Population share"),
    "col.area_share": ("Flächenanteil", "Area share"),
    "types.measure": ("Wert", "Value"),
    "types.means": ("Mittelwerte je Typ", "Means by type"),
    "types.filter": ("Karte auf einen Typ beschränken", "Limit the map to one type"),
    # uncertainty
    "uncertainty": ("Unsicherheit der Ränge", "Uncertainty of ranks"),
    "uncertainty.help": (
        "Jeder Kreis mit seinem Median-Rang und dem Intervall von 5 % bis 95 % über {n} "
        "zufällig variierte Annahmen (Gewichte, Normierung, Aggregation). Robust hoch oder "
        "niedrig sind Kreise, deren Intervall ganz im oberen oder unteren Fünftel liegt; ist "
        "das Intervall breiter als zwei Fünftel der Rangliste, hängt die Position von den "
        "Annahmen ab; die übrigen bilden das Mittelfeld.",
        "Each district with its median rank and the 5 % to 95 % interval over {n} randomly "
        "varied assumptions (weights, normalisation, aggregation). Robustly high or low are "
        "districts whose interval lies entirely in the top or bottom fifth; where the interval "
        "is wider than two fifths of the ranking, the position depends on the assumptions; the "
        "others form the middle.",
    ),
    "uncertainty.sensitivity": (
        "Einfluss der Annahmen (Sensitivität)",
        "Influence of assumptions (sensitivity)",
    ),
    "uncertainty.first": ("Hauptwirkung (erster Ordnung)", "First order"),
    "uncertainty.total": ("Gesamtwirkung", "Total order"),
    "factor.weights": ("Gewichte", "Weights"),
    "factor.normalisation": ("Normierung", "Normalisation"),
    "factor.aggregation": ("Aggregation", "Aggregation"),
    "factor.missing": ("Umgang mit fehlenden Werten", "Missing values"),
    "uncertainty.median": ("Median-Rang", "Median rank"),
    "robust_high": ("robust hoch", "robustly high"),
    "robust_low": ("robust niedrig", "robustly low"),
    "weight_dependent": ("hängt von den Annahmen ab", "depends on the assumptions"),
    "middle": ("Mittelfeld", "middle"),
    # export
    "export": ("Export", "Export"),
    "export.help": (
        "Laden Sie die Werte mit Ihren aktuellen Gewichten herunter. Das Kartenbild speichern "
        "Sie über das Kamerasymbol oben rechts in der Karte.",
        "Download the scores with your current weights. Save the map image with the camera "
        "icon at the top right of the map.",
    ),
    "export.gpkg": ("GeoPackage herunterladen", "Download GeoPackage"),
    "export.csv": ("CSV herunterladen", "Download CSV"),
    "export.csv_excel": ("CSV für Excel (deutsch) herunterladen", "Download CSV for German Excel"),
    # about
    "about": ("Über die Daten", "About the data"),
    "about.atlas": ("Dargestellter Atlas", "Atlas shown"),
    "about.embedded": (
        "mitgelieferter Atlas (aus den amtlichen Dateien abgeleitet: Regionalstatistik, VGR, "
        "Deutschlandatlas, INKAR und weitere)",
        "shipped atlas (derived from the official files: regional statistics, VGR, "
        "Deutschlandatlas, INKAR and others)",
    ),
    "about.full": (
        "vollständiger Atlas (amtliche Gesamtdateien)",
        "full atlas (official bulk files)",
    ),
    "about.sources": ("Indikatoren, Quellen und Lizenzen", "Indicators, sources and licences"),
    "about.build": ("Erstellung", "Build"),
    "about.method": ("Methode in einfachen Worten", "The method in plain language"),
    "about.method.text": (
        "Jeder Indikator wird so normiert, dass Kreise vergleichbar sind (z-Werte: Abstand "
        "zum Bundesmittel in Standardabweichungen), und so ausgerichtet, dass höhere Werte "
        "günstigere Bedingungen bedeuten. Indikatoren werden zu Bereichswerten und diese zu "
        "einem Gesamtwert gemittelt. Der Wert beschreibt die Bedingungen in einem Kreis, nicht "
        "die Menschen, die dort leben.",
        "Each indicator is normalised so that districts are comparable (z-scores: distance "
        "from the national mean in standard deviations) and oriented so that higher values mean "
        "more favourable conditions. Indicators are averaged into domain scores and these into "
        "a composite. The score describes the conditions in a district, not the people who "
        "live there.",
    ),
    "about.weights.text": (
        "Warum Gewichte eine Wertentscheidung sind: Keine Statistik sagt, ob Arbeitsmarkt "
        "wichtiger ist als Wohnen. Die Autoren der Karten von 2016 haben deshalb auf einen "
        "Gesamtindex verzichtet. Dieser Atlas macht das Problem sichtbar: Sie setzen die "
        "Gewichte selbst, jeder Rang hat ein Intervall, und robust hohe oder niedrige Kreise "
        "werden von solchen unterschieden, deren Platz von den Gewichten abhängt.",
        "Why weights are a value judgement: no statistic says whether the labour market "
        "matters more than housing. The authors of the 2016 maps therefore did not build a "
        "composite index. This atlas exposes the problem instead: you set the weights, every "
        "rank has an interval, and robustly high or low districts are told apart from those "
        "whose place depends on the weights.",
    ),
    "about.vintages": (
        "Die Bezugszeiträume sind gemischt: Jeder Indikator hat seinen eigenen (Spalte "
        "Bezugszeitraum, vom Zensus 2011 bis 2023). Ein Wert beschreibt den Kreis zu diesem "
        "Zeitpunkt, nicht heute; der Gesamtwert verbindet Werte verschiedener Jahre.",
        "Vintages are mixed: each indicator has its own reference period (column Reference "
        "period, from the Zensus 2011 to 2023). A value describes the district at that time, "
        "not today; the composite combines values from different years.",
    ),
    "about.proxy": (
        "Ersatzgrößen (Proxies) messen einen Sachverhalt indirekt, wenn keine direkte "
        "amtliche Zahl vorliegt; sie sind in der Tabelle gekennzeichnet.",
        "Proxies measure something indirectly where no direct official figure exists; they "
        "are marked in the table.",
    ),
    "dd.search": ("Suchen", "Search"),
    "dd.clear_search": ("Suche leeren", "Clear search"),
    "dd.clear_selection": ("Auswahl leeren", "Clear selection"),
    "dd.no_options": ("Nichts gefunden", "Nothing found"),
    "dd.select_all": ("Alle wählen", "Select all"),
    "dd.deselect_all": ("Keine wählen", "Deselect all"),
    "dd.selected_count": ("{num_selected} gewählt", "{num_selected} selected"),
    # own indicators (uploads)
    "upload": ("Eigene Indikatoren", "Own indicators"),
    "upload.drop": (
        "Datei hierher ziehen oder auswählen (CSV, XLSX)",
        "Drag a file here or choose one (CSV, XLSX)",
    ),
    "upload.suffix": ("(eigene Daten)", "(own data)"),
    "upload.read": (
        "„{filename}“ gelesen: {rows} Kreise, {n} Spalte(n).",
        "'{filename}' read: {rows} districts, {n} column(s).",
    ),
    "upload.rejected": (
        "„{filename}“ kann nicht verwendet werden. Es wurde nichts übernommen:",
        "'{filename}' cannot be used. Nothing was applied:",
    ),
    "upload.warnings": ("Hinweise:", "Notes:"),
    "upload.column": ("Spalte „{column}“", "Column '{column}'"),
    "upload.domain": ("Bereich", "Domain"),
    "upload.direction": ("Richtung", "Direction"),
    "upload.higher": ("höher ist günstiger", "higher is more favourable"),
    "upload.lower": ("niedriger ist günstiger", "lower is more favourable"),
    "upload.weight": ("Gewicht im Bereich", "Weight within the domain"),
    "upload.apply": ("Übernehmen", "Apply"),
    "upload.remove": ("Eigene Indikatoren entfernen", "Remove own indicators"),
    "upload.applied": (
        "Übernommen: {names}. Die Daten bleiben nur in diesem Browserfenster.",
        "Applied: {names}. The data stay in this browser window only.",
    ),
    "upload.active": (
        "Aktiv: {names} aus „{filename}“ (eigene Daten, keine amtliche Statistik).",
        "Active: {names} from '{filename}' (own data, not official statistics).",
    ),
    "upload.removed": ("Eigene Indikatoren entfernt.", "Own indicators removed."),
    "upload.failed": (
        "Die Indikatoren konnten nicht übernommen werden:",
        "The indicators could not be applied:",
    ),
    "upload.privacy": (
        "Die Datei wird nur für diese Sitzung im Browser gehalten und nicht auf dem Server "
        "gespeichert.",
        "The file is kept in this browser session only and never stored on the server.",
    ),
    "upload.help": (
        "CSV- oder Excel-Datei (.xlsx, erstes Tabellenblatt), höchstens 5 MB, eine Zeile je "
        "Kreis. Eine Spalte mit dem Kreisschlüssel (z. B. „AGS“, „Kreisschlüssel“: 09162) oder "
        "dem Kreisnamen („Kreis“: „Landkreis München“, „Stadt München“), dazu eine oder mehrere "
        "Spalten mit Zahlen (Dezimalkomma oder -punkt, je Spalte einheitlich). Leere Zellen "
        "gelten als fehlende Werte. Formeln werden nicht ausgewertet. Die Werte beschreiben "
        "Bedingungen im Kreis, keine Personen.",
        "CSV or Excel file (.xlsx, first worksheet), at most 5 MB, one row per district. One "
        "column with the district key (e.g. 'AGS', 'Kreisschlüssel': 09162) or the district "
        "name ('Kreis': 'Landkreis München', 'Stadt München'), plus one or more columns of "
        "numbers (decimal comma or point, consistent within a column). Empty cells are missing "
        "values. Formulas are never evaluated. Values describe conditions in a district, not "
        "people.",
    ),
    "upload.code_renamed": (
        "Spalte „{column}“ erhält den Code {code}, weil {taken} schon vergeben ist.",
        "Column '{column}' gets the code {code} because {taken} is already taken.",
    ),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    # issue 12: district kinds, print sheets and reports, ranking, similar districts
    # the German kinds are kept as terms in English too (as the English help texts do)
    "kind.city": ("kreisfreie Stadt", "kreisfreie Stadt"),
    "kind.district": ("Landkreis", "Landkreis"),
    "print.bad": (
        "Ungültige Anfrage: Parameter „{param}“ hat den unbekannten Wert „{value}“.",
        "Bad request: parameter '{param}' has the unknown value '{value}'.",
    ),
    "print.bad_ags": (
        "Ungültige Anfrage: „{ags}“ ist kein Kreis (AGS) dieses Atlas.",
        "Bad request: '{ags}' is not a district (AGS) of this atlas.",
    ),
    "print.period": ("Stand", "reference period"),
    "print.direction.score": (
        "Höhere Werte: günstigere Bedingungen (z-Werte, 0 = Mittel der Kreise).",
        "Higher values: more favourable conditions (z-scores, 0 = mean of districts).",
    ),
    "print.direction.up": ("Höhere Werte sind günstiger.", "Higher values are favourable."),
    "print.direction.down": ("Niedrigere Werte sind günstiger.", "Lower values are favourable."),
    "print.direction.none": (
        "Kontextgröße ohne günstige Richtung.",
        "Context measure without a favourable direction.",
    ),
    "print.weights": ("Gewichte (Anteil am Gesamtwert)", "Weights (share of the composite)"),
    "print.boundaries": ("Verwaltungsgrenzen", "Boundaries"),
    "print.footer": ("Erstellt am {date} · Ansicht: {url}", "Made on {date} · view: {url}"),
    "print.proxy": (
        "Ersatzgröße (Proxy): misst den Sachverhalt indirekt.",
        "Proxy: measures the matter indirectly.",
    ),
    "print.proxy_mark": (
        "* Ersatzgröße (Proxy), siehe unten.",
        "* proxy, see below.",
    ),
    "print.proxies": ("Ersatzgrößen (Proxies)", "Proxies"),
    "print.ags": ("Kreisschlüssel (AGS)", "District code (AGS)"),
    "print.state": ("Land", "Land (state)"),
    "print.kind": ("Kreisart", "Kind"),
    "print.population": ("Bevölkerung", "Population"),
    "print.area": ("Fläche", "Area"),
    "print.density": ("Bevölkerungsdichte", "Population density"),
    "print.per_km2": ("Einw. je km²", "inhabitants per km²"),
    "print.ranks": ("Gesamtwert und Bereiche", "Composite and domains"),
    "print.rank_text": (
        "Rang {rank} beim Gesamtwert; mit den Gewichten und Methoden der "
        "Sensitivitätsanalyse liegt der Rang in 90 % der Fälle zwischen {interval}.",
        "Rank {rank} on the composite; under the weights and methods of the sensitivity "
        "analysis the rank lies between {interval} in 90 % of cases.",
    ),
    "print.domain_interval": (
        "Rangintervalle (5–95 %) des Bereichs: dieselbe Unsicherheitsanalyse wie für den "
        "Gesamtwert, mit nur diesem Bereich gewichtet (Indikatorgewichte, Normierung, "
        "Aggregation und Umgang mit Lücken variiert).",
        "Domain rank intervals (5–95 %): the same uncertainty analysis as for the composite, "
        "with only this domain weighted (indicator weights, normalisation, aggregation and "
        "missing-value rule varied).",
    ),
    "score.help.print": (
        "Die Werte beschreiben Bedingungen im Kreis, nicht seine Bevölkerung. Rang 1 = "
        "günstigste Bedingungen.",
        "The scores describe conditions in the district, not its people. Rank 1 = most "
        "favourable conditions.",
    ),
    "print.sources": ("Quellen und Lizenzen", "Sources and licences"),
    "print.report": ("Kreisbericht", "District report"),
    "col.measure": ("Größe", "Measure"),
    "col.robustness": ("Einordnung", "Robustness"),
    "col.name": ("Kreis", "District"),
    "col.state": ("Land", "Land"),
    "col.kind": ("Kreisart", "Kind"),
    "col.settlement_type": ("Siedlungstyp", "Settlement type"),
    "col.rural_type": ("Ländlichkeit", "Rural type"),
    "col.interval": ("Rangintervall 5–95 %", "Rank interval 5–95 %"),
    "export.print": ("Druckfertige Karte und Kreisbericht", "Print-ready map and district report"),
    "export.print.help": (
        "A4-Blätter mit Titel, Legende, Maßstab, Quellen und Adresse dieser Ansicht; sie "
        "folgen Ihren aktuellen Einstellungen.",
        "A4 sheets with title, legend, scale bar, sources and the address of this view; they "
        "follow your current settings.",
    ),
    "export.map.pdf": ("Karte als PDF", "Map as PDF"),
    "export.map.png": ("Karte als PNG", "Map as PNG"),
    "export.map.svg": ("Karte als SVG", "Map as SVG"),
    "export.report": ("Kreisbericht (PDF)", "District report (PDF)"),
    "export.report.none": (
        "Für einen Kreisbericht wählen Sie zuerst einen Kreis.",
        "Select a district first for a district report.",
    ),
    "view.ranking": ("Rangliste", "Ranking"),
    "ranking": ("Rangliste aller Kreise", "Ranking of all districts"),
    "ranking.help": (
        "Sortieren mit Klick auf eine Spaltenüberschrift; ein Klick auf eine Zeile öffnet das "
        "Kreisprofil. Der Balken zeigt das Rangintervall 5–95 %, der Punkt den Rang mit den "
        "aktuellen Gewichten.",
        "Sort by clicking a column heading; clicking a row opens the district profile. The "
        "bar shows the 5–95 % rank interval, the dot the rank under the current weights.",
    ),
    "ranking.state": ("Land", "Land"),
    "ranking.type": ("Siedlungstyp", "Settlement type"),
    "ranking.rural": ("Ländlichkeit", "Rural type"),
    "ranking.all": ("alle", "all"),
    "ranking.count": ("{n} von {total} Kreisen", "{n} of {total} districts"),
    "similar": ("Kreise mit ähnlichem Profil", "Districts with a similar profile"),
    "similar.help": (
        "Die nächsten Nachbarn in den normierten Indikatorwerten (euklidischer Abstand), "
        "mögliche Partner zum Erfahrungsaustausch.",
        "The nearest neighbours in the normalised indicator values (Euclidean distance), "
        "possible peers to learn from.",
    ),
    "similar.same_type": ("nur gleicher Siedlungstyp", "same settlement type only"),
    "similar.among": ("Vergleichen mit", "Compare with"),
    "similar.all": ("allen Kreisen", "all districts"),
    "similar.shares": ("ähnlich bei", "similar in"),
    "similar.differs": ("anders bei", "different in"),
    "similar.none": ("Keine vergleichbaren Kreise gefunden.", "No comparable districts found."),
    "profile.report": ("Kreisbericht als PDF", "District report as PDF"),
    "profile.context": (
        "Bevölkerung {pop} · Fläche {area} km² · {density} Einw. je km²",
        "Population {pop} · area {area} km² · {density} inhabitants per km²",
    ),
    "uncertainty.axis": (
        "Kreise, geordnet nach Median-Rang",
        "Districts, ordered by median rank",
    ),
    "uncertainty.top": ("Robust hoch ({n})", "Robustly high ({n})"),
    "uncertainty.bottom": ("Robust niedrig ({n})", "Robustly low ({n})"),
    "uncertainty.selected": ("Ausgewählt: {name}", "Selected: {name}"),
    "uncertainty.sensitivity.axis": (
        "Anteil der Rangvarianz (Sobol-Index, 0–1)",
        "Share of rank variance (Sobol index, 0–1)",
    ),
    "uncertainty.sensitivity.help": (
        "Wie stark jede Annahme die Ränge bewegt: Hauptwirkung = Anteil der Streuung der Ränge, "
        "den die Annahme allein erklärt; Gesamtwirkung = einschließlich ihres Zusammenwirkens "
        "mit den anderen Annahmen. 0 = ohne Einfluss.",
        "How much each assumption moves the ranks: first order = share of the rank variance "
        "the assumption explains alone; total order = including its interplay with the "
        "other assumptions. 0 = no influence.",
    ),
    "uncertainty.none": ("keine", "none"),
    "settings.show": ("Einstellungen und Gewichte zeigen", "Show settings and weights"),
    # banner: the atlas shown
    "banner": (
        "Dargestellt: {atlas} · Datenjahre {years}",
        "Shown: {atlas} · data years {years}",
    ),
    "about.synthetic": (
        "SYNTHETISCHER Testatlas (Zufallszahlen, keine amtlichen Daten)",
        "SYNTHETIC test atlas (random numbers, no official data)",
    ),
    # favourable direction
    "direction.higher": ("höher = günstiger", "higher is more favourable"),
    "direction.lower": ("niedriger = günstiger", "lower is more favourable"),
    "direction.colour": (
        "Helle Farben stehen auf allen Karten für günstigere Bedingungen.",
        "On every map, light colours mean more favourable conditions.",
    ),
    "hover.direction": ("Richtung", "Direction"),
    "direction.choice": ("Richtung von „{name}“", "Direction of '{name}'"),
    "direction.choice.help": (
        "Eine Wertentscheidung: „höher = günstiger“ liest einen hohen Anteil als Erfahrung "
        "mit Zuwanderung und vorhandene Integrationsstrukturen; „niedriger = günstiger“ folgt "
        "Thünen Working Paper 59 (2016), das ihn als Integrationsbedarf las.",
        "A value judgement: 'higher is more favourable' reads a high share as experience with "
        "immigration and existing integration structures; 'lower is more favourable' follows "
        "Thünen Working Paper 59 (2016), which read it as integration need.",
    ),
    "hover.proxy": ("Ersatzgröße für", "proxy for"),
    # indicators a proxy stands in for (not in every atlas, so named here)
    "indicator.alq": ("Arbeitslosenquote", "Unemployment rate"),
    "indicator.wohn_leer": ("Leerstandsquote", "Housing vacancy rate"),
    "indicator.wahl_beteil": ("Wahlbeteiligung", "Voter turnout"),
    # proxies
    "proxy.mark": ("Ersatzgröße", "proxy"),
    "proxy.note": (
        "„{name}“ ist eine Ersatzgröße für „{target}“, das im dargestellten Atlas fehlt.",
        "'{name}' is a proxy for '{target}', which the atlas shown lacks.",
    ),
    # weights that cannot be scored
    "weights.error.all_zero": (
        "Alle wirksamen Gewichte sind 0: Mindestens ein Bereich (und darin ein Indikator) "
        "braucht ein Gewicht über 0.",
        "All effective weights are 0: at least one domain (and one of its indicators) needs a "
        "weight above 0.",
    ),
    "weights.error.too_small": (
        "Das Gewicht {value} für „{name}“ ist kleiner als {min}; 0 lässt es weg.",
        "The weight {value} for '{name}' is below {min}; 0 leaves it out.",
    ),
    "weights.error.too_large": (
        "Das Gewicht {value} für „{name}“ ist größer als {max}.",
        "The weight {value} for '{name}' is above {max}.",
    ),
    "weights.error.invalid": (
        "Das Gewicht für „{name}“ ist keine gültige Zahl von 0 bis {max}.",
        "The weight for '{name}' is not a valid number from 0 to {max}.",
    ),
    "weights.kept": (
        "Karte und Profil zeigen weiter die letzte berechenbare Einstellung.",
        "Map and profile keep showing the last setting that could be scored.",
    ),
    "weights.link_defaults": (
        "Die Gewichte im Link lassen sich nicht berechnen; der Atlas zeigt die Standardgewichte.",
        "The weights in the link cannot be scored; the atlas shows the default weights.",
    ),
    # classes
    "class.shortfall.few_values": (
        "Nur {k} statt {requested} Klassen: Die Werte haben zu wenige verschiedene Ausprägungen.",
        "Only {k} instead of {requested} classes: the values have too few distinct levels.",
    ),
    "class.shortfall.ties": (
        "Nur {k} statt {requested} Klassen: Viele gleiche Werte lassen Quantilklassen leer.",
        "Only {k} instead of {requested} classes: many tied values leave quantile classes empty.",
    ),
    "class.shortfall.outside_data": (
        "Nur {k} statt {requested} Klassen: Standardabweichungsklassen jenseits der Daten "
        "enthalten keine Kreise und entfallen.",
        "Only {k} instead of {requested} classes: standard-deviation classes beyond the data "
        "hold no district and are left out.",
    ),
    # live intervals
    "stale": ("wird für die neuen Gewichte berechnet …", "being computed for the new weights …"),
    "uncertainty.live": (
        "Berechnet für die eingestellten Gewichte ({n} Ziehungen).",
        "Computed for the weights set ({n} draws).",
    ),
    "compare.ranks": ("Rang und Rangintervall (5–95 %)", "Rank and rank interval (5–95 %)"),
    "compare.robustness": ("Einordnung", "Robustness"),
    "export.classes": (
        "Die QGIS-Darstellung im GeoPackage übernimmt Klassenbildung ({method}, {k} Klassen) "
        "und Farbpalette der Karte für den Gesamtwert.",
        "The QGIS style in the GeoPackage takes the map's classification ({method}, {k} "
        "classes) and palette for the composite score.",
    ),
    # build record of the atlas
    "build.kind": ("Art des Atlas", "Atlas kind"),
    "build.build_date": ("Erstellt am", "Built on"),
    "build.software": ("Software", "Software"),
    "build.territorial_status": ("Gebietsstand", "Territorial status"),
    "build.boundaries": ("Grenzen", "Boundaries"),
    "build.sources": ("Quellen", "Sources"),
    "build.vintages": ("Datenstände", "Vintages"),
    "build.synthetic": ("Synthetische Daten", "Synthetic data"),
    "build.seed": ("Startwert des Zufallsgenerators", "Random seed"),
    "build.districts": ("Kreise", "Districts"),
    "build.input": ("Eingangsdatei {path} (SHA-256)", "Input file {path} (SHA-256)"),
}

#: Units as the atlas catalogue writes them, with their German and English wording.
UNITS: Final[dict[str, tuple[str, str]]] = {
    "persons": ("Personen", "persons"),
    "persons per household": ("Personen je Haushalt", "persons per household"),
    "inhabitants per km²": ("Einwohner je km²", "inhabitants per km²"),
    "per 1,000 inhabitants": ("je 1.000 Einwohner", "per 1,000 inhabitants"),
    "per 10,000 inhabitants": ("je 10.000 Einwohner", "per 10,000 inhabitants"),
    "per 100,000 inhabitants": ("je 100.000 Einwohner", "per 100,000 inhabitants"),
    "% of school leavers": ("% der Schulabgänger", "% of school leavers"),
    "% of households": ("% der Haushalte", "% of households"),
    "1,000 EUR": ("1.000 EUR", "1,000 EUR"),
    "EUR per m² (net, class midpoint)": (
        "EUR je m² (netto, Klassenmitte)",
        "EUR per m² (net, class midpoint)",
    ),
    "see Deutschlandatlas": ("siehe Deutschlandatlas", "see Deutschlandatlas"),
    "min (see Deutschlandatlas)": ("Min. (siehe Deutschlandatlas)", "min (see Deutschlandatlas)"),
    "% per year (see Deutschlandatlas)": (
        "% pro Jahr (siehe Deutschlandatlas)",
        "% per year (see Deutschlandatlas)",
    ),
    "je 100 erwerbsfähige Ausländer": (
        "je 100 erwerbsfähige Ausländer",
        "per 100 foreigners of working age",
    ),
    "je 100 Einwohner": ("je 100 Einwohner", "per 100 inhabitants"),
    "je 1.000 Einwohner": ("je 1.000 Einwohner", "per 1,000 inhabitants"),
    "je 10.000 Einwohner": ("je 10.000 Einwohner", "per 10,000 inhabitants"),
    "je 100.000 Einwohner": ("je 100.000 Einwohner", "per 100,000 inhabitants"),
    "Einwohner je km²": ("Einwohner je km²", "inhabitants per km²"),
    "per 1,000": ("je 1.000", "per 1,000"),
    "per 10,000": ("je 10.000", "per 10,000"),
    "per 100,000": ("je 100.000", "per 100,000"),
    "inh/km²": ("Einw./km²", "inh./km²"),
    "inh.": ("Einw.", "inh."),
}

#: Wording of words in German units of INKAR (``je 100 …``) not listed in :data:`UNITS`.
UNIT_WORDS_EN: Final[dict[str, str]] = {
    "je": "per",
    "Einwohner": "inhabitants",
    "Einwohnerinnen": "inhabitants",
    "erwerbsfähige": "working-age",
    "Erwerbsfähige": "people of working age",
    "Ausländer": "foreigners",
    "Beschäftigte": "employees",
    "Haushalte": "households",
    "Kinder": "children",
    "Jahre": "years",
    "unter": "under",
    "und": "and",
    "Frauen": "women",
    "Männer": "men",
}

#: Licence and source phrases as the atlas catalogue writes them: (catalogue, German,
#: English), longer phrases first.
PHRASES: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "reuse with source attribution (Quellenangabe gestattet)",
        "Nachnutzung mit Quellenangabe gestattet",
        "reuse permitted with source attribution",
    ),
    (
        "licence not stated; reuse with attribution",
        "Lizenz nicht angegeben; Nachnutzung mit Quellenangabe",
        "licence not stated; reuse with attribution",
    ),
    (
        "reuse with source attribution",
        "Nachnutzung mit Quellenangabe",
        "reuse with source attribution",
    ),
    (
        "OpenStreetMap-derived stop positions",
        "aus OpenStreetMap abgeleitete Haltestellenpositionen",
        "OpenStreetMap-derived stop positions",
    ),
    ("stop positions partly", "Haltestellenpositionen teils", "stop positions partly"),
    ("OpenStreetMap contributors", "OpenStreetMap-Mitwirkende", "OpenStreetMap contributors"),
    (
        "and the underlying official statistics",
        "und die zugrunde liegenden amtlichen Statistiken",
        "and the underlying official statistics",
    ),
    ("station data", "Bahnhofsdaten", "station data"),
    (" via npm ", " über npm ", " via npm "),
    (") and ODbL", ") und ODbL", ") and ODbL"),
    ("synthetic (random numbers)", "synthetisch (Zufallszahlen)", "synthetic (random numbers)"),
)


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``values``.

    Parameters
    ----------
    key
        Key of :data:`TEXT`.
    lang
        ``"de"`` or ``"en"``; anything else falls back to German.
    **values
        Values for the placeholders of the text.

    Returns
    -------
    str
        The translated text.
    """
    de, en = TEXT[key]
    text = en if lang == "en" else de
    return text.format(**values) if values else text


def dropdown_labels(lang: str) -> dcc.Dropdown.Labels:
    """Translate the texts of ``dcc.Dropdown``'s own controls (``labels`` property)."""
    return dcc.Dropdown.Labels(
        search=t("dd.search", lang),
        clear_search=t("dd.clear_search", lang),
        clear_selection=t("dd.clear_selection", lang),
        select_all=t("dd.select_all", lang),
        deselect_all=t("dd.deselect_all", lang),
        no_options_found=t("dd.no_options", lang),
        selected_count=TEXT["dd.selected_count"][1 if lang == "en" else 0],
    )


def fmt_number(value: object, lang: str = DEFAULT_LANG, decimals: int = 2) -> str:
    """Format a number for the interface language (``1.234,57`` in German, ``1,234.57``).

    Missing values (None, NaN) become an en dash.
    """
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    if x != x:  # NaN
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def fmt_count(value: object, lang: str = DEFAULT_LANG) -> str:
    """Format a count without decimals (``1.234`` in German, ``1,234`` in English)."""
    return fmt_number(value, lang, decimals=0)


def fmt_general(value: object, lang: str = DEFAULT_LANG) -> str:
    """Format any number compactly (``1e+308``, ``0,0004``), decimal mark by language."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "de" else text


def unit_text(unit: object, lang: str = DEFAULT_LANG) -> str:
    """Return a catalogue unit in the interface language (German or English input)."""
    if unit is None or (isinstance(unit, float) and unit != unit):
        return ""
    text = str(unit)
    if text in UNITS:
        return UNITS[text][1 if lang == "en" else 0]
    if lang == "en" and text.startswith("je "):
        return " ".join(UNIT_WORDS_EN.get(w, w) for w in text.split(" ")).replace(".", ",")
    return text


def localise(text: object, lang: str = DEFAULT_LANG) -> str:
    """Put the licence and source phrases of a catalogue text into the interface language."""
    out = "" if text is None else str(text)
    for catalogue, de, en in PHRASES:
        out = out.replace(catalogue, en if lang == "en" else de)
    return out


def pick(lang: str, de: object, en: object) -> str:
    """Choose the German or English variant of a data-provided label (e.g. catalogue names)."""
    value = en if lang == "en" and isinstance(en, str) and en else de
    return "" if value is None else str(value)
