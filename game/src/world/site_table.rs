//! The sites as data: each Intellibat site's hall and where the stations of the lines it
//! hosts stand. A site gains a station, or a line, by an entry here; lines listed nowhere
//! are built in the first site, and stations without a placement stand along the material
//! flow, [`STATION_PITCH_M`] apart in layout order.
//!
//! Positions are metres from the site's origin: `[x along the line, z towards the viewer]`.
//! Kept as Rust constants (compiled in, so the web build has them) with no parser to fail.

use bevy::math::Vec3;

/// Distance between station centres along the line when a station has no placement, metres.
pub const STATION_PITCH_M: f32 = 8.0;

/// The electrode lines (NMC811 cathode, graphite anode): six stations along one line.
const ELECTRODE_LINE: &[(&str, [f32; 2])] = &[
    ("mixer", [-20.0, 0.0]),
    ("coater", [-12.0, 0.0]),
    ("dryer", [-4.0, 0.0]),
    ("calender", [4.0, 0.0]),
    ("inspection", [12.0, 0.0]),
    ("slitter", [20.0, 0.0]),
];

/// The whole solid-state cell line: the electrode line along the back of the hall, the
/// assembly in its dry room along the front, running back towards the viewer's left, and
/// the test hall (formation, aging, end-of-line test) in the front left corner.
const SOLID_STATE_CELL_LINE: &[(&str, [f32; 2])] = &[
    ("mixer", [-30.0, -9.0]),
    ("coater", [-20.0, -9.0]),
    ("dryer", [-10.0, -9.0]),
    ("calender", [0.0, -9.0]),
    ("inspection", [10.0, -9.0]),
    ("slitter", [20.0, -9.0]),
    ("impregnator", [28.0, 4.0]),
    ("curing", [18.0, 7.0]),
    ("laminator", [8.0, 7.0]),
    ("stacker", [-2.0, 7.0]),
    ("press", [-12.0, 7.0]),
    ("sealer", [-22.0, 7.0]),
    ("dryroom", [3.0, 15.0]),
    ("formation", [-33.0, 15.0]),
    ("aging", [-22.0, 17.0]),
    ("eol", [-11.0, 17.0]),
];

/// The assembly half on its own: the lot store at the dry room's door, the stations in a row.
const ASSEMBLY_LINE: &[(&str, [f32; 2])] = &[
    ("store", [-30.0, 0.0]),
    ("impregnator", [-20.0, 0.0]),
    ("curing", [-10.0, 0.0]),
    ("laminator", [0.0, 0.0]),
    ("stacker", [10.0, 0.0]),
    ("press", [20.0, 0.0]),
    ("sealer", [30.0, 0.0]),
    ("dryroom", [0.0, 12.0]),
];

/// The assembly half with its test hall: the assembly row as above, the test hall in a row
/// behind it, running back from the sealer.
const TEST_HALL_LINE: &[(&str, [f32; 2])] = &[
    ("store", [-30.0, 0.0]),
    ("impregnator", [-20.0, 0.0]),
    ("curing", [-10.0, 0.0]),
    ("laminator", [0.0, 0.0]),
    ("stacker", [10.0, 0.0]),
    ("press", [20.0, 0.0]),
    ("sealer", [30.0, 0.0]),
    ("dryroom", [0.0, 12.0]),
    ("formation", [28.0, -16.0]),
    ("aging", [14.0, -16.0]),
    ("eol", [0.0, -16.0]),
];

/// The generic eight-station cell line: electrode, assembly and finishing.
const GENERIC_CELL_LINE: &[(&str, [f32; 2])] = &[
    ("mixer", [-28.0, 0.0]),
    ("coater", [-20.0, 0.0]),
    ("dryer", [-12.0, 0.0]),
    ("calender", [-4.0, 0.0]),
    ("slitter", [4.0, 0.0]),
    ("stacker", [12.0, 0.0]),
    ("sealer", [20.0, 0.0]),
    ("eol_test", [28.0, 0.0]),
];

/// imec's thin-film lab: the coupon store by the door, the ALD reactor and the sputter
/// chamber side by side, the film tester at the end.
const GENK_THIN_FILM: &[(&str, [f32; 2])] =
    &[("coupons", [-10.5, 0.0]), ("ald", [-3.5, 0.0]), ("sputter", [3.5, 0.0]), ("filmtest", [10.5, 0.0])];

