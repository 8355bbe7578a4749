//! The runtime's unit tests, by concern: each runs the real runtime's pallets and
//! configurations on the development genesis or a synthetic state.

mod configs;
mod consensus;
mod emergency;
mod governance;
pub(crate) mod support;
mod voting;
