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
