//! kompas turns a municipality's Kwaliteitskompas (YAML and CSV) into
//! accessible PDF council reports.
//!
//! The pipeline has one module per stage, each with one entry:
//! [`load::load`] -> [`model::build`] -> [`facts::facts`] ->
//! [`view::view`] -> [`typeset::typeset`] -> [`export::pdf`]; the open
//! data ([`opendata`]) is written from the facts. [`run`] strings them together
//! for the commands; [`cli`] is the only module that knows the command line.

pub mod cli;
pub mod diagnostic;
pub mod exit;
pub mod export;
pub mod facts;
pub mod generate;
pub mod init;
pub mod limits;
pub mod load;
pub mod model;
pub mod opendata;
pub mod output;
pub mod period;
pub mod run;
pub mod typeset;
pub mod view;
