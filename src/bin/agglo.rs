//! `agglo`: the command-line face of the Agglo core. Every subcommand prints JSON (or CSV with
//! `--format csv`) on stdout; errors go to stderr as `E_CODE: message (location)` with exit status 2.

#![allow(clippy::indexing_slicing)]

#[path = "agglo/common.rs"]
mod common;
#[path = "agglo/gaps.rs"]
mod gaps;
#[path = "agglo/graph.rs"]
mod graph;
#[path = "agglo/inspect.rs"]
mod inspect;
#[path = "agglo/io.rs"]
mod io;
#[path = "agglo/lq.rs"]
mod lq;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "agglo",
    version,
    about = "Regional industry-cluster analysis (location quotients, specialisation, shift-share, input-output, networks, spatial statistics)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Detected format, layout, columns and their proposed roles.
    Inspect(inspect::Args),
    /// Location quotients, shares of region and reference.
    Lq(lq::Args),
    /// Input-output model: coefficients, multipliers, linkages, key sectors.
    Io(io::Args),
    /// Supplier gaps of a cluster in a region (IO requirements not supplied locally).
    Gaps(gaps::Args),
    /// Communities and centralities of an edge list.
    Graph(graph::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Inspect(a) => inspect::run(a),
        Command::Lq(a) => lq::run(a),
        Command::Io(a) => io::run(a),
        Command::Gaps(a) => gaps::run(a),
        Command::Graph(a) => graph::run(a),
    };
    match result.and_then(|(value, format)| common::emit(&value, format)) {
        Ok(()) => {}
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