/// UHasselt's lab: the pellet store, the glovebox with the anneal furnace at its antechamber
/// and the impedance tester beside it, the diffractometer across the room.
const DIEPENBEEK_LAB: &[(&str, [f32; 2])] = &[
    ("pellets", [-12.0, 0.0]),
    ("glovebox", [-2.0, -4.0]),
    ("furnace", [-6.0, 1.0]),
    ("eis", [2.0, 1.0]),
    ("xrd", [10.0, 0.0]),
];

/// One site: a hall at `origin` and the lines it hosts.
#[derive(Debug)]
pub struct SiteSpec {
    pub id: &'static str,
    /// Message id (`locales/*/world.ftl`) of the name shown in the site picker.
    pub title_id: &'static str,
    /// Message id of the note shown over the hall while the site is on screen, if any.
    pub note_id: Option<&'static str>,
    /// Where the hall stands in the world, metres.
    pub origin: [f32; 3],
    /// Hall floor, width (along the line) by depth, metres.
    pub hall_m: [f32; 2],
    /// Floor colour, sRGB.
    pub floor: [f32; 3],
    /// The lines built in this hall and where their stations stand.
    pub lines: &'static [LinePlacement],
    /// Empty benches waiting for their instruments, `[x, z]` from the origin.
    pub benches: &'static [[f32; 2]],
    /// A laboratory (wall benches and fume hoods along its walls) rather than a production
    /// hall (columns and a crane runway).
    pub lab: bool,
}

/// Where the stations of one line (by layout id) stand, by station id, `[x, z]` from the
/// site's origin.
#[derive(Debug)]
pub struct LinePlacement {
    pub line: &'static str,
    pub stations: &'static [(&'static str, [f32; 2])],
}

impl SiteSpec {
    pub fn origin(&self) -> Vec3 {
        Vec3::from_array(self.origin)
    }

    /// The name shown in the site picker, in the language in use.
    pub fn title(&self) -> String {
        l10n::tr(self.title_id)
    }

    /// The note shown over the hall, in the language in use, if the site has one.
    pub fn note(&self) -> Option<String> {
        self.note_id.map(l10n::tr)
    }
}

/// Every site, in the order the site picker lists them; the first hosts unlisted lines.
pub const SITES: &[SiteSpec] = &[
    SiteSpec {
        id: "sint-truiden",
        title_id: "world-site-sint-truiden",
        note_id: None,
        origin: [0.0, 0.0, 0.0],
        hall_m: [80.0, 44.0],
        floor: [0.78, 0.79, 0.80],
        lines: &[
            LinePlacement { line: "electrode-nmc811", stations: ELECTRODE_LINE },
            LinePlacement { line: "electrode-graphite", stations: ELECTRODE_LINE },
            LinePlacement { line: "solid-state-cell", stations: SOLID_STATE_CELL_LINE },
            LinePlacement { line: "assembly-dryroom", stations: ASSEMBLY_LINE },
            LinePlacement { line: "cell-test-hall", stations: TEST_HALL_LINE },
            LinePlacement { line: "generic-8", stations: GENERIC_CELL_LINE },
        ],
        benches: &[],
        lab: false,
    },
    SiteSpec {
        id: "genk",
        title_id: "world-site-genk",
        note_id: Some("world-site-genk-note"),
        origin: [0.0, 0.0, -90.0],
        hall_m: [48.0, 30.0],
        floor: [0.80, 0.82, 0.86],
        lines: &[LinePlacement { line: "genk-thin-film", stations: GENK_THIN_FILM }],
        benches: &[],
        lab: true,
    },
    SiteSpec {
        id: "diepenbeek",
        title_id: "world-site-diepenbeek",
        note_id: Some("world-site-diepenbeek-note"),
        origin: [0.0, 0.0, -180.0],
        hall_m: [48.0, 30.0],
        floor: [0.82, 0.80, 0.78],
        lines: &[LinePlacement { line: "diepenbeek-lab", stations: DIEPENBEEK_LAB }],
        benches: &[],
        lab: true,
    },
];

#[cfg(test)]
mod tests {
    use super::SITES;
    use l10n::Lang;

    #[test]
    fn every_site_text_exists_in_both_languages() {
        for site in SITES {
            for id in std::iter::once(site.title_id).chain(site.note_id) {
                for lang in Lang::ALL {
                    assert!(l10n::has(lang, id), "site {}: no message `{id}` in {}", site.id, lang.tag());
                }
            }
        }
    }
}
