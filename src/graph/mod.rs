//! Linkage graphs: industry graphs (IO, co-location, relatedness), backbones, communities
//! (Louvain, Leiden), centralities, firm networks. See `METHODS.md` §6.

mod community_core;
mod leiden;
mod louvain;
mod modularity;
mod network;

pub use community_core::{CommunityParams, Communities};
pub use leiden::leiden;
pub use louvain::louvain;
pub use modularity::modularity;
pub use network::{Edge, Graph};

mod betweenness;
mod closeness;
mod degree;
mod eigenvector;
mod pagerank;
mod shortest_paths;

pub use betweenness::{betweenness, BetweennessParams};
pub use closeness::closeness;
pub use degree::{degrees, Degrees};
pub use eigenvector::eigenvector_centrality;
pub use pagerank::pagerank;
pub use shortest_paths::DistanceRule;
