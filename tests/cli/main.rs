//! End-to-end tests of the `kompas` binary: one test binary, a module per
//! feature. Each test runs the built binary on a temporary copy of a
//! fixture and asserts exit code, stderr and the PDF's text and metadata.

mod batch;
mod bundle;
mod commands;
mod common;
mod datamodel;
mod english;
mod errors;
mod kinds;
mod layout;
mod limits;
mod opendata;
mod output;
mod project;
mod reading;
mod render;
mod sandbox;
mod scale;
mod tables;
mod watch;
