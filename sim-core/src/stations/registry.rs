//! The registry of station kinds: one line per kind.
//!
//! `station_kinds!` generates [`StationKind`], the enum a layout file names a kind by
//! (`Coater(...)`), its dispatch to [`Station`], and the few calls the line's hot path makes
//! dispatched statically. Adding a kind is a module
//! implementing [`super::StationModel`] and one line here.

use serde::{Deserialize, Serialize};

use super::assembly::{curing, dry_room, impregnator, laminator, lot_store, press, sealer, stacker};
use super::electrode::{calender, coater, dryer, inspection, mixer, slitter};
use super::finishing::{aging, eol_tester, formation};
use super::generic;
use super::lab::{ald, diffractometer, furnace, glovebox, impedance, sample_store, sputter};
use super::{CycleContext, CycleStart, Station, StationModel};
use crate::unit::Unit;

macro_rules! station_kinds {
    ($($(#[$doc:meta])* $variant:ident($ty:ty),)+) => {
        /// The kind of a station and its kind-specific parameters, as written in a layout.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum StationKind {
            $($(#[$doc])* $variant($ty),)+
        }

        impl StationKind {
            /// The kind behind its common face.
            pub fn station(&self) -> &dyn Station {
                match self {
                    $(Self::$variant(s) => s,)+
                }
            }

            pub fn station_mut(&mut self) -> &mut dyn Station {
                match self {
                    $(Self::$variant(s) => s,)+
                }
            }

            // The line's hot path calls these by `match`, not through `&dyn Station` (see
            // `line::flow::begin_cycle`): one direct call per kind, no virtual dispatch.

            /// [`StationModel::start_cycle_quick`], dispatched statically.
            #[inline]
            pub fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleStart {
                match self {
                    $(Self::$variant(s) => super::start_cycle_of(s, unit, ctx),)+
                }
            }

            /// [`Station::is_continuous`], dispatched statically.
            #[inline]
            pub fn is_continuous(&self) -> bool {
                match self {
                    $(Self::$variant(_) => <$ty as StationModel>::CONTINUOUS,)+
                }
            }

            /// [`Station::has_stock`], dispatched statically.
            #[inline]
            pub fn has_stock(&self) -> bool {
                match self {
                    $(Self::$variant(s) => StationModel::has_stock(s),)+
                }
            }

            /// The variant name a layout uses for this kind (`"Coater"`), which the game
            /// uses to pick a 3D model.
            pub fn kind_name(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => stringify!($variant),)+
                }
            }
        }
    };
}

station_kinds! {
    /// A discrete station with a fixed cycle time and a scrap rate.
    Generic(generic::GenericStation),
    Mixer(mixer::Mixer),
    Coater(coater::Coater),
    Dryer(dryer::Dryer),
    Calender(calender::Calender),
    Inspection(inspection::Inspection),
    Slitter(slitter::Slitter),
    /// Slit cathode lots from storage: the assembly half's own supply.
    LotStore(lot_store::LotStore),
    Impregnator(impregnator::Impregnator),
    CuringOven(curing::CuringOven),
    AnodeLaminator(laminator::AnodeLaminator),
    Stacker(stacker::Stacker),
    StackPress(press::StackPress),
    PouchSealer(sealer::PouchSealer),
    /// The dry room an area stands in: a utility, not a step of the flow.
    DryRoom(dry_room::DryRoom),
    FormationRack(formation::FormationRack),
    AgingRack(aging::AgingRack),
    EolTester(eol_tester::EolTester),
    /// The labs' samples: pellets and coupons from storage, a batch at a time.
    SampleStore(sample_store::SampleStore),
    /// A glovebox: a utility of its area, like a dry room.
    Glovebox(glovebox::Glovebox),
    AnnealFurnace(furnace::AnnealFurnace),
    ImpedanceTester(impedance::ImpedanceTester),
    Diffractometer(diffractometer::Diffractometer),
    SputterChamber(sputter::SputterChamber),
    AldReactor(ald::AldReactor),
}
