//! `agglo`: the command-line face of the Agglo core. Every subcommand prints JSON (or CSV with
//! `--format csv`) on stdout; errors go to stderr as `E_CODE: message (location)` with exit status 2.

#![allow(clippy::indexing_slicing)]

#[path = "agglo/boundaries.rs"]
mod boundaries;
#[path = "agglo/clusters.rs"]
mod clusters;
#[path = "agglo/common.rs"]
mod common;
#[path = "agglo/concentration.rs"]
mod concentration;
#[path = "agglo/gaps.rs"]
mod gaps;
#[path = "agglo/gistar.rs"]
mod gistar;
#[path = "agglo/graph.rs"]
mod graph;
#[path = "agglo/hotspots.rs"]
mod hotspots;
#[path = "agglo/inspect.rs"]
mod inspect;
#[path = "agglo/io.rs"]
mod io;
#[path = "agglo/linkage.rs"]
mod linkage;
#[path = "agglo/lisa.rs"]
mod lisa;
#[path = "agglo/lq.rs"]
mod lq;
#[path = "agglo/moran.rs"]
mod moran;
#[path = "agglo/peers.rs"]
mod peers;
#[path = "agglo/priorities.rs"]
mod priorities;
#[path = "agglo/shift_share.rs"]
mod shift_share;
#[path = "agglo/spatial_args.rs"]
mod spatial_args;
#[path = "agglo/specialisation.rs"]
mod specialisation;
#[path = "agglo/weights.rs"]
mod weights;

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
    /// Boundary file summary (ids, names, properties, flagged geometry) and join with the data.
    Boundaries(boundaries::Args),
    /// Spatial weights (queen, rook, kNN, distance band) from boundaries: JSON, GAL or GWT.
    Weights(weights::Args),
    /// Global Moran's I (with Geary's C and General G).
    Moran(moran::Args),
    /// Local Moran's I (LISA): quadrant, pseudo p-value, significance per region.
    Lisa(lisa::Args),
    /// Local Getis-Ord G*_i (or G_i with --no-star): hot and cold spots.
    Gistar(gistar::Args),
    /// Connected groups of significant HH / hot regions and the administrative units they span.
    Hotspots(hotspots::Args),
    /// Region specialisation indices (Krugman, Hoover, Herfindahl, entropy, variety, Gini, Theil, ...).
    Specialisation(specialisation::Args),
    /// Industry concentration indices (locational Gini, Gini of LQs, Hoover, Ellison-Glaeser, ...).
    Concentration(concentration::Args),
    /// Shift-share decomposition (Dunn, Esteban-Marquillas, Gerfin, dynamic).
    ShiftShare(shift_share::Args),
    /// Cluster mapping, strength (US Cluster Mapping, European Cluster Observatory) and profiles.
    Clusters(clusters::Args),
    /// Rank a region's clusters by a weighted score.
    Priorities(priorities::Args),
    /// Peer regions by industry structure, or the top regions of a cluster.
    Peers(peers::Args),
    /// Input-output model: coefficients, multipliers, linkages, key sectors.
    Io(io::Args),
    /// Supplier gaps of a cluster in a region (IO requirements not supplied locally).
    Gaps(gaps::Args),
    /// Communities and centralities of an edge list.
    Graph(graph::Args),
    /// Industry linkage graph (input-output flows, co-location or relatedness): backbone,
    /// communities and centralities.
    Linkage(linkage::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Inspect(a) => inspect::run(a),
        Command::Lq(a) => lq::run(a),
        Command::Boundaries(a) => boundaries::run(a),
        Command::Weights(a) => weights::run(a),
        Command::Moran(a) => moran::run(a),
        Command::Lisa(a) => lisa::run(a),
        Command::Gistar(a) => gistar::run(a),
        Command::Hotspots(a) => hotspots::run(a),
        Command::Specialisation(a) => specialisation::run(a),
        Command::Concentration(a) => concentration::run(a),
        Command::ShiftShare(a) => shift_share::run(a),
        Command::Clusters(a) => clusters::run(a),
        Command::Priorities(a) => priorities::run(a),
        Command::Peers(a) => peers::run(a),
        Command::Io(a) => io::run(a),
        Command::Gaps(a) => gaps::run(a),
        Command::Graph(a) => graph::run(a),
        Command::Linkage(a) => linkage::run(a),
    };
    // A command that printed its own text (GAL/GWT) returns null.
    match result.and_then(|(value, format)| {
        if value.is_null() {
            Ok(())
        } else {
            common::emit(&value, format)
        }
    }) {
        Ok(()) => {}
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
