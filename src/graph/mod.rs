//! Linkage graphs: industry graphs (IO, co-location, relatedness), backbones, communities
//! (Louvain, Leiden), centralities, firm networks. See `METHODS.md` §6.

mod community_core;
mod leiden;
mod louvain;
mod modularity;
mod network;

pub use community_core::{Communities, CommunityParams};
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

pub use betweenness::{
    betweenness, betweenness_closeness_sources, betweenness_scale, betweenness_sources,
    BetweennessParams,
};
pub use closeness::{closeness, closeness_nodes};
pub use degree::{degrees, Degrees};
pub use eigenvector::eigenvector_centrality;
pub use pagerank::pagerank;
pub use shortest_paths::DistanceRule;

mod backbone;
mod brokerage;
mod cluster_export;
mod colocation;
mod components;
mod correlation;
mod edge_list;
mod firms;
mod io_graph;
mod relatedness;

pub use backbone::{backbone, Backbone};
pub use brokerage::{gould_fernandez, BrokerageRoles};
pub use cluster_export::{
    communities_to_definitions, definitions_csv, definitions_through_crosswalk,
    ClusterDefinitionRow,
};
pub use colocation::{colocation_graph, ColocationMeasure, ColocationParams};
pub use components::{
    bridges_and_articulation_points, connected_components, Components, CutStructure,
};
pub use edge_list::{
    firm_graph, parse_edge_list, parse_node_table, DuplicateRule, EdgeList, EdgeListOptions,
    NodeTable, NodeTableOptions, SelfLoopRule,
};
pub use firms::{
    firm_network_report, CommunityMethod, FirmNetworkParams, FirmNetworkReport, FirmNode,
};
pub use io_graph::{io_linkage_graph, IoGraphMethod, IoGraphParams};
pub use relatedness::{proximity_from_binary, relatedness_graph};

mod generate;
pub use generate::planted_partition;
