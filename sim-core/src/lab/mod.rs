//! The labs' instruments as physics, apart from the line (the stations that use them come
//! with the Genk and Diepenbeek halls): the glovebox's atmosphere.

pub mod glovebox;
